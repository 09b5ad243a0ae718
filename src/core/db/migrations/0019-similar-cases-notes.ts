import { parseMentions } from '../../notes/mentions';
import type { Migration } from './types';

// "How did we answer this before?" and searchable notes.
//
// resolved_fts indexes the messages of resolved cases only (the items' own text, by item id).
// Searching it instead of items_fts means a word's matches are counted, and ranked by bm25,
// among answered cases alone: the work a query does is bounded by what it can return, and
// the word statistics (resolved_vocab) say how distinctive a word is among those answers.
// Triggers keep it in step as cases are resolved or reopened, as messages move between
// cases and as a text is imported again; an external-content delete must be given the very
// text that was indexed, so each trigger deletes with the old row's values.
//
// Cluster members are walked from the near-duplicate cluster to their cases on
// items_dup_group_case, without visiting the rows.
//
// Notes are events ('note', text in `note`), never updated or deleted: notes_fts indexes them
// by event seq as they are appended, and note_mentions keeps who each one mentions, newest
// first per name. Mentions are parsed in code (storeEvent), here for the notes already logged.
export const migration0019: Migration = {
  version: 19,
  name: 'similar-cases-notes',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE resolved_fts USING fts5 (
        text,
        content = 'items',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- per word, how many answered messages hold it
      CREATE VIRTUAL TABLE resolved_vocab USING fts5vocab (resolved_fts, 'row');

      INSERT INTO resolved_fts (rowid, text)
        SELECT i.id, i.text FROM cases c JOIN items i ON i.case_root = c.root_item WHERE c.status = 'resolved';

      CREATE TRIGGER resolved_fts_case_resolved AFTER UPDATE OF status ON cases
        WHEN new.status = 'resolved' AND old.status <> 'resolved' BEGIN
        INSERT INTO resolved_fts (rowid, text) SELECT id, text FROM items WHERE case_root = new.root_item;
      END;
      CREATE TRIGGER resolved_fts_case_reopened AFTER UPDATE OF status ON cases
        WHEN old.status = 'resolved' AND new.status <> 'resolved' BEGIN
        INSERT INTO resolved_fts (resolved_fts, rowid, text) SELECT 'delete', id, text FROM items WHERE case_root = new.root_item;
      END;
      CREATE TRIGGER resolved_fts_case_inserted AFTER INSERT ON cases WHEN new.status = 'resolved' BEGIN
        INSERT INTO resolved_fts (rowid, text) SELECT id, text FROM items WHERE case_root = new.root_item;
      END;
      CREATE TRIGGER resolved_fts_item_moved AFTER UPDATE OF case_root ON items
        WHEN old.case_root IS NOT new.case_root BEGIN
        INSERT INTO resolved_fts (resolved_fts, rowid, text)
          SELECT 'delete', old.id, old.text WHERE EXISTS (SELECT 1 FROM cases WHERE root_item = old.case_root AND status = 'resolved');
        INSERT INTO resolved_fts (rowid, text)
          SELECT new.id, new.text WHERE EXISTS (SELECT 1 FROM cases WHERE root_item = new.case_root AND status = 'resolved');
      END;
      CREATE TRIGGER resolved_fts_item_text AFTER UPDATE OF text ON items
        WHEN old.text IS NOT new.text AND old.case_root IS new.case_root
          AND EXISTS (SELECT 1 FROM cases WHERE root_item = new.case_root AND status = 'resolved') BEGIN
        INSERT INTO resolved_fts (resolved_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO resolved_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER resolved_fts_item_deleted AFTER DELETE ON items
        WHEN EXISTS (SELECT 1 FROM cases WHERE root_item = old.case_root AND status = 'resolved') BEGIN
        INSERT INTO resolved_fts (resolved_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;

      CREATE INDEX items_dup_group_case ON items (dup_group, case_root) WHERE dup_group IS NOT NULL;

      CREATE VIRTUAL TABLE notes_fts USING fts5 (
        note,
        content = 'events',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO notes_fts (rowid, note) SELECT seq, note FROM events WHERE action = 'note' AND note IS NOT NULL;
      CREATE TRIGGER notes_fts_insert AFTER INSERT ON events WHEN new.action = 'note' AND new.note IS NOT NULL BEGIN
        INSERT INTO notes_fts (rowid, note) VALUES (new.seq, new.note);
      END;

      CREATE TABLE note_mentions (
        -- normalised (lower case, no spaces): see notes/mentions.ts
        name TEXT NOT NULL,
        event_seq INTEGER NOT NULL REFERENCES events (seq),
        PRIMARY KEY (name, event_seq)
      ) STRICT, WITHOUT ROWID;
    `);
    const add = db.prepare('INSERT OR IGNORE INTO note_mentions (name, event_seq) VALUES (?, ?)');
    // Read whole first: better-sqlite3 runs no statement while another is being iterated.
    const notes = db.prepare("SELECT seq, note FROM events WHERE action = 'note' AND note IS NOT NULL").all() as {
      seq: number;
      note: string;
    }[];
    for (const n of notes) for (const name of parseMentions(n.note)) add.run(name, n.seq);
  },
};
