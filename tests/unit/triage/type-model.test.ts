// The team's type model through the contract: labels from type corrections and from the rules'
// types a moderator escalated without correcting, a refusal while any type has too few, a
// one-vs-rest model cross-validated next to the rules, switched on (waiting items typed again
// and routed by their new type, new ones typed by it), a correction above it, and a rollback
// that gives the rules back.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../src/core/handlers';
import { labelledTypes, typeLabelCounts } from '../../../src/core/detection/training/labels';
import { crossValidateClasses } from '../../../src/core/detection/training/cross-validate';
import { TYPE_CLASSES } from '../../../src/core/triage/classify/type-features';
import type { ModelKindStatus } from '../../../src/shared/model';
import { call } from '../call';
import { item, ndjson, onCleanup, tempDir } from '../helpers';

const NOW = Date.UTC(2025, 0, 6, 12);

function core() {
  const c = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', now: () => NOW });
  onCleanup(() => c.close());
  return c;
}
type C = ReturnType<typeof core>;

async function load(c: C, records: Record<string, unknown>[]): Promise<void> {
  const { importId } = await call(c, 'import.begin', { fileName: 'a.ndjson' });
  await call(c, 'import.chunk', { importId, text: ndjson(records) });
  await call(c, 'import.finish', { importId });
  await call(c, 'detection.rescore', {});
}

const idOf = (c: C, ext: string) => c.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(ext) as number;
const triage = async (c: C, ext: string) => (await call(c, 'item.detail', { itemId: idOf(c, ext) })).triage!;
const queueOf = (c: C, ext: string) => c.db.prepare('SELECT queue FROM items WHERE external_id = ?').pluck().get(ext) as string;

// This team calls "where is my order?" a complaint; the rules, seeing a question, say question.
const BANKS: Record<string, string[]> = {
  complaint: [
    'Where is my order? Placed it days ago',
    'where is my parcel, order placed last week?',
    'Any news on my order? Where is it',
    'Where is my delivery? Order number inside',
  ],
  question: [
    'Do you ship to Spain?',
    'What time do you open on Sunday?',
    'Is the blue one back in stock?',
    'Can I pay with PayPal?',
    'Which size should I get?',
  ],
  compliment: [
    'Love the new flavour',
    'The staff were brilliant today',
    'Best coffee in town',
    'Thanks for the quick help',
    'Wonderful shop, lovely people',
  ],
  other: [
    'Just saw your ad on the bus',
    'My cousin works at your Leeds store',
    'Posting this from the train',
    'Watching the match at home tonight',
    'Our team photo from the weekend',
  ],
};
const PER_TYPE = 24;

function records(): Record<string, unknown>[] {
  return Object.entries(BANKS).flatMap(([type, bank]) =>
    Array.from({ length: PER_TYPE }, (_, i) => item(`${type}-${i}`, { author: null, text: `${bank[i % bank.length]} ${i}` })),
  );
}

/** The team's labels: complaints, compliments and others set with the key; questions escalated as the rules typed them. */
async function label(c: C, types: readonly string[]): Promise<void> {
  for (const type of types) {
    const itemIds = Array.from({ length: PER_TYPE }, (_, i) => idOf(c, `${type}-${i}`));
    if (type === 'question') await call(c, 'decision.apply', { itemIds, action: 'escalate' });
    else await call(c, 'item.classify', { itemIds, type: type as 'complaint' });
  }
}

async function trained(c: C): Promise<ModelKindStatus> {
  const status = async () => (await call(c, 'model.status', {})).kinds.find((k) => k.kind === 'type')!;
  await call(c, 'model.train', { kind: 'type' });
  let s = await status();
  for (let i = 0; i < 600 && s.training?.phase === 'training'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    s = await status();
  }
  expect(s.training?.phase, s.training?.message).toBe('done');
  return s;
}

