import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { migrate } from '../../src/core/db/open';
import { onCleanup, tempDir } from '../unit/helpers';
import { columns, objectNames, rawAccount, rawItem, userVersion } from './steps';

describe('migration 0001: accounts and items', () => {
  function atZero() {
    const file = join(tempDir(), 'vigil.db');
    const db = new BetterSqlite3(file);
    onCleanup(() => db.open && db.close());
    return db;
  }

  it('takes an empty database from version 0 to 1 with the tables, indexes and FTS triggers', () => {
    const db = atZero();
    expect(userVersion(db)).toBe(0);
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(userVersion(db)).toBe(1);

    const tables = objectNames(db, 'table');
    for (const t of ['meta', 'accounts', 'items', 'follows', 'items_fts']) expect(tables).toContain(t);
    // later migrations' tables are not there yet
    expect(tables).not.toContain('events');

    const indexes = objectNames(db, 'index');
    for (const i of [
      'items_status_priority',
      'items_queue_status_priority',
      'items_kind_status_priority',
      'items_platform_status_priority',
      'items_target_status_priority',
      'items_priority',
      'items_author_created',
      'items_thread_created',
      'follows_follower',
    ]) {
      expect(indexes).toContain(i);
    }
    expect(objectNames(db, 'trigger')).toEqual(['items_fts_delete', 'items_fts_insert', 'items_fts_update']);

    expect(columns(db, 'items')).toEqual(
      expect.arrayContaining([
        'platform',
        'external_id',
        'kind',
        'author_id',
        'target',
        'rating',
        'status',
        'version',
        'labels',
        'assignee',
        'extra',
      ]),
    );
    expect(columns(db, 'accounts')).toEqual(expect.arrayContaining(['platform', 'external_id', 'handle', 'followers', 'stub', 'extra']));
  });

  it('keeps platform ids unique, kinds and ratings checked, and the FTS index in step with the text', () => {
    const db = atZero();
    migrate(db, MIGRATIONS.slice(0, 1));
    const author = rawAccount(db, 'a1');
    const id = rawItem(db, { authorId: author, text: 'The blender arrived broken' });

    expect(() =>
      db.prepare("INSERT INTO accounts (platform, external_id, handle, imported_at) VALUES ('x', 'a1', 'dup', 0)").run(),
    ).toThrow(/UNIQUE/);
    const dupItem = db.prepare('SELECT external_id FROM items WHERE id = ?').pluck().get(id) as string;
    expect(() =>
      db
        .prepare(
          "INSERT INTO items (platform, external_id, kind, text, queue, priority, imported_at) VALUES ('x', ?, 'post', 't', 'q', 0, 0)",
        )
        .run(dupItem),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO items (platform, external_id, kind, text, queue, priority, imported_at) VALUES ('x', 'k', 'story', 't', 'q', 0, 0)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO items (platform, external_id, kind, text, rating, queue, priority, imported_at) VALUES ('x', 'r', 'review', 't', 6, 'q', 0, 0)",
        )
        .run(),
    ).toThrow(/CHECK/);

    const match = (q: string) => db.prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ?').pluck().all(q);
    expect(match('broken')).toEqual([id]);
    db.prepare("UPDATE items SET text = 'The blender works fine now' WHERE id = ?").run(id);
    expect(match('broken')).toEqual([]);
    expect(match('fine')).toEqual([id]);
    // remove_diacritics: a search without accents finds accented text
    db.prepare("UPDATE items SET text = 'Café crème' WHERE id = ?").run(id);
    expect(match('cafe')).toEqual([id]);
  });

  it('is recorded as applied: migrating again changes nothing', () => {
    const db = atZero();
    migrate(db, MIGRATIONS.slice(0, 1));
    rawItem(db);
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(userVersion(db)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
  });
});
