// The server's verifiable log on its SQLite store:
//   audit.append_per_s   entries appended per second as a push appends them (the entry written
//                        from the stored event, hashed, the tree's completed nodes stored), in
//                        transactions of 500
//   audit.verify_1m_ms   the server's own check of a 1,000,000-entry log (npm run server -- audit
//                        verify): every entry read back and hashed again, compared with its logged
//                        hash, the tree grown again, the signed checkpoint verified; baseline: the
//                        library alone from the same entries' text already in memory
//   audit.proof_bytes    the inclusion proof file of one entry of that log, as the server serves it
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProofFile, entryJson, parsePublicKey, rootOfData, verifyProofFile } from '../src/core/index';
import { entryOf, type StoredEvent } from '../src/sync-server/log/entry';
import { LogSigner } from '../src/sync-server/log/signer';
import { verifyServerLog } from '../src/sync-server/log/verify';
import { migrateSqlite } from '../src/sync-server/store/migrations/run';
import { sqliteLog } from '../src/sync-server/store/sqlite-log';
import { openSqliteStore } from '../src/sync-server/store/sqlite-store';
import type { SyncEvent } from '../src/shared/sync';
import { log, type Metric } from './lib/metrics';

const T0 = Date.UTC(2026, 0, 5, 8);
const ACTIONS = ['approve', 'remove', 'escalate', 'label', 'reply'] as const;
const APPEND = 200_000;
const BATCH = 500;