describe('the type model', () => {
  it('refuses to train while any type has too few labels, and says which and how many', async () => {
    const c = core();
    const none = await c.dispatch('model.train', { kind: 'type' });
    expect(none).toMatchObject({ ok: false, error: { code: 'not_enough_labels' } });
    if (!none.ok)
      expect(none.error.message).toMatch(/at least 20 labelled messages of each type.*0 question, 0 complaint, 0 compliment, 0 other/);

    await load(c, records());
    await label(c, ['complaint', 'question', 'compliment']);
    const some = await c.dispatch('model.train', { kind: 'type' });
    expect(some).toMatchObject({ ok: false, error: { code: 'not_enough_labels' } });
    if (!some.ok) expect(some.error.message).toMatch(/24 question, 24 complaint, 24 compliment, 0 other so far: 20 more other needed/);
    // Approving says nothing of the type: it adds no label.
    await call(c, 'decision.apply', { itemIds: [idOf(c, 'other-0')], action: 'approve' });
    expect(typeLabelCounts(c.db).find((k) => k.label === 'other')!.n).toBe(0);
  });

  it('learns a type the rules get wrong, better than the rules on the same labels, cross-validated', async () => {
    const c = core();
    await load(c, records());
    await label(c, TYPE_CLASSES);
    const { examples, classes, rules } = labelledTypes(c.db);
    expect(classes).toHaveLength(4 * PER_TYPE);
    const r = crossValidateClasses('type', TYPE_CLASSES, examples, classes, rules);
    expect(r.cv.n).toBe(4 * PER_TYPE);
    expect(r.cv.perClass!.map((k) => [k.label, k.n])).toEqual(TYPE_CLASSES.map((t) => [t, PER_TYPE]));
    const complaint = (m: typeof r.cv) => m.perClass!.find((k) => k.label === 'complaint')!;
    // The rules call every one of these complaints a question.
    expect(complaint(r.rules).recall).toBe(0);
    expect(complaint(r.cv).recall).toBeGreaterThan(0.8);
    expect(r.cv.accuracy).toBeGreaterThan(r.rules.accuracy);
    expect(r.cv.f1).toBeGreaterThan(r.rules.f1);
  });

  it('switched on, types waiting and new items and routes them by it; a correction stays above it; rollback gives the rules back', async () => {
    const c = core();
    await call(c, 'rules.save', {
      rules: [{ name: 'Complaints', conditions: [{ field: 'type', op: 'in', value: ['complaint'] }], actions: { queue: 'complaints' } }],
    });
    await load(c, [...records(), item('waiting', { author: null, text: 'Where is my order? Bought it on Monday 900' })]);
    expect(await triage(c, 'waiting')).toMatchObject({ type: 'question', typeBy: 'rules' });
    const defaultQueue = queueOf(c, 'waiting');
    expect(defaultQueue).not.toBe('complaints');
    await label(c, TYPE_CLASSES);

    const s = await trained(c);
    const model = s.models[0]!;
    expect(model).toMatchObject({ kind: 'type', active: false, positives: 4 * PER_TYPE });
    expect(model.cv.perClass).toHaveLength(4);
    expect(model.cv.accuracy).toBeGreaterThan(model.rules.accuracy);
    expect(s.classes).toEqual(TYPE_CLASSES.map((label) => ({ label, n: PER_TYPE })));

    const on = await call(c, 'model.activate', { kind: 'type', modelId: model.id });
    expect(on.rollbackTo).toBeNull();
    await call(c, 'detection.rescore', {});
    expect(await triage(c, 'waiting')).toMatchObject({ type: 'complaint', typeBy: 'model' });
    expect(queueOf(c, 'waiting')).toBe('complaints');
    // The items the team labelled keep what it said.
    expect(await triage(c, 'question-0')).toMatchObject({ type: 'question', typeBy: 'rules' });

    await load(c, [item('new', { author: null, text: 'Where is my order?? Still nothing 901' })]);
    expect(await triage(c, 'new')).toMatchObject({ type: 'complaint', typeBy: 'model', action: 'reply' });
    expect(queueOf(c, 'new')).toBe('complaints');

    // A moderator's word wins over the model, and undone, the model's comes back.
    const set = await call(c, 'item.classify', { itemIds: [idOf(c, 'new')], type: 'other' });
    expect(set.outcomes[0]!.triage).toMatchObject({ type: 'other', typeBy: 'moderator' });
    await call(c, 'decision.undo', { eventIds: [set.outcomes[0]!.eventId] });
    expect(await triage(c, 'new')).toMatchObject({ type: 'complaint', typeBy: 'model' });

    const back = await call(c, 'model.rollback', { kind: 'type' });
    expect(back.models.some((m) => m.active)).toBe(false);
    await call(c, 'detection.rescore', {});
    expect(await triage(c, 'waiting')).toMatchObject({ type: 'question', typeBy: 'rules' });
    expect(queueOf(c, 'waiting')).toBe(defaultQueue);
    expect(await c.dispatch('model.rollback', { kind: 'type' })).toMatchObject({ ok: false, error: { code: 'action_refused' } });
  });
});
