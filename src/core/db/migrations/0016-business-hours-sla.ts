import type { Migration } from './types';

// Business hours per team and SLA policies counted in business time.
// Each item keeps its policy, its two dues and when it was first answered; `sla_due` is the
// next target still to meet (first response until a reply, then resolution), so that "what
// breaches first" and "how many are overdue, per queue and team" are ranges on one index.
// Dues and priority are written by core (they need the calendar arithmetic, which a
// migration must not depend on): items already stored get the default policy here and their
// dues on the next start (core/triage/sla/recompute.ts fills what is missing).
const WEEKDAY_9_TO_5 = JSON.stringify({
  mon: [{ from: '09:00', to: '17:00' }],
  tue: [{ from: '09:00', to: '17:00' }],
  wed: [{ from: '09:00', to: '17:00' }],
  thu: [{ from: '09:00', to: '17:00' }],
  fri: [{ from: '09:00', to: '17:00' }],
  sat: [],
  sun: [],
});

function machineZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export const migration0016: Migration = {
  version: 16,
  name: 'business-hours-sla',
  up(db) {
    db.exec(`
      CREATE TABLE teams (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        time_zone TEXT NOT NULL,
        weekly_hours TEXT NOT NULL,
        holidays TEXT NOT NULL DEFAULT '[]',
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sla_policies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        team_id INTEGER NOT NULL REFERENCES teams (id),
        first_response_minutes INTEGER NOT NULL CHECK (first_response_minutes > 0),
        resolution_minutes INTEGER NOT NULL CHECK (resolution_minutes > 0),
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX sla_policies_one_default ON sla_policies (is_default) WHERE is_default = 1;
      CREATE INDEX sla_policies_team ON sla_policies (team_id);

      ALTER TABLE items ADD COLUMN sla_policy_id INTEGER REFERENCES sla_policies (id);
      ALTER TABLE items ADD COLUMN first_response_due INTEGER;
      ALTER TABLE items ADD COLUMN resolution_due INTEGER;
      ALTER TABLE items ADD COLUMN first_response_at INTEGER;
      ALTER TABLE items ADD COLUMN sla_due INTEGER;

      -- What breaches first, and overdue counts per queue and team: a range on (status, sla_due)
      -- that covers queue and policy. One queue by due walks it too, checking the queue in the
      -- index: a second index would be one more to move for every item a recompute re-times.
      CREATE INDEX items_status_sla_due ON items (status, sla_due, queue, sla_policy_id) WHERE sla_due IS NOT NULL;
      -- Items whose policy changes (a policy edited or removed).
      CREATE INDEX items_sla_policy ON items (sla_policy_id) WHERE sla_policy_id IS NOT NULL;
      -- First responses given after their due: few, counted for supervisors.
      CREATE INDEX items_first_response_late ON items (first_response_at) WHERE first_response_at > first_response_due;
    `);
    const team = db
      .prepare('INSERT INTO teams (name, time_zone, weekly_hours, holidays, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run('Support', machineZone(), WEEKDAY_9_TO_5, '[]', Date.now());
    const policy = db
      .prepare(
        `INSERT INTO sla_policies (name, team_id, first_response_minutes, resolution_minutes, is_default)
         VALUES ('Standard', ?, 60, 480, 1)`,
      )
      .run(team.lastInsertRowid);
    const open = db.prepare("UPDATE items SET sla_policy_id = ? WHERE status IN ('new', 'escalated')").run(policy.lastInsertRowid);
    // Core works their dues out on its next start and clears the mark.
    if (open.changes > 0)
      db.prepare("INSERT INTO meta (key, value) VALUES ('sla_dues_pending', '1') ON CONFLICT (key) DO UPDATE SET value = '1'").run();
    db.prepare(
      `INSERT INTO templates (id, name, body, position)
       VALUES ('out-of-hours', 'Out of hours: say when we are back', ?, (SELECT coalesce(max(position), -1) + 1 FROM templates))
       ON CONFLICT (id) DO NOTHING`,
    ).run(
      'Hi {name}, thanks for your message! Our team is away right now ({hours}). We will be back on {backAt} and will answer you then. – {agent}',
    );
  },
};