/** A stored event as a push leaves it: a decision of one of 37 moderators, and the server's word on it. */
function storedAt(i: number): StoredEvent {
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  const user = i % 37;
  const status = i % 97 === 0 ? 'conflict' : i % 211 === 0 ? 'rejected' : 'accepted';
  const event: SyncEvent = {
    id: `${hex(i * 2654435761, 8)}-${hex(i, 4)}-7${hex(i * 7, 3)}-a${hex(i * 13, 3)}-${hex(i * 40503, 8)}${hex(i, 4)}`,
    clientId: `ws-${hex(user * 977, 6)}`,
    clientSeq: Math.floor(i / 37) + 1,
    platform: 'x',
    externalId: `p${(i * 7919).toString(36)}`,
    action: ACTIONS[i % ACTIONS.length]!,
    baseVersion: i % 4,
    actor: `mod${user}`,
    createdAt: T0 + i * 1500 - 800,
    ...(i % 5 === 0 ? { reason: 'spam' } : {}),
    ...(i % 3 === 0 ? { labels: ['spam'] } : {}),
    ...(i % 20 === 0 ? { note: 'Same link as the wave.' } : {}),
  };
  return {
    seq: i + 1,
    status,
    verdict: status === 'conflict' ? 'held by another moderator' : status === 'rejected' ? 'a moderator does not resolve conflicts' : null,
    by: `mod${user}`,
    role: user === 0 ? 'supervisor' : 'moderator',
    receivedAt: T0 + i * 1500,
    event,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `n` events written straight into a server database, none logged yet (the store logs them when it opens). */
function writeEvents(file: string, n: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrateSqlite(db);
  db.prepare("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (1, 'bench', 'moderator', 'x', 0)").run();
  const insert = db.prepare(
    `INSERT INTO events (seq, id, client_id, client_seq, platform, external_id, action, base_version, status, reason, body, user_id, received_at, by_name, role)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  for (let from = 0; from < n; from += 50_000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(n, from + 50_000); i++) {
        const s = storedAt(i);
        const e = s.event;
        insert.run(
          s.seq,
          e.id,
          e.clientId,
          e.clientSeq,
          e.platform,
          e.externalId,
          e.action,
          e.baseVersion,
          s.status,
          s.verdict,
          JSON.stringify(e),
          s.receivedAt,
          s.by,
          s.role,
        );
      }
    })();
  }
  db.close();
}

export async function auditFigures(N = 1_000_000): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-audit-'));
  try {
    // Append, as pushes do: batches of 500 in a transaction each.
    const appendDb = new Database(join(dir, 'append.db'));
    appendDb.pragma('journal_mode = WAL');
    appendDb.pragma('synchronous = FULL');
    migrateSqlite(appendDb);
    const appender = sqliteLog(appendDb);
    const batches: StoredEvent[][] = [];
    for (let i = 0; i < APPEND; i += BATCH) batches.push(Array.from({ length: BATCH }, (_, k) => storedAt(i + k)));
    // The leaf hashes go on the event rows the push writes; here onto rows of their own, so the next batch finds them.
    const rows = appendDb.prepare(
      'INSERT INTO events (seq, id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at, leaf, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1, 0, ?, ?)',
    );
    appendDb.prepare("INSERT INTO users (id, name, role, password_hash, created_at) VALUES (1, 'bench', 'moderator', 'x', 0)").run();
    // Timed: the log's part of each push (place); the rows and the commit are the push's own.
    let placing = 0;
    let t = performance.now();
    for (const b of batches) {
      appendDb.transaction(() => {
        const t0 = performance.now();
        const placed = appender.place(b);
        placing += performance.now() - t0;
        b.forEach((s, k) =>
          rows.run(
            s.seq,
            s.event.id,
            s.event.clientId,
            s.event.clientSeq,
            s.event.platform,
            s.event.externalId,
            s.event.action,
            s.status,
            '{}',
            placed[k]!.leaf,
            placed[k]!.hash,
          ),
        );
      })();
    }
    const wholePerS = APPEND / ((performance.now() - t) / 1000);
    const appendPerS = APPEND / (placing / 1000);
    appendDb.close();
    log(
      `  append: ${APPEND.toLocaleString('en')} entries in ${APPEND / BATCH} transactions; the log's part at ${appendPerS.toFixed(0)}/s, with rows and commits ${wholePerS.toFixed(0)}/s`,
    );

    // A log of N entries: the events written, then logged by the store as it opens.
    const serverDir = join(dir, 'server');
    mkdirSync(serverDir);
    t = performance.now();
    writeEvents(join(serverDir, 'vigil-server.db'), N);
    log(`  ${N.toLocaleString('en')} events written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const store = openSqliteStore(serverDir);
    log(`  logged when the store opened, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const signer = new LogSigner(store.log, { file: join(dir, 'log-key.pem') }, Date.now);
    const cp = await signer.current();
    const key = parsePublicKey((await signer.key()).publicKey);

    const verifyMs: number[] = [];
    for (let run = 0; run < 3; run++) {
      t = performance.now();
      const r = await verifyServerLog(store.log, key);
      verifyMs.push(performance.now() - t);
      if (!r.ok || r.entries !== N) throw new Error(`the log does not hold: ${JSON.stringify(r.problems.slice(0, 3))}`);
    }
    // The library alone from the entries' text, as a baseline (after: its million strings would weigh on the check's heap).
    const texts = Array.from({ length: N }, (_, i) => entryJson(entryOf(storedAt(i))));
    const libMs: number[] = [];
    for (let run = 0; run < 3; run++) {
      t = performance.now();
      if (!rootOfData(texts).equals(cp.root)) throw new Error('the library and the store disagree on the root');
      libMs.push(performance.now() - t);
    }
    log(
      `  verify: ${verifyMs.map((x) => x.toFixed(0)).join(', ')} ms (library from text: ${libMs.map((x) => x.toFixed(0)).join(', ')} ms)`,
    );

    const at = Math.floor(N * 0.73421);
    const found = (await store.log.entry(storedAt(at).event.id))!;
    const file = buildProofFile({
      entry: found.entry,
      leafIndex: found.leaf,
      treeSize: cp.size,
      path: await signer.inclusion(found.leaf, cp.size),
      checkpoint: cp.note,
    });
    const verdict = verifyProofFile(file, key);
    if (!verdict.ok) throw new Error(`the proof does not hold: ${verdict.problem}`);
    await store.close();
    return [
      {
        name: 'audit.append_per_s',
        value: appendPerS,
        unit: 'entries/s',
        baseline: wholePerS,
        ratio: appendPerS / wholePerS,
        note: `the SQLite store's append as a push makes it, timed inside the push's transaction (entry from the stored event, canonical JSON, leaf hash, completed subtrees written), ${APPEND.toLocaleString('en')} entries in transactions of ${BATCH}; baseline: the same with a bare event row per entry and each commit synced (synchronous=FULL), what a push adds to it being its own work; target >= 50,000`,
      },
      {
        name: 'audit.verify_1m_ms',
        value: median(verifyMs),
        unit: 'ms',
        baseline: median(libMs),
        ratio: median(verifyMs) / median(libMs),
        note: `the server's own check of a ${N.toLocaleString('en')}-entry SQLite log (each entry read, hashed again and compared with its logged hash, the tree grown again, the signed checkpoint verified), median of 3; baseline: the library alone from the entries' text in memory; target <= 2,000`,
      },
      {
        name: 'audit.proof_bytes',
        value: Buffer.byteLength(file),
        unit: 'bytes',
        note: `the inclusion proof file of entry ${(at + 1).toLocaleString('en')} of ${N.toLocaleString('en')} as served (${found.entry.action} by ${found.entry.by}, its path of ${Math.ceil(Math.log2(N))} hashes, the signed checkpoint); target <= 2,048`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
