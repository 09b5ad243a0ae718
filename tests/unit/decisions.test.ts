import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/open';
import { applyDecision, claimItems, handOver, labelItems, noteItem, undoEvents } from '../../src/core/decisions/decide';
import { foldEvents } from '../../src/core/decisions/fold';
import { eventsOfItem, verifyChain } from '../../src/core/decisions/log';
import { DECISION_ACTIONS, DECISION_STATUS, type DecisionAction } from '../../src/shared/model';
import { VigilFailure } from '../../src/shared/errors';
import { CLAIM_LEASE_MS } from '../../src/shared/sync';
import { actor, importText, item, itemId, memoryDb, ndjson, queueCountsActual, queueCountsTable, fileDb } from './helpers';

async function withItems(db: Database, n = 3): Promise<number[]> {
  const ids = Array.from({ length: n }, (_, i) => `d${i + 1}`);
  await importText(db, 'items.ndjson', ndjson(ids.map((id) => item(id, { author: null }))));
  return ids.map((id) => itemId(db, id));
}

function row(db: Database, id: number) {
  const r = db.prepare('SELECT status, labels, assignee, claim_until, version, decided_by, decided_at FROM items WHERE id = ?').get(id) as {
    status: string;
    labels: string;
    assignee: string | null;
    claim_until: number | null;
    version: number;
    decided_by: string | null;
    decided_at: number | null;
  };
  return { ...r, labels: JSON.parse(r.labels) as string[] };
}

function failure(fn: () => unknown): VigilFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof VigilFailure) return e;
    throw e;
  }
  throw new Error('expected a VigilFailure');
}

