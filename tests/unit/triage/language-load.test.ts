// The language detector loads on the first work that stores text, not at start. Each test here
// imports core afresh (vi.resetModules), so the detector the test setup loaded is not there:
// the entry points must wait for it themselves.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { waitingWithoutLanguage } from '../../../src/core/detection/scores/rescore';
import { item, ndjson, onCleanup, tempDir } from '../helpers';

const FRENCH = "Où est mon colis ? Je l'ai commandé lundi dernier et rien n'est arrivé";
const GERMAN = 'Wo ist mein Paket? Ich habe es letzten Montag bestellt und nichts kam an';

async function freshCore(dataDir: string) {
  vi.resetModules();
  const { openCore } = await import('../../../src/core/handlers');
  const language = await import('../../../src/core/triage/classify/language');
  const core = openCore({ dataDir, host: 'test', actor: 'ana' });
  onCleanup(() => core.close());
  const call = async (method: string, args: unknown) => {
    const r = await core.dispatch(method as never, args as never);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as never;
  };
  return { core, call, loaded: language.languageLoaded };
}

async function importItems(call: (m: string, a: unknown) => Promise<never>, records: Record<string, unknown>[]) {
  const { importId } = (await call('import.begin', { fileName: 'items.ndjson' })) as { importId: string };
  await call('import.chunk', { importId, text: ndjson(records) });
  await call('import.finish', { importId });
}

const languageOf = (core: { db: import('better-sqlite3').Database }, externalId: string) =>
  core.db.prepare('SELECT language FROM items WHERE external_id = ?').pluck().get(externalId);

describe('language detector loading', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });

  it('is not loaded by opening the app and reading the queue and an item', async () => {
    const first = await freshCore(dir);
    await importItems(first.call, [item('fr1', { author: null, text: FRENCH })]);
    first.core.close();

    const { call, loaded } = await freshCore(dir);
    expect(loaded()).toBe(false);
    await call('app.info', {});
    const page = (await call('queue.page', { filter: {}, offset: 0, limit: 50 })) as { rows: { id: number }[] };
    const detail = (await call('item.detail', { itemId: page.rows[0]!.id })) as { triage: { language: string } };
    // The stored language is read back; nothing had to be guessed again.
    expect(detail.triage.language).toBe('fr');
    expect(loaded()).toBe(false);
  });

  it('is waited for by an import, which stores each text’s language', async () => {
    const { core, call, loaded } = await freshCore(dir);
    expect(loaded()).toBe(false);
    await importItems(call, [item('fr1', { author: null, text: FRENCH }), item('de1', { author: null, text: GERMAN })]);
    expect(loaded()).toBe(true);
    expect(languageOf(core, 'fr1')).toBe('fr');
    expect(languageOf(core, 'de1')).toBe('de');
  });

  it('is waited for by the demo data', async () => {
    const { core, call, loaded } = await freshCore(dir);
    const r = (await call('demo.load', { items: 50, seed: 3 })) as { items: number };
    expect(r.items).toBe(50);
    expect(loaded()).toBe(true);
    expect(core.db.prepare('SELECT count(*) FROM items WHERE language IS NULL').pluck().get()).toBe(0);
  });

  it('is waited for by a scoring pass that meets items never classified', async () => {
    const first = await freshCore(dir);
    await importItems(first.call, [item('de1', { author: null, text: GERMAN })]);
    first.core.db.prepare('UPDATE items SET scored_at = NULL').run();
    // What the scoring worker asks before it loads the detector: items stored now have a language.
    expect(waitingWithoutLanguage(first.core.db)).toBe(false);
    // As a database from before classification holds them: no classification, waiting to be scored.
    first.core.db.prepare('UPDATE items SET triage_type = NULL, triage = NULL, language = NULL').run();
    expect(waitingWithoutLanguage(first.core.db)).toBe(true);
    first.core.close();

    const { core, call, loaded } = await freshCore(dir);
    expect(loaded()).toBe(false);
    await call('detection.rescore', {});
    expect(languageOf(core, 'de1')).toBe('de');
  });

  it('keeps a stored language through a scoring pass instead of guessing it again', async () => {
    const { core, call } = await freshCore(dir);
    await importItems(call, [item('de1', { author: null, text: GERMAN })]);
    // A language only the stored value can give: guessing again would answer 'de'.
    core.db.prepare("UPDATE items SET language = 'xx', scored_at = NULL WHERE external_id = 'de1'").run();
    await call('detection.rescore', {});
    expect(languageOf(core, 'de1')).toBe('xx');
  });
});
