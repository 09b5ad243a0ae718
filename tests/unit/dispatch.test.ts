import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/core/dispatch';
import { openCore } from '../../src/core/handlers';
import type { CoreHandlers } from '../../src/shared/contract';
import type { VigilError } from '../../src/shared/errors';
import { item, ndjson, onCleanup, tempDir } from './helpers';

function core() {
  const c = openCore({ dataDir: tempDir(), host: 'test', actor: 'ana' });
  onCleanup(() => c.close());
  return c;
}

function error(r: unknown): VigilError {
  const res = r as { ok: boolean; error?: VigilError };
  expect(res.ok).toBe(false);
  return res.error!;
}

function value<T = unknown>(r: unknown): T {
  const res = r as { ok: boolean; value?: T; error?: VigilError };
  if (!res.ok) throw new Error(`expected ok, got ${JSON.stringify(res.error)}`);
  return res.value!;
}

async function withItem(c: ReturnType<typeof core>): Promise<number> {
  const { importId } = value<{ importId: string }>(await c.dispatch('import.begin', { fileName: 'a.ndjson' }));
  value(await c.dispatch('import.chunk', { importId, text: ndjson([item('p1', { author: null })]) }));
  value(await c.dispatch('import.finish', { importId }));
  return c.db.prepare('SELECT id FROM items').pluck().get() as number;
}

describe('dispatch', () => {
  it('answers an unknown method with unknown_method', async () => {
    const c = core();
    for (const m of ['nope', '', 42, null, '__proto__', 'constructor', 'toString']) {
      expect(error(await c.dispatch(m, {})).code).toBe('unknown_method');
    }
  });

  it('answers wrong argument types with invalid_args naming the field', async () => {
    const c = core();
    const e1 = error(await c.dispatch('queue.page', { filter: {}, offset: 0, limit: 'fifty' }));
    expect(e1.code).toBe('invalid_args');
    expect(e1.message).toMatch(/limit/);
    expect(e1.details).toEqual({ issues: [expect.objectContaining({ path: 'limit' })] });

    const e2 = error(await c.dispatch('queue.page', { filter: { status: 'maybe' }, offset: 0, limit: 10 }));
    expect(e2.message).toMatch(/filter\.status/);

    const e3 = error(await c.dispatch('decision.apply', { itemIds: [1], action: 'obliterate' }));
    expect(e3.code).toBe('invalid_args');
    expect(e3.message).toMatch(/action/);

    const e4 = error(await c.dispatch('item.handover', { itemIds: [1], to: 'bo' }));
    expect(e4.code).toBe('invalid_args');
    expect(e4.message).toMatch(/reason/);

    const e5 = error(await c.dispatch('decision.apply', { itemIds: [1], action: 'reply' }));
    expect(e5.message).toMatch(/note.*reply needs its text/);

    const e6 = error(await c.dispatch('stats', { extra: true }));
    expect(e6.code).toBe('invalid_args');

    const e7 = error(await c.dispatch('item.detail', 'not an object'));
    expect(e7.code).toBe('invalid_args');
  });

  it('answers an unknown item with not_found', async () => {
    const c = core();
    expect(error(await c.dispatch('item.detail', { itemId: 424242 })).code).toBe('not_found');
    expect(error(await c.dispatch('decision.apply', { itemIds: [424242], action: 'approve' })).code).toBe('not_found');
    expect(error(await c.dispatch('decision.undo', { eventIds: ['018f0000-0000-7000-8000-000000000000'] })).code).toBe('not_found');
    expect(error(await c.dispatch('import.chunk', { importId: '018f0000-0000-7000-8000-000000000000', text: '' })).code).toBe(
      'import_unknown',
    );
  });

  it('turns an error core did not expect into internal, never throwing to the caller', async () => {
    const c = core();
    const id = await withItem(c);
    c.db.close(); // every handler touching the database now throws a TypeError
    const logged: string[] = [];
    const dispatch = createDispatch(c.handlers, (_e, method) => logged.push(method));
    const res = dispatch('decision.apply', { itemIds: [id], action: 'approve' });
    await expect(res).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(error(await res).message).toMatch(/decision\.apply failed/);
    expect(logged).toEqual(['decision.apply']);
  });

  it('turns a rejected promise and a thrown non-Error into internal too', async () => {
    const handlers = {
      stats: async () => {
        throw new RangeError('async boom');
      },
      'app.info': () => {
        throw 'a string';
      },
    } as unknown as CoreHandlers;
    const dispatch = createDispatch(handlers, () => {});
    expect(error(await dispatch('stats', {}))).toMatchObject({ code: 'internal', message: expect.stringMatching(/async boom/) });
    expect(error(await dispatch('app.info', {})).code).toBe('internal');
  });

  it('passes validated arguments, with defaults, to the handler and wraps its value', async () => {
    const c = core();
    const id = await withItem(c);
    const out = value<{ outcomes: { status: string }[] }>(await c.dispatch('item.label', { itemIds: [id], add: ['vip'] }));
    expect(out.outcomes[0]!.status).toBe('new');
    const page = value<{ rows: { id: number; labels: string[] }[] }>(
      await c.dispatch('queue.page', { filter: { label: 'vip' }, offset: 0, limit: 10 }),
    );
    expect(page.rows.map((r) => [r.id, r.labels])).toEqual([[id, ['vip']]]);
    const info = value<{ actor: string; host: string; schemaVersion: number; empty: boolean }>(await c.dispatch('app.info', undefined));
    expect(info).toMatchObject({ actor: 'ana', host: 'test', empty: false });
  });
});