describe('decisions', () => {
  it('a decision derives the status, by whom and when', async () => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    const who = actor('ana');
    const [out] = applyDecision(db, who, { itemIds: [a!], action: 'escalate', reason: 'legal threat' });
    expect(out).toMatchObject({ itemId: a, status: 'escalated', version: 1 });
    expect(row(db, a!)).toMatchObject({ status: 'escalated', version: 1, decided_by: 'ana', decided_at: who.now() });
    const ev = db.prepare('SELECT id, action, actor, reason, base_version, created_at FROM events WHERE item_id = ?').all(a);
    expect(ev).toEqual([
      { id: out!.eventId, action: 'escalate', actor: 'ana', reason: 'legal threat', base_version: 0, created_at: who.now() },
    ]);
  });

  it.each(DECISION_ACTIONS)('%s leaves the item in its status', async (action: DecisionAction) => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    applyDecision(db, actor(), { itemIds: [a!], action, note: action === 'reply' ? 'Thanks!' : undefined });
    expect(row(db, a!).status).toBe(DECISION_STATUS[action]);
  });

  it('undo is a new event that brings the previous status back', async () => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    const who = actor();
    applyDecision(db, who, { itemIds: [a!], action: 'approve' });
    who.tick(1000);
    const [spam] = applyDecision(db, who, { itemIds: [a!], action: 'spam' });
    expect(row(db, a!).status).toBe('spam');

    who.tick(1000);
    const [undo] = undoEvents(db, who, [spam!.eventId]);
    expect(undo).toMatchObject({ itemId: a, status: 'approved', version: 3 });
    expect(row(db, a!)).toMatchObject({ status: 'approved', version: 3 });
    // the undone event stays in the log, and the undo names it
    const log = db.prepare('SELECT action, undo_of FROM events WHERE item_id = ? ORDER BY seq').all(a);
    expect(log).toEqual([
      { action: 'approve', undo_of: null },
      { action: 'spam', undo_of: null },
      { action: 'undo', undo_of: spam!.eventId },
    ]);
  });

  it('undoing the only decision puts the item back to new', async () => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    const [d] = applyDecision(db, actor(), { itemIds: [a!], action: 'remove' });
    undoEvents(db, actor(), [d!.eventId]);
    expect(row(db, a!)).toMatchObject({ status: 'new', decided_by: null, decided_at: null, version: 2 });
  });

  it('refuses to undo an undo, or the same decision twice, with code undo_refused and nothing written', async () => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    const who = actor();
    const [d] = applyDecision(db, who, { itemIds: [a!], action: 'spam' });
    const [u] = undoEvents(db, who, [d!.eventId]);
    const events = () => db.prepare('SELECT count(*) FROM events').pluck().get();
    const before = events();

    const again = failure(() => undoEvents(db, who, [d!.eventId]));
    expect(again.code).toBe('undo_refused');
    expect(again.message).toMatch(/already undone/);
    const ofUndo = failure(() => undoEvents(db, who, [u!.eventId]));
    expect(ofUndo.code).toBe('undo_refused');
    expect(ofUndo.message).toMatch(/undo cannot itself be undone/);
    expect(failure(() => undoEvents(db, who, ['018f0000-0000-7000-8000-000000000000'])).code).toBe('not_found');

    expect(events()).toBe(before);
    expect(row(db, a!).status).toBe('new');
  });

  it('undoing several decisions at once, one of them already undone, is refused whole', async () => {
    const db = memoryDb();
    const [a, b] = await withItems(db, 2);
    const who = actor();
    const [da] = applyDecision(db, who, { itemIds: [a!], action: 'spam' });
    const [db2] = applyDecision(db, who, { itemIds: [b!], action: 'spam' });
    undoEvents(db, who, [da!.eventId]);
    expect(failure(() => undoEvents(db, who, [db2!.eventId, da!.eventId])).code).toBe('undo_refused');
    expect(row(db, b!).status).toBe('spam');
  });

  it('adds and removes labels, and undo of a label event takes it back', async () => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    const who = actor();
    labelItems(db, who, { itemIds: [a!], add: ['urgent', 'billing'], remove: [] });
    expect(row(db, a!).labels).toEqual(['billing', 'urgent']);
    const [rm] = labelItems(db, who, { itemIds: [a!], add: ['vip'], remove: ['urgent'] });
    expect(row(db, a!).labels).toEqual(['billing', 'vip']);
    expect(db.prepare('SELECT label FROM item_labels WHERE item_id = ? ORDER BY label').pluck().all(a)).toEqual(['billing', 'vip']);
    // a label both added and removed in one call is added
    labelItems(db, who, { itemIds: [a!], add: ['x'], remove: ['x'] });
    expect(row(db, a!).labels).toContain('x');

    undoEvents(db, who, [rm!.eventId]);
    expect(row(db, a!).labels).toEqual(['billing', 'urgent', 'x']);
    expect(db.prepare('SELECT label FROM item_labels WHERE item_id = ? ORDER BY label').pluck().all(a)).toEqual(['billing', 'urgent', 'x']);
  });

  it('claim, release and hand over set the assignee; handover to oneself is refused', async () => {
    const db = memoryDb();
    const [a, b] = await withItems(db, 2);
    const ana = actor('ana');
    claimItems(db, ana, { itemIds: [a!, b!], claim: true });
    expect(row(db, a!).assignee).toBe('ana');
    expect(row(db, b!).assignee).toBe('ana');
    // A claim is a lease the server grants for a while: the workstation asks for its length.
    expect(row(db, a!).claim_until).toBe(ana.now() + CLAIM_LEASE_MS);
    claimItems(db, ana, { itemIds: [b!], claim: false });
    expect(row(db, b!).assignee).toBeNull();
    expect(row(db, b!).claim_until).toBeNull();

    const [h] = handOver(db, ana, { itemIds: [a!], to: 'bo', reason: 'billing expert' });
    expect(row(db, a!).assignee).toBe('bo');
    expect(db.prepare('SELECT reason, payload FROM events WHERE id = ?').get(h!.eventId)).toEqual({
      reason: 'billing expert',
      payload: JSON.stringify({ to: 'bo', until: ana.now() + CLAIM_LEASE_MS }),
    });

    const self = failure(() => handOver(db, ana, { itemIds: [b!], to: 'ana', reason: 'because' }));
    expect(self.code).toBe('action_refused');
    expect(row(db, b!).assignee).toBeNull();

    // A hand-over is not undone (the server's lease moved with it): the one who has it hands it on.
    expect(failure(() => undoEvents(db, ana, [h!.eventId])).code).toBe('undo_refused');
    expect(row(db, a!).assignee).toBe('bo');
  });

  it('a note is an event that changes no status', async () => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    applyDecision(db, actor(), { itemIds: [a!], action: 'approve' });
    noteItem(db, actor(), { itemId: a!, text: 'customer called too' });
    expect(row(db, a!)).toMatchObject({ status: 'approved', version: 2 });
    expect(db.prepare("SELECT note FROM events WHERE action = 'note'").pluck().get()).toBe('customer called too');
  });

  it('decides many items in one call, one event each, in one transaction', async () => {
    const db = memoryDb();
    const ids = await withItems(db, 5);
    const out = applyDecision(db, actor(), { itemIds: [...ids, ids[0]!], action: 'spam', reason: 'wave' });
    expect(out.map((o) => o.itemId)).toEqual(ids);
    expect(new Set(out.map((o) => o.eventId)).size).toBe(5);
    for (const id of ids) expect(row(db, id).status).toBe('spam');
    expect(queueCountsTable(db)).toEqual({ 'mentions/spam': 5 });

    // an unknown item in the batch: nothing of the batch is written
    const before = db.prepare('SELECT count(*) FROM events').pluck().get();
    const e = failure(() => applyDecision(db, actor(), { itemIds: [ids[0]!, 999_999], action: 'approve' }));
    expect(e.code).toBe('not_found');
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(before);
    expect(row(db, ids[0]!).status).toBe('spam');
  });

  it('the events table refuses UPDATE and DELETE', async () => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    applyDecision(db, actor(), { itemIds: [a!], action: 'approve' });
    expect(() => db.prepare("UPDATE events SET action = 'remove'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT action FROM events').pluck().all()).toEqual(['approve']);
  });

  it('puts every event in the outbox once, in order', async () => {
    const db = memoryDb();
    const [a, b] = await withItems(db, 2);
    const who = actor();
    applyDecision(db, who, { itemIds: [a!, b!], action: 'approve' });
    labelItems(db, who, { itemIds: [a!], add: ['x'], remove: [] });
    const [d] = applyDecision(db, who, { itemIds: [b!], action: 'remove' });
    undoEvents(db, who, [d!.eventId]);
    const seqs = db.prepare('SELECT seq FROM events ORDER BY seq').pluck().all();
    expect(seqs).toHaveLength(5);
    expect(db.prepare('SELECT event_seq FROM outbox ORDER BY event_seq').pluck().all()).toEqual(seqs);
    expect(db.prepare('SELECT count(*) FROM outbox WHERE attempts = 0').pluck().get()).toBe(5);
  });

  it('numbers events per client without gaps', async () => {
    const db = memoryDb();
    const [a] = await withItems(db, 1);
    applyDecision(db, actor('ana', 'c1'), { itemIds: [a!], action: 'approve' });
    applyDecision(db, actor('bo', 'c2'), { itemIds: [a!], action: 'remove' });
    applyDecision(db, actor('ana', 'c1'), { itemIds: [a!], action: 'spam' });
    expect(db.prepare('SELECT client_id, client_seq, base_version FROM events ORDER BY seq').all()).toEqual([
      { client_id: 'c1', client_seq: 1, base_version: 0 },
      { client_id: 'c2', client_seq: 1, base_version: 1 },
      { client_id: 'c1', client_seq: 2, base_version: 2 },
    ]);
  });
});

