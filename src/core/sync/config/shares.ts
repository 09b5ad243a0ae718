// What each save of shared configuration leaves for the team's server: the documents it
// changed, queued in the save's own transaction (api/traits.ts names the methods, and
// api/apply-traits.ts runs the save and these together). The features' handlers stay unaware
// of sync; shareChange queues nothing on a workstation that is not connected.
import type { Database } from 'better-sqlite3';
import type { ArgsOut, Method, ResultOf } from '../../../shared/contract';
import { stmt } from '../../db/statements';
import { policyDoc, teamDoc, templateDoc, thresholdsDoc } from './documents';
import { configDocInfo } from './log';

export interface ConfigChange {
  doc: string;
  body: unknown;
}

export interface ConfigShare<M extends Method> {
  /** Only calls this holds for save shared configuration (the others run as they are). */
  when?: (args: ArgsOut<M>) => boolean;
  /**
   * Called in the transaction just before the save, with what it needs to remember of the
   * state before; what it returns is called just after the save, with its result, and names
   * the documents to queue, in order.
   */
  changes: (db: Database, args: ArgsOut<M>) => (result: ResultOf<M>) => ConfigChange[];
}

const positions = (db: Database) =>
  new Map(
    stmt<[], { id: string; position: number }>(db, 'SELECT id, position FROM templates')
      .all()
      .map((r) => [r.id, r.position]),
  );

export const templateSaved: ConfigShare<'templates.save'> = {
  changes: (db) => (r) => [templateDoc(db, r.template.id)],
};

export const templateDeleted: ConfigShare<'templates.delete'> = {
  changes: (db, a) => (r) => (r.deleted ? [templateDoc(db, a.id)] : []),
};

export const templatesReordered: ConfigShare<'templates.reorder'> = {
  changes: (db) => {
    const before = positions(db);
    // Each template is its own document: the ones whose place changed go out.
    return () => [...positions(db)].filter(([id, position]) => before.get(id) !== position).map(([id]) => templateDoc(db, id));
  },
};

export const teamSaved: ConfigShare<'sla.team.save'> = {
  changes: (db) => (r) => [teamDoc(db, r.team.id)],
};

export const policySaved: ConfigShare<'sla.policy.save'> = {
  changes: (db) => (r) => {
    // The policy names its team by key: a team the server has not had from here goes out first.
    const team = teamDoc(db, r.policy.teamId);
    return [...(configDocInfo(db, [team.doc]).length ? [] : [team]), policyDoc(db, r.policy.id)];
  },
};

/** Actor, keys and blurring stay the person's own; thresholds are the team's. */
export const setsThresholds = (patch: ArgsOut<'settings.set'>): boolean => !!patch.thresholds;

export const thresholdsSet: ConfigShare<'settings.set'> = {
  when: setsThresholds,
  changes: (db) => () => [thresholdsDoc(db)],
};
