// Connectors' content on the SQLite store. It is numbered from the events' own counter (their
// AUTOINCREMENT row in sqlite_sequence, which SQLite never lets go backwards), so that events
// and content share one order and one cursor; a changed record moves to the next number.
import Database from 'better-sqlite3';
import type { ContentIn, Ingested, SnapshotReader, User } from './types';
import { ackPages, contentPages, eventPages, headOf } from './sqlite-reads';

export function sqliteIngest(db: Database.Database): (records: readonly ContentIn[], by: User, now: number) => Ingested[] {
  const q = {
    find: db.prepare<[string, string, string], { seq: number; body: string }>(
      'SELECT seq, body FROM content WHERE type = ? AND platform = ? AND external_id = ?',
    ),
    counter: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
    moveCounter: db.prepare<[number]>("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'"),
    startCounter: db.prepare<[number]>("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)"),
    insert: db.prepare('INSERT INTO content (seq, type, platform, external_id, body, user_id, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    update: db.prepare('UPDATE content SET seq = ?, body = ?, user_id = ?, ingested_at = ? WHERE seq = ?'),
  };
  return db.transaction((records: readonly ContentIn[], by: User, now: number): Ingested[] => {
    const start = q.counter.get()?.seq;
    let seq = start ?? 0;
    const out = records.map((r): Ingested => {
      const found = q.find.get(r.type, r.platform, r.externalId);
      if (found && found.body === r.body) return { status: 'unchanged', seq: found.seq };
      seq++;
      if (found) q.update.run(seq, r.body, by.id, now, found.seq);
      else q.insert.run(seq, r.type, r.platform, r.externalId, r.body, by.id, now);
      return { status: found ? ('updated' as const) : ('inserted' as const), seq };
    });
    if (start === undefined) q.startCounter.run(seq);
    else if (seq !== start) q.moveCounter.run(seq);
    return out;
  });
}

/** A read-only connection holding one read transaction: what it sees stays as of its head. */
export function sqliteSnapshot(file: string): SnapshotReader {
  const ro = new Database(file, { readonly: true, fileMustExist: true });
  ro.pragma('busy_timeout = 5000');
  ro.exec('BEGIN');
  try {
    const head = headOf(ro)();
    const count = (sql: string) => ro.prepare<[number], { n: number }>(sql).get(head)!.n;
    const events = eventPages(ro);
    const content = contentPages(ro);
    const acks = ackPages(ro);
    const eventCount = count('SELECT count(*) AS n FROM events WHERE seq <= ?');
    return {
      head,
      // Every stored event is one entry of the log, in the same order.
      logSize: eventCount,
      contentCount: count('SELECT count(*) AS n FROM content WHERE seq <= ?'),
      eventCount,
      ackCount: count('SELECT count(*) AS n FROM outbound_acks WHERE seq <= ?'),
      content: async (after, limit) => content(after, head, limit),
      events: async (after, limit) => events(after, limit),
      acks: async (after, limit) => acks(after, head, limit),
      close: async () => {
        if (!ro.open) return;
        ro.exec('COMMIT');
        ro.close();
      },
    };
  } catch (e) {
    ro.close();
    throw e;
  }
}
