import { decisionRowWriter } from '../../qa/decision-rows';
import type { Migration } from './types';

// Quality review is kept in the event log like everything else (a supervisor's pick of a
// decision, a reviewer's answer to it); these tables are projections of those events, rebuilt
// from an item's events whenever they change, so agreement, samples and the review queue are
// read by index rather than by parsing payloads. A sample walks the decisions of a period in
// qa_decisions, without touching the rest of the log.
export const migration0033: Migration = {
  version: 33,
  name: 'quality-review',
  up(db) {
    db.exec(`
      -- Reviews in force: the latest, not undone, review by each reviewer of each decision,
      -- with the decision as it stands (who made it, what, when, in which queue; in_force 0
      -- once it is undone or the server did not accept it), so agreement reads one table.
      CREATE TABLE qa_reviews (
        event_id TEXT PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items (id),
        decision_event TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        answer TEXT NOT NULL,
        blind INTEGER NOT NULL,
        draw TEXT,
        scores TEXT,
        at INTEGER NOT NULL,
        decider TEXT,
        decided TEXT,
        decided_at INTEGER,
        queue TEXT,
        in_force INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX qa_reviews_item ON qa_reviews (item_id);
      CREATE INDEX qa_reviews_decision ON qa_reviews (decision_event, reviewer);
      CREATE INDEX qa_reviews_reviewer_at ON qa_reviews (reviewer, at);
      -- Agreement groups the reviews in force by decision and by pair of people: this index
      -- holds every column those groupings read, so they never touch the table.
      CREATE INDEX qa_reviews_units ON qa_reviews (in_force, decision_event, reviewer, answer, decider, decided, queue, decided_at);

      -- Decisions picked for review (not withdrawn), by draw.
      CREATE TABLE qa_picks (
        event_id TEXT PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items (id),
        decision_event TEXT NOT NULL,
        draw TEXT NOT NULL,
        blind INTEGER NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX qa_picks_item ON qa_picks (item_id);
      CREATE INDEX qa_picks_at ON qa_picks (at, event_id);
      CREATE INDEX qa_picks_draw ON qa_picks (draw, at);
      CREATE INDEX qa_picks_decision ON qa_picks (decision_event);

      -- The decisions in force, narrow and numeric, for drawing samples from a million of them
      -- without reading a million rows: h is a hash of the event id (the same on every
      -- workstation), the strata are codes of qa_names (people, queues) and of the decision
      -- actions' order. Rebuilt per item with the item's other projections.
      CREATE TABLE qa_names (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE TABLE qa_decisions (
        event_id TEXT PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items (id),
        at INTEGER NOT NULL,
        h INTEGER NOT NULL,
        moderator INTEGER NOT NULL REFERENCES qa_names (id),
        queue INTEGER NOT NULL REFERENCES qa_names (id),
        action INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX qa_decisions_item ON qa_decisions (item_id);
      CREATE INDEX qa_decisions_at ON qa_decisions (at, h, moderator, queue, action);
      CREATE INDEX qa_decisions_moderator ON qa_decisions (moderator, queue, action, at);
    `);
    // Decisions already in the log: in force (the server accepted them, or has not answered),
    // not undone by an undo that counts, by their author of record.
    const page = db.prepare<
      [number],
      { seq: number; id: string; item_id: number; created_at: number; by: string; action: string; queue: string }
    >(
      `SELECT e.seq, e.id, e.item_id, e.created_at, coalesce(s.author, e.actor) AS by, e.action, i.queue
       FROM events e JOIN items i ON i.id = e.item_id LEFT JOIN event_sync s ON s.event_id = e.id
       WHERE e.seq > ? AND e.action IN ('approve', 'remove', 'escalate', 'spam', 'fake', 'reply')
         AND (s.status IS NULL OR s.status = 'accepted')
         AND NOT EXISTS (SELECT 1 FROM events u LEFT JOIN event_sync us ON us.event_id = u.id
                         WHERE u.undo_of = e.id AND (us.status IS NULL OR us.status = 'accepted'))
       ORDER BY e.seq LIMIT 10000`,
    );
    const add = decisionRowWriter(db);
    for (let after = 0; ;) {
      const rows = page.all(after);
      if (!rows.length) break;
      for (const r of rows) add(r.id, r.item_id, r.created_at, r.by, r.action, r.queue);
      after = rows[rows.length - 1]!.seq;
    }
  },
};
