import { describe, expect, it } from 'vitest';
import { foldEvents, type FoldEvent } from '../../../src/core/decisions/fold';
import { openCore } from '../../../src/core/handlers';
import { labelCounts, labelledExamples } from '../../../src/core/detection/training/labels';
import { crossValidate } from '../../../src/core/detection/training/cross-validate';
import type { ItemDetail, ItemTriage } from '../../../src/shared/model';
import { item, ndjson, onCleanup, tempDir } from '../helpers';

function core() {
  const c = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana' });
  onCleanup(() => c.close());
  return c;
}

function value<T>(r: unknown): T {
  const res = r as { ok: boolean; value?: T; error?: unknown };
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.error)}`);
  return res.value!;
}

async function load(c: ReturnType<typeof core>, records: Record<string, unknown>[]): Promise<void> {
  const { importId } = value<{ importId: string }>(await c.dispatch('import.begin', { fileName: 'a.ndjson' }));
  value(await c.dispatch('import.chunk', { importId, text: ndjson(records) }));
  value(await c.dispatch('import.finish', { importId }));
  value(await c.dispatch('detection.rescore', {}));
}

const idOf = (c: ReturnType<typeof core>, ext: string) =>
  c.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(ext) as number;
const triage = async (c: ReturnType<typeof core>, id: number) => value<ItemDetail>(await c.dispatch('item.detail', { itemId: id })).triage!;

const ev = (id: string, payload: Record<string, unknown> | null, undoOf: string | null = null): FoldEvent => ({
  id,
  action: undoOf ? 'undo' : 'classify',
  actor: 'ana',
  createdAt: 1,
  labels: [],
  payload,
  undoOf,
});

describe('classify events', () => {
  it('fold: the latest correction of each part wins, an undone one counts for nothing, unknown values are ignored', () => {
    expect(
      foldEvents([ev('1', { sentiment: 'negative' }), ev('2', { type: 'question' }), ev('3', { sentiment: 'positive' })]).corrections,
    ).toEqual({ sentiment: 'positive', type: 'question' });
    expect(foldEvents([ev('1', { sentiment: 'negative' }), ev('2', { sentiment: 'positive' }), ev('3', null, '2')]).corrections).toEqual({
      sentiment: 'negative',
    });
    expect(foldEvents([ev('1', { sentiment: 'furious', type: '<b>' })]).corrections).toEqual({});
  });

  it('item.classify refuses an empty or unknown correction', async () => {
    const c = core();
    await load(c, [item('p1', { author: null, text: 'Where is my order?' })]);
    const id = idOf(c, 'p1');
    for (const args of [{ itemIds: [id] }, { itemIds: [id], sentiment: 'angry' }, { itemIds: [id], type: 'spam' }]) {
      const r = (await c.dispatch('item.classify', args)) as { ok: boolean; error?: { code: string } };
      expect(r.ok).toBe(false);
      expect(r.error!.code).toBe('invalid_args');
    }
  });

  it('a moderator’s correction wins over the classifier, survives re-scoring and re-import, syncs as an event, and undo gives the rules back', async () => {
    const c = core();
    await load(c, [item('p1', { author: null, text: 'The delivery was late and the box was damaged' })]);
    const id = idOf(c, 'p1');
    const before = await triage(c, id);
    expect(before).toMatchObject({ type: 'complaint', sentiment: 'negative', sentimentBy: 'rules', action: 'reply', language: 'en' });

    const out = value<{ outcomes: { eventId: string; version: number; triage: ItemTriage }[] }>(
      await c.dispatch('item.classify', { itemIds: [id], sentiment: 'positive', type: 'compliment' }),
    );
    expect(out.outcomes[0]!.triage).toMatchObject({
      sentiment: 'positive',
      sentimentBy: 'moderator',
      type: 'compliment',
      typeBy: 'moderator',
      action: 'no-action',
    });
    // an event like any other: in the log and in the outbox for the server
    expect(
      c.db.prepare('SELECT e.action, e.payload FROM events e JOIN outbox o ON o.event_seq = e.seq WHERE e.item_id = ?').all(id),
    ).toEqual([{ action: 'classify', payload: JSON.stringify({ type: 'compliment', sentiment: 'positive' }) }]);

    c.db.prepare('UPDATE items SET scored_at = NULL').run();
    value(await c.dispatch('detection.rescore', {}));
    expect(await triage(c, id)).toMatchObject({ sentiment: 'positive', sentimentBy: 'moderator', type: 'compliment' });
    await load(c, [item('p1', { author: null, text: 'The delivery was late and the box was damaged, again' })]);
    expect(await triage(c, id)).toMatchObject({ sentiment: 'positive', sentimentBy: 'moderator' });

    value(await c.dispatch('decision.undo', { eventIds: [out.outcomes[0]!.eventId] }));
    expect(await triage(c, id)).toMatchObject({ sentiment: 'negative', sentimentBy: 'rules', type: 'complaint', typeBy: 'rules' });
  });

  it('the sentiment trainer learns from the corrections, cross-validated next to the lexicon', async () => {
    const c = core();
    const good = ['a delight', 'brilliant work', 'so happy with it', 'top team', 'smooth and quick', 'just right'];
    const bad = ['a shambles', 'the app crashed again', 'parcel squashed', 'charged twice', 'waited an hour', 'on hold forever'];
    const records = Array.from({ length: 24 }, (_, i) => [
      item(`g${i}`, { author: null, text: `${good[i % good.length]} number ${i}` }),
      item(`b${i}`, { author: null, text: `${bad[i % bad.length]} number ${i}` }),
    ]).flat();
    await load(c, records);
    for (let i = 0; i < 24; i++) {
      value(await c.dispatch('item.classify', { itemIds: [idOf(c, `g${i}`)], sentiment: 'positive' }));
      value(await c.dispatch('item.classify', { itemIds: [idOf(c, `b${i}`)], sentiment: 'negative' }));
    }
    expect(labelCounts(c.db, 'sentiment')).toEqual({ positive: 24, negative: 24 });
    const { examples, labels, rules } = labelledExamples(c.db, 'sentiment', 0);
    const r = crossValidate('sentiment', examples, labels, rules);
    expect(r.cv.n).toBe(48);
    expect(r.cv.accuracy).toBeGreaterThan(r.rules.accuracy);
  });
});