describe('hash chain', () => {
  async function chained() {
    const { db, file } = fileDb();
    const [a, b] = await withItems(db, 2);
    const who = actor();
    applyDecision(db, who, { itemIds: [a!, b!], action: 'approve' });
    labelItems(db, who, { itemIds: [a!], add: ['x'], remove: [] });
    noteItem(db, who, { itemId: b!, text: 'n' });
    return { db, file };
  }

  it('links each event to the one before and verifies', async () => {
    const { db } = await chained();
    expect(verifyChain(db)).toBe(-1);
    const rows = db.prepare('SELECT prev_hash, hash FROM events ORDER BY seq').all() as { prev_hash: string; hash: string }[];
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('detects an event rewritten behind its back (trigger dropped on a raw connection)', async () => {
    const { db, file } = await chained();
    db.close();
    const raw = openDatabase(file);
    raw.exec('DROP TRIGGER events_append_only_update');
    raw.prepare("UPDATE events SET action = 'remove' WHERE seq = 2").run();
    expect(verifyChain(raw)).toBe(1);
    raw.close();
  });

  it('detects a deleted event', async () => {
    const { db, file } = await chained();
    db.close();
    const raw = openDatabase(file);
    raw.exec('DROP TRIGGER events_append_only_delete');
    raw.pragma('foreign_keys = OFF');
    raw.prepare('DELETE FROM events WHERE seq = 2').run();
    expect(verifyChain(raw)).toBe(1);
    raw.close();
  });

  it('detects a rewritten hash that no longer links to the next event', async () => {
    const { db, file } = await chained();
    db.close();
    const raw = openDatabase(file);
    raw.exec('DROP TRIGGER events_append_only_update');
    raw.prepare("UPDATE events SET note = 'forged' WHERE seq = 4").run();
    expect(verifyChain(raw)).toBe(3);
    raw.close();
  });
});

// --- property: the projection always equals the fold of the log ---------------------------

type Cmd =
  | { t: 'decide'; item: number; action: DecisionAction }
  | { t: 'label'; item: number; add: string[]; remove: string[] }
  | { t: 'claim'; item: number; claim: boolean }
  | { t: 'handover'; item: number; to: string }
  | { t: 'note'; item: number }
  | { t: 'undo'; pick: number };

const LABELS = ['a', 'b', 'c'];
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ t: fc.constant('decide' as const), item: fc.nat(2), action: fc.constantFrom(...DECISION_ACTIONS) }),
  fc.record({
    t: fc.constant('label' as const),
    item: fc.nat(2),
    add: fc.uniqueArray(fc.constantFrom(...LABELS), { maxLength: 2 }),
    remove: fc.uniqueArray(fc.constantFrom(...LABELS), { maxLength: 2 }),
  }),
  fc.record({ t: fc.constant('claim' as const), item: fc.nat(2), claim: fc.boolean() }),
  fc.record({ t: fc.constant('handover' as const), item: fc.nat(2), to: fc.constantFrom('bo', 'cy', 'ana') }),
  fc.record({ t: fc.constant('note' as const), item: fc.nat(2) }),
  fc.record({ t: fc.constant('undo' as const), pick: fc.nat(1000) }),
  fc.record({ t: fc.constant('undo' as const), pick: fc.constant(-1) }), // the latest event
);

