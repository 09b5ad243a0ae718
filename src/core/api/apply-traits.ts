// The traits table put to work on the joined handlers: each limited method checks its caller
// first, each save of shared configuration runs with the queueing of what it changed, in one
// transaction, and each method that stores new items waits for the language detector. Methods
// open to anyone that share nothing keep their handler as it is.
import type { Database } from 'better-sqlite3';
import { METHODS, type ArgsOut, type CoreHandlers, type Method, type ResultOf } from '../../shared/contract';
import type { Actor } from '../decisions/log';
import { shareChange } from '../sync/config/log';
import { languageReady } from '../triage/classify/language';
import { checkCaller } from './callers';
import { TRAITS, type MethodTable, type MethodTraits } from './traits';

type Handler<M extends Method> = (args: ArgsOut<M>) => ResultOf<M> | Promise<ResultOf<M>>;

function withTraitsOf<M extends Method>(db: Database, who: Actor, method: M, handler: Handler<M>, traits: MethodTraits<M>): Handler<M> {
  const { callers, shares, classifies } = traits;
  if (classifies) {
    if (callers !== 'anyone' || shares !== null) throw new Error(`${method}: a method that stores items neither limits callers nor shares`);
    return async (args) => {
      await languageReady();
      return handler(args);
    };
  }
  if (callers === 'anyone' && (shares === null || shares === 'by its handler')) return handler;
  return (args) => {
    checkCaller(db, callers, args);
    if (shares === null || shares === 'by its handler' || (shares.when && !shares.when(args))) return handler(args);
    return db.transaction(() => {
      const changed = shares.changes(db, args);
      const result = handler(args);
      // A transaction cannot wait: a save that answers later would share before it is done.
      if (result instanceof Promise) throw new Error(`${method} shares configuration and must answer at once`);
      for (const change of changed(result)) shareChange(db, who, change);
      return result;
    })();
  };
}

export function applyTraits(db: Database, who: Actor, handlers: CoreHandlers, traits: MethodTable = TRAITS): CoreHandlers {
  const out = {} as Record<Method, unknown>;
  for (const m of METHODS) out[m] = withTraitsOf(db, who, m, handlers[m] as Handler<typeof m>, traits[m] as MethodTraits<typeof m>);
  return out as CoreHandlers;
}
