// Who may call a method: the one check, for every method the traits table limits. A
// workstation on its own is its user's, who keeps its configuration; signed in to a team
// server, it refuses at once what the server would refuse later (the server checks again).
import type { Database } from 'better-sqlite3';
import { editorsText, kindWords, mayEdit, type ConfigKind } from '../../shared/config-sync';
import type { ArgsOut, Method } from '../../shared/contract';
import { VigilFailure } from '../../shared/errors';
import { OVERSEERS } from '../../shared/event-rules';
import { connection } from '../sync/state';

export type Callers<M extends Method> =
  | 'anyone'
  /**
   * A supervisor or an admin signed in to the team server, never a workstation on its own;
   * `does` is what the refusal says only they do ("resolves conflicts").
   */
  | { overseers: true; does: string }
  /**
   * Signed in to a team server, the roles that may edit this kind of shared configuration
   * (shared/config-sync.ts); on its own, anyone. `when`: only calls it holds for are limited.
   */
  | { editors: ConfigKind; when?: (args: ArgsOut<M>) => boolean };

export function checkCaller<M extends Method>(db: Database, callers: Callers<M>, args: ArgsOut<M>): void {
  if (callers === 'anyone') return;
  const role = connection(db)?.role;
  if ('overseers' in callers) {
    if (!role || !(OVERSEERS as readonly string[]).includes(role)) {
      throw new VigilFailure(
        'action_refused',
        `Only a supervisor ${callers.does}: sign this workstation in to the server as a supervisor.`,
      );
    }
    return;
  }
  if (callers.when && !callers.when(args)) return;
  if (!mayEdit(callers.editors, role)) {
    throw new VigilFailure(
      'action_refused',
      `Only ${editorsText(callers.editors)} edits ${kindWords(callers.editors)}: this workstation is signed in as a ${role}.`,
    );
  }
}
