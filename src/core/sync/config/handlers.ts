// The configuration methods, shared: each save is wrapped so that the document it leaves is
// queued for the server in the same transaction (shareChange does nothing on a workstation that
// is not connected), and, signed in to a server, only the roles the server will accept may save.
// Wrapping rather than editing each feature's handlers keeps the features unaware of sync.
// rules.save is the exception (its re-routing runs after the save, outside a transaction): the
// rules handler queues its document itself.
import type { Database } from 'better-sqlite3';
import { editorsText, kindWords, mayEdit, type ConfigKind } from '../../../shared/config-sync';
import type { CoreHandlers } from '../../../shared/contract';
import { VigilFailure } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor } from '../../decisions/log';
import { connection } from '../state';
import { policyDoc, teamDoc, templateDoc, thresholdsDoc } from './documents';
import { configDocInfo, shareChange } from './log';

type Wrapped = 'templates.save' | 'templates.delete' | 'templates.reorder' | 'sla.team.save' | 'sla.policy.save' | 'settings.set' | 'config.docs';

/** Signed in to a server, a role it would refuse is refused here first. */
export function checkEditor(db: Database, kind: ConfigKind): void {
  const role = connection(db)?.role;
  if (!mayEdit(kind, role)) {
    throw new VigilFailure('action_refused', `Only ${editorsText(kind)} changes ${kindWords(kind)}: this workstation is signed in as a ${role}.`);
  }
}

export function sharedConfigHandlers(db: Database, who: Actor, base: Pick<CoreHandlers, Exclude<Wrapped, 'config.docs'>>): Pick<CoreHandlers, Wrapped> {
  const inOne = <T>(work: () => T): T => db.transaction(work)();
  const positions = () => new Map(stmt<[], { id: string; position: number }>(db, 'SELECT id, position FROM templates').all().map((r) => [r.id, r.position]));
  return {
    'templates.save': (t) =>
      inOne(() => {
        const r = base['templates.save'](t) as ReturnType<CoreHandlers['templates.save']> & { template: { id: string } };
        shareChange(db, who, templateDoc(db, r.template.id));
        return r;
      }),
    'templates.delete': (a) =>
      inOne(() => {
        const r = base['templates.delete'](a) as { deleted: boolean };
        if (r.deleted) shareChange(db, who, templateDoc(db, a.id));
        return r;
      }),
    'templates.reorder': (a) =>
      inOne(() => {
        const before = positions();
        const r = base['templates.reorder'](a);
        // Each template is its own document: the ones whose place changed go out.
        for (const [id, position] of positions()) if (before.get(id) !== position) shareChange(db, who, templateDoc(db, id));
        return r;
      }),
    'sla.team.save': (t) => {
      checkEditor(db, 'team');
      return inOne(() => {
        const r = base['sla.team.save'](t) as ReturnType<CoreHandlers['sla.team.save']> & { team: { id: number } };
        shareChange(db, who, teamDoc(db, r.team.id));
        return r;
      });
    },
    'sla.policy.save': (p) => {
      checkEditor(db, 'sla-policy');
      return inOne(() => {
        const r = base['sla.policy.save'](p) as ReturnType<CoreHandlers['sla.policy.save']> & { policy: { id: number; teamId: number } };
        // The policy names its team by key: a team the server has not had from here goes out first.
        const team = teamDoc(db, r.policy.teamId);
        if (!configDocInfo(db, [team.doc]).length) shareChange(db, who, team);
        shareChange(db, who, policyDoc(db, r.policy.id));
        return r;
      });
    },
    'settings.set': (patch) => {
      // Actor, keys and blurring stay the person's own; thresholds are the team's.
      if (!patch.thresholds) return base['settings.set'](patch);
      checkEditor(db, 'thresholds');
      return inOne(() => {
        const r = base['settings.set'](patch);
        shareChange(db, who, thresholdsDoc(db));
        return r;
      });
    },
    'config.docs': ({ docs }) => ({ docs: configDocInfo(db, docs) }),
  };
}
