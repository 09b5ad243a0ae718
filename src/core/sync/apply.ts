// Pulling: a page of server content and events, and the cursor after it, go in one
// transaction. Content first (so a decision never lands before its item); events of other
// workstations join the local log (and the items they act on are folded again), this
// workstation's own come back with the server's verdict, events about items not here yet
// are parked until the item arrives, one that cannot be taken is set aside with its reason
// (never stopping the page), and connectors' acknowledgements of replies are kept.
// Configuration events (shared/config-sync) name no item: they go to the configuration log and
// the documents they carry are written in the same transaction; what a local save re-does
// after it (routing again, dues) is left to the caller.
import type { Database } from 'better-sqlite3';
import { CONFIG_PLATFORM } from '../../shared/config-sync';
import type { ServerAck, ServerContent, ServerEvent } from '../../shared/sync';
import { applyAcks } from './acks';
import { stmt } from '../db/statements';
import { reproject } from '../decisions/project';
import type { ItemScorer } from '../detection/scores/item-scores';
import { applyContent } from './content';
import { noEffects, type ConfigEffects } from './config/documents';
import { takeConfigEvent } from './config/log';
import { park } from './parked';
import { commitLog, type PageLog } from './log-copy';
import { setCursor } from './state';
import { withFallback } from './fallback';
import { takeEvent } from './take-event';

export interface Applied {
  applied: number;
  /** Events about items this workstation does not have (yet): parked until the item comes. */
  parked: number;
  /** Events kept beside the log with their reason (take-event.ts). */
  setAside: number;
}

/**
 * Inside the caller's transaction. `touched`: the caller folds these items again itself (a
 * snapshot, once at its end, rather than once per batch each item appears in).
 */
export function applyEvents(
  db: Database,
  events: readonly ServerEvent[],
  now: number,
  touched?: Set<number>,
  effects: ConfigEffects = noEffects(),
  isolate = true,
): Applied {
  let applied = 0;
  let parked = 0;
  let setAside = 0;
  const fold = touched ?? new Set<number>();
  const itemOf = stmt<[string, string], { id: number }>(db, 'SELECT id FROM items WHERE platform = ? AND external_id = ?');
  for (const e of events) {
    if (e.platform === CONFIG_PLATFORM) {
      takeConfigEvent(db, e, now, effects);
      continue;
    }
    const item = itemOf.get(e.platform, e.externalId);
    if (!item) {
      park(db, e, now);
      parked++;
      continue;
    }
    const taken = takeEvent(db, e, item.id, now, isolate);
    if (taken === 'new') applied++;
    else if (taken === 'set-aside') setAside++;
    fold.add(item.id);
  }
  if (!touched) for (const id of fold) reproject(db, id);
  return { applied, parked, setAside };
}

export function applyPage(
  db: Database,
  page: { events: readonly ServerEvent[]; content?: readonly ServerContent[] | undefined; acks?: readonly ServerAck[] | undefined },
  cursor: number,
  now: number,
  scorer: ItemScorer,
  effects: ConfigEffects = noEffects(),
  logged: PageLog | null = null,
): Applied & { content: number } {
  return withFallback(db, (isolate) => {
    if (logged) commitLog(db, logged, now);
    const content = page.content?.length ? applyContent(db, page.content, now, scorer, isolate).stored : 0;
    const r = applyEvents(db, page.events, now, undefined, effects, isolate);
    if (page.acks?.length) applyAcks(db, page.acks);
    setCursor(db, cursor);
    return { ...r, content };
  });
}