/** A model written independently of fold.ts: replay the effective events in order. */
function model(
  events: { id: string; action: string; actor: string; labels: string | null; payload: string | null; undo_of: string | null }[],
) {
  const undone = new Set(events.filter((e) => e.action === 'undo').map((e) => e.undo_of));
  let status = 'new';
  let assignee: string | null = null;
  const labels = new Set<string>();
  for (const e of events) {
    if (e.action === 'undo' || undone.has(e.id)) continue;
    if (e.action in DECISION_STATUS) status = DECISION_STATUS[e.action as DecisionAction];
    if (e.action === 'claim') assignee = e.actor;
    if (e.action === 'release') assignee = null;
    if (e.action === 'handover') assignee = (JSON.parse(e.payload!) as { to: string }).to;
    if (e.action === 'label') {
      for (const l of e.labels ? (JSON.parse(e.labels) as string[]) : []) labels.add(l);
      const remove = e.payload ? ((JSON.parse(e.payload) as { remove?: string[] }).remove ?? []) : [];
      for (const l of remove) labels.delete(l);
    }
  }
  return { status, labels: [...labels].sort(), assignee, version: events.length };
}

describe('property: the items row is the fold of its events', () => {
  it('holds for random sequences of actions and undos on a few items', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 40 }), async (cmds) => {
        const db = openDatabase(':memory:');
        try {
          const items = await withItems(db, 3);
          const who = actor('ana');
          for (const c of cmds) {
            who.tick(1000);
            try {
              if (c.t === 'decide') applyDecision(db, who, { itemIds: [items[c.item]!], action: c.action, note: 'r' });
              else if (c.t === 'label') labelItems(db, who, { itemIds: [items[c.item]!], add: c.add, remove: c.remove });
              else if (c.t === 'claim') claimItems(db, who, { itemIds: [items[c.item]!], claim: c.claim });
              else if (c.t === 'handover') handOver(db, who, { itemIds: [items[c.item]!], to: c.to, reason: 'shift ends' });
              else if (c.t === 'note') noteItem(db, who, { itemId: items[c.item]!, text: 'n' });
              else {
                const ids = db.prepare('SELECT id FROM events ORDER BY seq').pluck().all() as string[];
                if (!ids.length) continue;
                undoEvents(db, who, [c.pick < 0 ? ids[ids.length - 1]! : ids[c.pick % ids.length]!]);
              }
            } catch (e) {
              // refusals are expected (undo of an undo, handover to oneself), nothing else
              expect(e).toBeInstanceOf(VigilFailure);
              expect(['undo_refused', 'action_refused']).toContain((e as VigilFailure).code);
            }

            for (const id of items) {
              const r = row(db, id);
              const fold = foldEvents(eventsOfItem(db, id));
              expect({ status: r.status, labels: r.labels, assignee: r.assignee, version: r.version }).toEqual({
                status: fold.status,
                labels: fold.labels,
                assignee: fold.assignee,
                version: fold.version,
              });
              const raw = db
                .prepare('SELECT id, action, actor, labels, payload, undo_of FROM events WHERE item_id = ? ORDER BY seq')
                .all(id) as Parameters<typeof model>[0];
              expect(model(raw)).toEqual({ status: r.status, labels: r.labels, assignee: r.assignee, version: r.version });
              expect(db.prepare('SELECT label FROM item_labels WHERE item_id = ? ORDER BY label').pluck().all(id)).toEqual(r.labels);
              expect(db.prepare('SELECT DISTINCT status FROM item_labels WHERE item_id = ?').pluck().all(id)).toEqual(
                r.labels.length ? [r.status] : [],
              );
            }
          }
          expect(queueCountsTable(db)).toEqual(queueCountsActual(db));
          expect(verifyChain(db)).toBe(-1);
          expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(db.prepare('SELECT count(*) FROM events').pluck().get());
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
