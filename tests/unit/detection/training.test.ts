// The team's trainer end to end through the contract: labels from decisions, training in a
// worker thread with progress, cross-validated quality next to the rules', a model switched
// on that then scores (and says so), and a rollback to the rules.
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src/core/handlers';
import type { ArgsIn, Method, ResultOf } from '../../../src/shared/contract';
import type { ItemRecord } from '../../../src/shared/records';
import { upsertItem } from '../../../src/core/records/items';
import { tempDir } from '../helpers';

let core: Core | undefined;
afterEach(() => core?.close());

async function call<M extends Method>(m: M, args: ArgsIn<M>): Promise<ResultOf<M>> {
  const r = await core!.dispatch(m, args);
  if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
  return r.value as ResultOf<M>;
}

const NOW = Date.UTC(2026, 10, 1);
const SPAM = [
  'Get rich quick with my crypto signals, join now',
  'Cheap followers for sale, message me today',
  'Earn money from home, ask me how',
  'Hot singles in your area want to meet',
  'Best casino bonus, sign up and win big',
];
const HAM = [
  'The drone shots over the lake are beautiful',
  'Does the kettle come in green as well',
  'My order arrived late but support sorted it out',
  'Great explanation of the settings, thanks',
  'Which lens did you use for the night scenes',
];

function comment(id: string, text: string): ItemRecord {
  return {
    type: 'item',
    platform: 'youtube',
    id,
    kind: 'comment',
    author: `a-${id}`,
    createdAt: NOW,
    text,
    target: 'v',
    rating: null,
    thread: null,
    parent: null,
    url: null,
    lang: null,
    extra: null,
  };
}

async function statusOf() {
  return (await call('model.status', {})).kinds.find((k) => k.kind === 'spam')!;
}

describe('the team trainer', () => {
  it('refuses to train without enough decisions, and says how many there are', async () => {
    core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', now: () => NOW });
    const r = await core.dispatch('model.train', { kind: 'spam' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_enough_labels' } });
    if (!r.ok) expect(r.error.message).toMatch(/at least 20 decisions of each kind; the team has made 0/);
  });

  it('trains in a worker on the team’s decisions, reports cross-validated quality, switches on and rolls back', async () => {
    core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana', now: () => NOW });
    const spamIds: number[] = [];
    const hamIds: number[] = [];
    for (let i = 0; i < 60; i++) {
      // Texts the built-in rules do not know as spam: only the team's decisions teach it.
      upsertItem(core.db, comment(`s${i}`, `${SPAM[i % SPAM.length]} ${i}`), NOW);
      upsertItem(core.db, comment(`h${i}`, `${HAM[i % HAM.length]} ${i}`), NOW);
    }
    await call('detection.rescore', {});
    for (const row of core.db.prepare('SELECT id, external_id FROM items').all() as { id: number; external_id: string }[]) {
      (row.external_id.startsWith('s') ? spamIds : hamIds).push(row.id);
    }
    await call('decision.apply', { itemIds: spamIds.slice(0, 40), action: 'spam' });
    await call('decision.apply', { itemIds: hamIds.slice(0, 40), action: 'approve' });
    expect((await statusOf()).labels).toEqual({ positive: 40, negative: 40 });

    const started = await call('model.train', { kind: 'spam' });
    expect(started.training?.phase).toBe('training');
    const seen: number[] = [];
    let s = await statusOf();
    for (let i = 0; i < 600 && s.training?.phase === 'training'; i++) {
      seen.push(s.training.progress);
      await new Promise((r) => setTimeout(r, 50));
      s = await statusOf();
    }
    expect(s.training?.phase, s.training?.message).toBe('done');
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    const model = s.models[0]!;
    expect(model.id).toBe(s.training!.modelId);
    expect(model.active).toBe(false);
    expect(model.positives).toBe(40);
    expect(model.cv.n).toBe(80);
    // On phrases the rules do not know, the team's model does better than the rules.
    expect(model.cv.f1).toBeGreaterThan(model.rules.f1);
    expect(s.rollbackTo).toBeUndefined();

    const waiting = spamIds[50]!;
    const before = (await call('item.detail', { itemId: waiting })).detection!.spam!;
    expect(before.source).toBe('rules');
    const on = await call('model.activate', { kind: 'spam', modelId: model.id });
    expect(on.models[0]!.active).toBe(true);
    expect(on.rollbackTo).toBeNull();
    await call('detection.rescore', {});
    const after = (await call('item.detail', { itemId: waiting })).detection!.spam!;
    expect(after.source).toBe('model');
    expect(after.score).toBeGreaterThan(before.score);
    // How sure the model's score is comes from the model's own cross-validated figures.
    expect(before.sure!.basis).not.toMatch(/team model/);
    expect(after.sure!.basis).toMatch(
      new RegExp(`^team model \\(MCC ${model.cv.mcc.toFixed(2)} on 80 labels\\), (far from|clear of|near) its boundary$`),
    );

    const back = await call('model.rollback', { kind: 'spam' });
    expect(back.models.some((m) => m.active)).toBe(false);
    await call('detection.rescore', {});
    expect((await call('item.detail', { itemId: waiting })).detection!.spam!.source).toBe('rules');
    expect(await core.dispatch('model.rollback', { kind: 'spam' })).toMatchObject({ ok: false, error: { code: 'action_refused' } });
  });
});
