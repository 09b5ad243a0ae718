// The reads behind "how did we answer this before?" and the notes search walk indexes and
// stop early: a cluster to its cases on items_dup_group_case, a case's replies from its
// members' events, notes by mention along note_mentions in event order.
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_CASES_SQL } from '../../../src/core/cases/similar/near-dup';
import { REPLIES_SQL } from '../../../src/core/cases/similar/find';
import { openDatabase } from '../../../src/core/db/open';
import { MENTIONS_SQL, SEARCH_SQL } from '../../../src/core/notes/search';
import { loadWorkload } from '../../../src/core/seed/load';
import { plan } from '../query-plan';

let db: Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  loadWorkload(db, { items: 2000, seed: 5, now: Date.UTC(2025, 0, 6) });
  db.exec('ANALYZE');
});
afterAll(() => db.close());

describe('similar cases and notes: query plans', () => {
  it('walks a cluster to its cases on items_dup_group_case, each case by its key', () => {
    const p = plan(db, CLUSTER_CASES_SQL, [1, 5000, 0, 50]);
    expect(p).toMatch(/SEARCH items USING COVERING INDEX items_dup_group_case \(dup_group=\?\)/);
    expect(p).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
  });

  it("reads a case's replies from its members' events", () => {
    const p = plan(db, REPLIES_SQL, [1, 5]);
    expect(p).toMatch(/SEARCH i USING (COVERING )?INDEX items_case_root \(case_root=\?\)/);
    expect(p).toMatch(/SEARCH e USING INDEX events_item_seq \(item_id=\?\)/);
    expect(p).not.toMatch(/SCAN (e|i|events|items)\b/);
  });

  it('lists notes by mention along note_mentions, newest first, with no sort', () => {
    const p = plan(db, MENTIONS_SQL, ['bo', 10]);
    expect(p).toMatch(/SEARCH n USING PRIMARY KEY \(name=\?\)/);
    expect(p).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });

  it('searches notes through notes_fts, each note by its key', () => {
    const p = plan(db, SEARCH_SQL, ['"refund"*', 10]);
    expect(p).toMatch(/VIRTUAL TABLE INDEX/);
    expect(p).toMatch(/SEARCH e USING INTEGER PRIMARY KEY/);
  });
});
