import type { Migration } from './types';

// A case gathers one customer's messages about one matter, across the brand's accounts and
// channels, under one owner until it is resolved. A case is named by its first message (its
// root item), which every workstation knows by platform and id, so case events travel on the
// root item like any other event. Items already here are grouped as new ones will be: one
// author's messages, a new case after a week of silence.
export const migration0017: Migration = {
  version: 17,
  name: 'cases',
  up(db) {
    db.exec(`
      ALTER TABLE items ADD COLUMN case_root INTEGER REFERENCES items (id);

      CREATE TABLE cases (
        root_item INTEGER PRIMARY KEY REFERENCES items (id),
        customer INTEGER REFERENCES accounts (id),
        owner TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        outcome TEXT,
        opened_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        resolved_at INTEGER,
        handovers INTEGER NOT NULL DEFAULT 0,
        bounced INTEGER NOT NULL DEFAULT 0,
        items INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      -- Window functions, then one keyed update: a correlated lookup per item would be quadratic.
      CREATE TEMP TABLE case_roots (id INTEGER PRIMARY KEY, root INTEGER NOT NULL, at INTEGER NOT NULL);
      WITH ordered AS (
        SELECT id, author_id, coalesce(created_at, imported_at) AS at,
          CASE WHEN author_id IS NULL
            OR coalesce(created_at, imported_at) - lag(coalesce(created_at, imported_at)) OVER w > 604800000
            OR lag(id) OVER w IS NULL THEN 1 ELSE 0 END AS starts
        FROM items WINDOW w AS (PARTITION BY author_id ORDER BY coalesce(created_at, imported_at), id)
      ),
      numbered AS (
        SELECT id, author_id, at, sum(starts) OVER (PARTITION BY author_id ORDER BY at, id) AS segment FROM ordered
      )
      INSERT INTO case_roots (id, root, at)
        SELECT id, CASE WHEN author_id IS NULL THEN id ELSE first_value(id) OVER (PARTITION BY author_id, segment ORDER BY at, id) END, at
        FROM numbered;
      UPDATE items SET case_root = r.root FROM case_roots r WHERE r.id = items.id;
      INSERT INTO cases (root_item, customer, opened_at, last_at, items)
        SELECT r.root, i.author_id, min(r.at), max(r.at), count(*) FROM case_roots r JOIN items i ON i.id = r.root GROUP BY r.root;
      DROP TABLE case_roots;

      CREATE INDEX items_case_root ON items (case_root);
      -- The customer's open case a new message joins.
      CREATE INDEX cases_customer_open ON cases (customer, last_at) WHERE status = 'open';
      -- What a supervisor looks at: open cases bounced between owners.
      CREATE INDEX cases_bounced ON cases (last_at) WHERE bounced = 1 AND status = 'open';
    `);
  },
};
