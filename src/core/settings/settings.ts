import type { Database } from 'better-sqlite3';
import type { ArgsOut } from '../../shared/contract';
import { DEFAULT_THRESHOLDS, type Settings } from '../../shared/model';
import { stmt } from '../db/statements';

function read<T>(db: Database, key: string, fallback: T): T {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(key);
  return row ? (JSON.parse(row.value) as T) : fallback;
}

function write(db: Database, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

export function getSettings(db: Database, defaultActor: string): Settings {
  return {
    actor: read(db, 'actor', defaultActor),
    keymap: read<Record<string, string>>(db, 'keymap', {}),
    blurMedia: read(db, 'blurMedia', false),
    thresholds: { ...DEFAULT_THRESHOLDS, ...read<Partial<Settings['thresholds']>>(db, 'thresholds', {}) },
  };
}

export function setSettings(db: Database, defaultActor: string, patch: ArgsOut<'settings.set'>): Settings {
  db.transaction(() => {
    if (patch.actor !== undefined) write(db, 'actor', patch.actor);
    if (patch.keymap !== undefined) write(db, 'keymap', patch.keymap);
    if (patch.blurMedia !== undefined) write(db, 'blurMedia', patch.blurMedia);
    if (patch.thresholds !== undefined) write(db, 'thresholds', { ...getSettings(db, defaultActor).thresholds, ...patch.thresholds });
  })();
  return getSettings(db, defaultActor);
}
