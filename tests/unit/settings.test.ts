import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/handlers';
import { DEFAULT_THRESHOLDS, type Settings } from '../../src/shared/model';
import { onCleanup, tempDir } from './helpers';

function open(dataDir: string, actor = 'ana') {
  const core = openCore({ dataDir, host: 'test', actor });
  onCleanup(() => core.close());
  return core;
}

async function call<T>(core: ReturnType<typeof open>, method: string, args: unknown): Promise<T> {
  const r = await core.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('settings', () => {
  it('start from the defaults: the host actor, no rebinding, media not blurred', async () => {
    const core = open(tempDir());
    expect(await call<Settings>(core, 'settings.get', {})).toEqual({
      actor: 'ana',
      keymap: {},
      blurMedia: false,
      thresholds: DEFAULT_THRESHOLDS,
    });
  });

  it('a rebound keymap, the actor and blur survive closing and reopening the database', async () => {
    const dir = tempDir();
    const first = open(dir);
    const after = await call<Settings>(first, 'settings.set', {
      keymap: { approve: 'y', spam: 'Shift+S' },
      blurMedia: true,
      thresholds: DEFAULT_THRESHOLDS,
    });
    expect(after).toEqual({ actor: 'ana', keymap: { approve: 'y', spam: 'Shift+S' }, blurMedia: true, thresholds: DEFAULT_THRESHOLDS });
    await call(first, 'settings.set', { actor: 'Ana Silva' });
    first.close();

    const second = open(dir, 'someone-else');
    expect(await call<Settings>(second, 'settings.get', {})).toEqual({
      actor: 'Ana Silva',
      keymap: { approve: 'y', spam: 'Shift+S' },
      blurMedia: true,
      thresholds: DEFAULT_THRESHOLDS,
    });
    // a patch changes only what it names; a keymap replaces the previous one whole
    expect(await call<Settings>(second, 'settings.set', { keymap: { undo: 'z' } })).toEqual({
      actor: 'Ana Silva',
      keymap: { undo: 'z' },
      blurMedia: true,
      thresholds: DEFAULT_THRESHOLDS,
    });
  });

  it('the actor in the settings signs the decisions', async () => {
    const core = open(tempDir());
    await call(core, 'settings.set', { actor: 'bo' });
    await call(core, 'demo.load', { items: 5, seed: 1 });
    const id = core.db.prepare('SELECT id FROM items LIMIT 1').pluck().get() as number;
    await call(core, 'decision.apply', { itemIds: [id], action: 'approve' });
    expect(core.db.prepare('SELECT actor FROM events').pluck().all()).toEqual(['bo']);
    expect((await call<{ actor: string }>(core, 'app.info', {})).actor).toBe('bo');
  });

  it('keeps a threshold per detection queue, changed one at a time, within bounds', async () => {
    const dir = tempDir();
    const first = open(dir);
    const after = await call<Settings>(first, 'settings.set', { thresholds: { spam: 0.6 } });
    expect(after.thresholds).toEqual({ ...DEFAULT_THRESHOLDS, spam: 0.6 });
    await call(first, 'settings.set', { thresholds: { 'fake-reviews': 0.9 } });
    first.close();
    const second = open(dir);
    expect((await call<Settings>(second, 'settings.get', {})).thresholds).toEqual({
      ...DEFAULT_THRESHOLDS,
      spam: 0.6,
      'fake-reviews': 0.9,
    });
    expect(await second.dispatch('settings.set', { thresholds: { spam: 0 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await second.dispatch('settings.set', { thresholds: { nonsense: 0.5 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
  });

  it('rejects a blank actor and an oversized key binding', async () => {
    const core = open(tempDir());
    expect(await core.dispatch('settings.set', { actor: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await core.dispatch('settings.set', { keymap: { approve: 'x'.repeat(41) } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await call<Settings>(core, 'settings.get', {})).toEqual({
      actor: 'ana',
      keymap: {},
      blurMedia: false,
      thresholds: DEFAULT_THRESHOLDS,
    });
  });

  it('lists the reply templates in order', async () => {
    const core = open(tempDir());
    const { templates } = await call<{ templates: { id: string; name: string; body: string }[] }>(core, 'templates.list', {});
    expect(templates.map((t) => t.id)).toEqual([
      'ack-complaint',
      'answer-question',
      'thanks',
      'review-response',
      'out-of-hours',
      'ask-contact',
    ]);
  });
});
