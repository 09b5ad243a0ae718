// One pull page: events, (from schema 2) ingested content and (from schema 3) configuration
// events and connectors' acknowledgements of replies, merged in server order. The head is read
// first and the page cut there: numbers are handed out and committed in order, so nothing at or
// below it can still appear, and the separate reads cannot disagree.
import { CONFIG_PLATFORM } from '../shared/config-sync';
import type { PullResponse, ServerAck, ServerContent, ServerEvent } from '../shared/sync';
import type { ServerStore } from './store/types';

/** The first schema whose pulls carry content. */
export const CONTENT_SCHEMA = 2;
/** The first schema whose pulls carry configuration events (an older workstation would park them as events on an unknown item). */
export const CONFIG_SCHEMA = 3;
/** The first schema whose pulls and snapshots carry acknowledgements. */
export const ACK_SCHEMA = 3;
/** The first schema that reads the author of record from `by` (older ones read `actor`: they get `by` there). */
export const PROVEN_SCHEMA = 4;

/**
 * An event as a workstation of this schema reads it: an older one takes `actor` for the author
 * (so it gets the proven one) and `reason` for the server's verdict.
 */
export function eventFor(e: ServerEvent, schemaVersion: number): ServerEvent {
  return schemaVersion >= PROVEN_SCHEMA ? e : { ...e, actor: e.by, reason: e.verdict };
}

export async function pullPage(store: ServerStore, cursor: number, limit: number, schemaVersion: number): Promise<PullResponse> {
  const head = await store.head();
  const events = (await store.pull(cursor, limit + 1)).filter((e) => e.seq <= head);
  const content = schemaVersion >= CONTENT_SCHEMA ? await store.pullContent(cursor, head, limit + 1) : [];
  const acks = schemaVersion >= ACK_SCHEMA ? await store.pullAcks(cursor, head, limit + 1) : [];
  const merged: (ServerEvent | ServerContent | ServerAck)[] = [...events, ...content, ...acks].sort((a, b) => a.seq - b.seq);
  const more = merged.length > limit;
  const page = more ? merged.slice(0, limit) : merged;
  const last = page[page.length - 1]?.seq ?? cursor;
  const upTo = page.length ? last : Number.MAX_SAFE_INTEGER;
  return {
    events: events
      .filter((e) => e.seq <= upTo && (schemaVersion >= CONFIG_SCHEMA || e.platform !== CONFIG_PLATFORM))
      .map((e) => eventFor(e, schemaVersion)),
    ...(schemaVersion >= CONTENT_SCHEMA ? { content: content.filter((c) => c.seq <= upTo) } : {}),
    ...(schemaVersion >= ACK_SCHEMA ? { acks: acks.filter((a) => a.seq <= upTo) } : {}),
    // A whole range read: the next pull starts after the head, past numbers no row holds any more.
    cursor: more ? last : Math.max(cursor, head),
    more,
    head,
  };
}
