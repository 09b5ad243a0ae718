import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../src/core/db/migrations';
import { openDatabase } from '../../src/core/db/open';
import { VigilFailure } from '../../src/shared/errors';
import { onCleanup, tempDir } from '../unit/helpers';
import { objectNames, openAt, rawItem, userVersion } from './steps';

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function refusal(fn: () => unknown): VigilFailure {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VigilFailure);
    return e as VigilFailure;
  }
  throw new Error('expected the call to throw');
}

describe('opening a database', () => {
  it('numbers migrations 1..N, one file each, and SCHEMA_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    const files = readdirSync(join(__dirname, '../../src/core/db/migrations')).filter((f) => /^\d{4}-.*\.ts$/.test(f));
    expect(files.map((f) => Number(f.slice(0, 4))).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('brings a fresh file to SCHEMA_VERSION, with a client id', () => {
    const file = join(tempDir(), 'vigil.db');
    const db = openDatabase(file);
    onCleanup(() => db.close());
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'client_id'").pluck().get()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the client id and applies nothing twice when reopened', () => {
    const file = join(tempDir(), 'vigil.db');
    const first = openDatabase(file);
    const clientId = first.prepare("SELECT value FROM meta WHERE key = 'client_id'").pluck().get();
    first.close();
    const db = openDatabase(file);
    onCleanup(() => db.close());
    expect(db.prepare("SELECT value FROM meta WHERE key = 'client_id'").pluck().get()).toBe(clientId);
    expect(db.prepare('SELECT count(*) FROM templates').pluck().get()).toBe(6); // 0004's four, 0016's out-of-hours answer and 0018's contact request
  });

  it('uses WAL and synchronous=FULL on a file database, with foreign keys on', () => {
    const file = join(tempDir(), 'vigil.db');
    const db = openDatabase(file);
    onCleanup(() => db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // WAL is a property of the file: a second connection sees it too
    const other = new BetterSqlite3(file, { readonly: true });
    onCleanup(() => other.close());
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a database written by a newer Vigil, saying so, and leaves the file untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'vigil.db');
    const raw = new BetterSqlite3(file);
    raw.exec("CREATE TABLE future (x); INSERT INTO future VALUES ('from the future');");
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha(file);

    const e = refusal(() => openDatabase(file));
    expect(e.code).toBe('db_too_new');
    expect(e.message).toMatch(/newer version of Vigil/);
    expect(e.message).toContain(`schema ${SCHEMA_VERSION + 1}`);
    expect(e.details).toEqual({ schemaVersion: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION });

    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const after = new BetterSqlite3(file, { readonly: true });
    onCleanup(() => after.close());
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(after.prepare('SELECT x FROM future').pluck().all()).toEqual(['from the future']);
    expect(objectNames(after, 'table')).toEqual(['future']);
  });

  it('refuses a database newer than the migrations it is given (an older build)', () => {
    const { db, file } = openAt(3);
    db.close();
    const e = refusal(() => openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) }));
    expect(e.code).toBe('db_too_new');
    const check = new BetterSqlite3(file, { readonly: true });
    onCleanup(() => check.close());
    expect(check.pragma('user_version', { simple: true })).toBe(3);
  });

  it('rolls back a migration that throws, leaving the database at the previous version', () => {
    const { db: v2, file } = openAt(2);
    const id = rawItem(v2, { text: 'survives' });
    v2.close();

    const failing: Migration = {
      version: 3,
      name: 'breaks half-way',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec("UPDATE items SET text = 'clobbered'");
        throw new Error('disk on fire');
      },
    };
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS.slice(0, 2), failing] })).toThrow('disk on fire');

    const check = new BetterSqlite3(file, { readonly: true });
    onCleanup(() => check.close());
    expect(check.pragma('user_version', { simple: true })).toBe(2);
    expect(objectNames(check, 'table')).not.toContain('half_done');
    expect(check.prepare('SELECT text FROM items WHERE id = ?').pluck().get(id)).toBe('survives');
  });

  it('keeps the migrations that succeeded before the one that failed', () => {
    const { db: v1, file } = openAt(1);
    v1.close();
    const failing: Migration = {
      version: 3,
      name: 'fails',
      up() {
        throw new Error('nope');
      },
    };
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS.slice(0, 2), failing] })).toThrow('nope');
    const check = new BetterSqlite3(file, { readonly: true });
    onCleanup(() => check.close());
    expect(check.pragma('user_version', { simple: true })).toBe(2);
    expect(objectNames(check, 'table')).toContain('events');
  });
});
