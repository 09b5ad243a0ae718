// The log cannot be rewritten unnoticed. Workstations keep a copy of the server's verifiable
// log and verify every page against signed checkpoints; a proof of one decision checks with
// only the server's public key; and each kind of tampering — an entry edited, deleted,
// inserted, reordered, the end cut off, the history rebuilt and signed again, two servers
// forked — is found and named with its first position: by the server's own check, by a
// workstation that had synced before, and on a workstation's own copy. Server stores: both.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePublicKey, verifyProofFile, type Core, type LogPublicKey } from '../../src/core/index';
import { LogSigner } from '../../src/sync-server/log/signer';
import { verifyServerLog } from '../../src/sync-server/log/verify';
import { openPgStore } from '../../src/sync-server/store/pg-store';
import { openSqliteStore } from '../../src/sync-server/store/sqlite-store';
import type { LogStore, ServerStore } from '../../src/sync-server/store/types';
import { checkChunk, newJob } from '../../src/sync-server/log/range-check';
import { call } from '../unit/call';
import { tempDir } from '../unit/helpers';
import { cli } from '../cli/helpers';
import { onEachStore, PASSWORD, pgCluster, stopCluster, storeKinds, type StoreKind } from './helpers';
import { serve, stopServer, workstation } from './loopback';

const kinds = await storeKinds();
afterAll(() => stopCluster());

const USERS = [
  ['ana', 'moderator'],
  ['bo', 'moderator'],
  ['sam', 'supervisor'],
] as const;
const ITEMS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const records = ITEMS.map((id) => ({ type: 'item', platform: 'x', id, kind: 'mention', text: `message ${id}` }));
const idOf = (core: Core, externalId: string) =>
  core.db.prepare('SELECT id FROM items WHERE external_id = ?').pluck().get(externalId) as number;
const eventOn = (core: Core, externalId: string) =>
  core.db
    .prepare('SELECT e.id FROM events e JOIN items i ON i.id = e.item_id WHERE i.external_id = ? ORDER BY e.seq LIMIT 1')
    .pluck()
    .get(externalId) as string;
const dataDirOf = async (core: Core) => (await call(core, 'app.info', {})).dataDir;

/** A server store that can be opened again on the same data, and raw SQL on its database. */
async function reopenable(kind: StoreKind): Promise<{ open(): Promise<ServerStore>; sql(q: string): Promise<void>; file?: string }> {
  if (kind === 'sqlite') {
    const dir = tempDir('vigil-server-');
    const file = join(dir, 'vigil-server.db');
    return {
      file,
      open: async () => openSqliteStore(dir),
      sql: async (q) => {
        const raw = new Database(file);
        try {
          raw.exec(q);
        } finally {
          raw.close();
        }
      },
    };
  }
  const c = await pgCluster();
  if (typeof c === 'string') throw new Error(c);
  const url = await c.createDatabase();
  return {
    open: () => openPgStore(url),
    sql: async (q) => {
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      try {
        await pool.query(q);
      } finally {
        await pool.end();
      }
    },
  };
}

/** A server with a key file, ana's six approvals pushed (entries 0 to 5), bo synced: a checkpoint of 6 verified on his workstation. */
async function world(kind: StoreKind) {
  const data = await reopenable(kind);
  const keyFile = join(tempDir('vigil-key-'), 'log-key.pem');
  const store = await data.open();
  const url = await serve(store, { users: USERS, logKey: { file: keyFile } });
  const ana = await workstation(url, 'ana', { records });
  for (const id of ITEMS) await call(ana, 'decision.apply', { itemIds: [idOf(ana, id)], action: 'approve' });
  await call(ana, 'sync.run', {});
  const bo = await workstation(url, 'bo', { records });
  await call(bo, 'sync.run', {});
  const key: LogPublicKey = parsePublicKey((await new LogSigner(store.log, { file: keyFile }, Date.now).key()).publicKey);
  /** The server's own check of its database as it is now. */
  const selfCheck = async () => {
    const again = await data.open();
    try {
      return await verifyServerLog(again.log, key);
    } finally {
      await again.close();
    }
  };
  /** The server stopped, its store opened again (events without a place in the log are logged anew) and served on the same address and key. */
  const restart = async () => {
    const port = Number(new URL(url).port);
    await stopServer(url);
    await serve(await data.open(), { users: USERS, logKey: { file: keyFile }, port });
  };
  /** A sync round after a restart: a connection kept alive to the server that went away may fail once, as a workstation's scheduler would then try again. */
  const syncAgain = async (core: Core) => {
    const first = await core.dispatch('sync.run', {});
    return !first.ok && first.error.code === 'transport' ? core.dispatch('sync.run', {}) : first;
  };
  return { data, keyFile, store, url, ana, bo, key, selfCheck, restart, syncAgain };
}

/** SQL that moves entries from `from` on one place later (through negatives: the place is unique). */
const shiftFrom = (from: number) =>
  `UPDATE events SET leaf = -leaf - 1 WHERE leaf >= ${from}; UPDATE events SET leaf = -leaf WHERE leaf < 0;`;
const FORGED = `INSERT INTO events (id, client_id, client_seq, platform, external_id, action, base_version, status, body, user_id, received_at, by_name, role, leaf)
  VALUES ('forged', 'ws-x', 99, 'x', 'm9', 'remove', 0, 'accepted',
    '{"id":"forged","clientId":"ws-x","clientSeq":99,"platform":"x","externalId":"m9","action":"remove","baseVersion":0,"actor":"sam","createdAt":1}',
    (SELECT min(id) FROM users), 1, 'sam', 'supervisor', 4)`;

onEachStore(kinds, (kind) => {
  it("keeps a verified copy on each workstation; a decision's proof checks with only the server's public key", async () => {
    const { bo, ana, key, selfCheck } = await world(kind);
    expect(await call(bo, 'audit.verify', { server: true })).toMatchObject({
      ok: true,
      problems: [],
      serverLog: { entries: 6, kept: 6, checkpoint: { size: 6 }, server: 'consistent' },
    });
    expect(await selfCheck()).toMatchObject({ ok: true, entries: 6, problems: [] });

    const proof = await call(bo, 'audit.proof', { eventId: eventOn(ana, 'm3') });
    expect(proof.summary).toMatch(
      /^approve on x\/m3 was logged at \d{4}-\d\d-\d\d \d\d:\d\d UTC by ana \(moderator\): entry 3 of 6, accepted$/,
    );
    expect(Buffer.byteLength(proof.file)).toBeLessThan(2048);
    expect(verifyProofFile(proof.file, key)).toMatchObject({ ok: true });
    // On another install, with only the key: the file holds; edited, it does not.
    const dir = tempDir('vigil-proof-');
    writeFileSync(join(dir, 'proof.json'), proof.file);
    expect((await cli(['audit', 'verify-proof', join(dir, 'proof.json'), '--key', key.base64])).code).toBe(0);
    writeFileSync(join(dir, 'forged.json'), proof.file.replace('"by":"ana"', '"by":"sam"'));
    const forged = await cli(['audit', 'verify-proof', join(dir, 'forged.json'), '--key', key.base64]);
    expect(forged.code).toBe(1);
    // The command line fetches the same proof through the workstation's sign-in.
    const out = join(dir, 'cli.json');
    const r = await cli(['audit', 'proof', eventOn(ana, 'm3'), '--data-dir', await dataDirOf(bo), '--out', out]);
    expect(r.code).toBe(0);
    expect(verifyProofFile(readFileSync(out, 'utf8'), key)).toMatchObject({ ok: true, leafIndex: 2, treeSize: 6 });
  });

  describe("the server's own check names the first entry that no longer holds", () => {
    it('an entry edited', async () => {
      const { data, selfCheck } = await world(kind);
      await data.sql(`UPDATE events SET body = replace(body, '"approve"', '"remove"'), action = 'remove' WHERE leaf = 2`);
      const r = await selfCheck();
      expect(r.ok).toBe(false);
      expect(r.problems[0]).toEqual({
        position: 2,
        what: expect.stringMatching(/^entry 2 \(event .+, remove by ana\) is not what was logged: it was changed$/),
      });
    });

    it('an entry deleted', async () => {
      const { data, selfCheck } = await world(kind);
      await data.sql('DELETE FROM events WHERE leaf = 3');
      expect((await selfCheck()).problems[0]).toEqual({ position: 3, what: 'entries 3 to 3 are missing: removed from the log' });
    });

    it('an entry inserted', async () => {
      const { data, selfCheck } = await world(kind);
      await data.sql(`${shiftFrom(4)} ${FORGED}`);
      const r = await selfCheck();
      expect(r.problems[0]).toEqual({ position: 4, what: 'entry 4 (event forged, remove) has no logged hash: inserted after the fact' });
    });

    it('two entries swapped', async () => {
      const { data, selfCheck } = await world(kind);
      await data.sql(
        'UPDATE events SET leaf = -100 WHERE leaf = 1; UPDATE events SET leaf = 1 WHERE leaf = 4; UPDATE events SET leaf = 4 WHERE leaf = -100;',
      );
      const r = await selfCheck();
      expect(r.problems[0]).toEqual({ position: 1, what: 'entries 1 and 2 are out of the order the server stored them in: reordered' });
    });

    it('the end cut off', async () => {
      const { data, selfCheck } = await world(kind);
      await data.sql('DELETE FROM events WHERE leaf >= 4; DELETE FROM log_nodes WHERE idx * (1 << level) + (1 << level) > 4;');
      const r = await selfCheck();
      expect(r.problems).toEqual([
        {
          position: 4,
          what: expect.stringMatching(/^the log holds 4 entries, but the checkpoint signed at .+ covers 6: entries were cut from its end$/),
        },
      ]);
    });
  });

  describe('a workstation that synced before notices a server whose history changed', () => {
    it('rebuilt and signed again after an edit: sync stops, and the check says so', async () => {
      const { data, bo, url, restart, selfCheck, syncAgain } = await world(kind);
      // Whoever holds the database and the key rewrites entry 2 and logs the history again.
      await data.sql(`UPDATE events SET body = replace(body, '"approve"', '"spam"'), action = 'spam' WHERE leaf = 2;
        UPDATE events SET leaf = NULL; DELETE FROM log_nodes; DELETE FROM log_checkpoints;`);
      await restart();
      // The server's own check cannot see it (it was all logged again) ...
      expect((await selfCheck()).ok).toBe(true);
      // ... but bo's workstation verified the old history.
      const sync = await syncAgain(bo);
      expect(sync).toMatchObject({
        ok: false,
        error: {
          code: 'untrusted_server',
          message: expect.stringMatching(
            new RegExp(
              `^The server at ${url} does not hold to its signed log: the 6 entries it sent are not the first 6 of the log it signed`,
            ),
          ),
        },
      });
      expect(bo.db.prepare("SELECT count(*) FROM events WHERE action = 'spam'").pluck().get()).toBe(0);
      const report = await call(bo, 'audit.verify', { server: true });
      expect(report.serverLog?.server).toBe('inconsistent');
      expect(report.problems).toEqual([expect.objectContaining({ where: 'server', position: 6 })]);
      const viaCli = await cli(['audit', 'verify', '--server', url, '--data-dir', await dataDirOf(bo)]);
      expect(viaCli.code).toBe(1);
      expect(viaCli.stdout).toMatch(/does not extend the one this workstation verified at size 6/);
    });

    it('cut short and signed again: sync stops', async () => {
      const { data, bo, restart, syncAgain } = await world(kind);
      await data.sql(
        'DELETE FROM events WHERE leaf >= 4; UPDATE events SET leaf = NULL; DELETE FROM log_nodes; DELETE FROM log_checkpoints;',
      );
      await restart();
      const sync = await syncAgain(bo);
      expect(sync).toMatchObject({ ok: false, error: { code: 'untrusted_server' } });
    });

    it('another key: the sign-in is refused, naming both fingerprints', async () => {
      const { bo, url, data } = await world(kind);
      const port = Number(new URL(url).port);
      await stopServer(url);
      await serve(await data.open(), { users: USERS, logKey: { file: join(tempDir('vigil-key-'), 'other.pem') }, port });
      const connect = () => bo.dispatch('sync.connect', { url, name: 'bo', password: PASSWORD });
      const first = await connect();
      const r = !first.ok && first.error.code === 'transport' ? await connect() : first;
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'untrusted_server', message: expect.stringMatching(/now signs its log with another key/) },
      });
    });
  });

  describe("a workstation's own copy names what was changed there", () => {
    async function tampered(sql: string) {
      const { bo, ana } = await world(kind);
      bo.db.exec('DROP TRIGGER events_append_only_update');
      bo.db.exec(sql.replaceAll('$M2', eventOn(ana, 'm2')));
      return (await call(bo, 'audit.verify', { server: false })).problems;
    }

    it('an event edited (its name of the author)', async () => {
      const problems = await tampered("UPDATE events SET actor = 'sam' WHERE id = '$M2'");
      expect(problems).toContainEqual({
        where: 'server-log',
        position: 1,
        what: expect.stringMatching(/^entry 1 \(event .+\) is not what the server logged: it was changed here$/),
      });
      expect(problems).toContainEqual(expect.objectContaining({ where: 'chain' }));
    });

    it('the author of record forged', async () => {
      const problems = await tampered("UPDATE event_sync SET author = 'sam' WHERE event_id = '$M2'");
      expect(problems).toEqual([
        {
          where: 'server-log',
          position: 1,
          what: expect.stringMatching(/^entry 1 \(event .+, approve by sam\) is not what the server logged/),
        },
      ]);
    });

    it('an entry of the copy deleted, entries reordered, the end cut off, an event inserted', async () => {
      expect((await tampered('DELETE FROM server_log WHERE leaf = 2'))[0]).toEqual({
        where: 'server-log',
        position: 2,
        what: 'entries 2 to 2 of the copy are missing: removed here',
      });
      const swapped = await tampered(
        'UPDATE server_log SET leaf = -1 WHERE leaf = 1; UPDATE server_log SET leaf = 1 WHERE leaf = 4; UPDATE server_log SET leaf = 4 WHERE leaf = -1;',
      );
      expect(swapped[0]).toEqual({
        where: 'server-log',
        position: 1,
        what: "entries 1 and 2 of the copy are out of the server's order: reordered here",
      });
      const cut = await tampered('DELETE FROM server_log WHERE leaf >= 4');
      expect(cut).toContainEqual({
        where: 'server-log',
        position: 4,
        what: expect.stringMatching(/holds 4 entries, but the server signed 6 .* cut from its end here/),
      });
      const inserted =
        await tampered(`INSERT INTO event_sync (event_id, server_seq, status, synced_at, author, received_at) SELECT id, 999, 'accepted', 1, 'sam', 1 FROM events WHERE id NOT IN (SELECT event_id FROM event_sync) LIMIT 1;
        UPDATE event_sync SET server_seq = 999 WHERE event_id = '$M2'`);
      expect(inserted).toContainEqual(
        expect.objectContaining({ where: 'server-log', position: 1, what: expect.stringMatching(/without the server's answer for it/) }),
      );
    });
  });
});

describe("the server's check in chunks shared by two threads", () => {
  /** A log of 21 entries, checked in chunks of 4 (six chunks, the last of one entry), shared from 4 entries on. */
  const SMALL = { shareFrom: 4, chunk: 4 };
  async function big() {
    const w = await world('sqlite');
    for (const id of ITEMS) await call(w.ana, 'item.note', { itemId: idOf(w.ana, id), text: `first ${id}` });
    for (const id of ITEMS) await call(w.ana, 'item.label', { itemIds: [idOf(w.ana, id)], add: ['vip'], remove: [] });
    for (const id of ITEMS.slice(0, 3)) await call(w.ana, 'item.note', { itemId: idOf(w.ana, id), text: `second ${id}` });
    await call(w.ana, 'sync.run', {});
    /** The check of the database as it is now, through `wrap` (the store's log, or a faulty stand-in for it). */
    const check = async (wrap: (log: LogStore) => LogStore = (log) => log) => {
      const again = await w.data.open();
      try {
        return await verifyServerLog(wrap(again.log), w.key, () => {}, SMALL);
      } finally {
        await again.close();
      }
    };
    return { ...w, check };
  }

  it('holds for an untouched log, and names an edit in any chunk', async () => {
    const { data, check, bo } = await big();
    await call(bo, 'sync.run', {});
    expect(await check()).toMatchObject({ ok: true, entries: 21, problems: [] });
    // Entry 13 (a label) is in the fourth chunk, entry 19 (a note) in the fifth.
    await data.sql(`UPDATE events SET body = replace(body, '"vip"', '"vvip"') WHERE leaf = 13`);
    await data.sql(`UPDATE events SET body = replace(body, '"second', '"2nd') WHERE leaf = 19`);
    const edited = await check();
    expect(
      edited.problems.filter((p) => p.what.endsWith('it was changed')).map((p) => [p.position, p.what.replace(/\(.*\)/, '(…)')]),
    ).toEqual([
      [13, 'entry 13 (…) is not what was logged: it was changed'],
      [19, 'entry 19 (…) is not what was logged: it was changed'],
    ]);
    expect(edited.problems[0]!.position).toBe(13);
  });

  it("names a swap across two chunks, entries missing at a chunk's end, and a cut end", async () => {
    const { data, check } = await big();
    const swap =
      'UPDATE events SET leaf = -100 WHERE leaf = 15; UPDATE events SET leaf = 15 WHERE leaf = 16; UPDATE events SET leaf = 16 WHERE leaf = -100;';
    await data.sql(swap);
    expect((await check()).problems[0]).toEqual({
      position: 15,
      what: 'entries 15 and 16 are out of the order the server stored them in: reordered',
    });
    await data.sql(swap);
    expect((await check()).ok).toBe(true);
    // Chunk [8, 12) loses its last two entries: the next chunk starts where it should, so only the join sees the gap.
    await data.sql('UPDATE events SET leaf = NULL, leaf_hash = NULL WHERE leaf IN (10, 11)');
    const gap = await check();
    expect(gap.problems[0]).toEqual({ position: 10, what: 'entries 10 to 11 are missing: removed from the log' });
    expect(gap.problems).toContainEqual(
      expect.objectContaining({ what: expect.stringMatching(/^the first 21 entries do not make the root signed/) }),
    );
  });

  it('names a cut end', async () => {
    const { data, check } = await big();
    await data.sql('DELETE FROM events WHERE leaf >= 19');
    expect((await check()).problems).toEqual([
      {
        position: 19,
        what: expect.stringMatching(/^the log holds 19 entries, but the checkpoint signed at .+ covers 21: entries were cut from its end$/),
      },
    ]);
  });

  it('a helper thread alone finds each chunk as this thread does', async () => {
    const { data } = await big();
    const store = await data.open();
    try {
      const sizes = (await store.log.checkpoints()).map((c) => c.size);
      const job = newJob((await store.log.head()).size, 4, sizes);
      // This thread claims nothing: the helper takes every chunk.
      const helped = await store.log.checkHelper!(job, new Promise(() => {}));
      expect(helped.map((r) => r.chunk).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
      const here = await Promise.all(helped.map((r) => checkChunk((f, l) => store.log.records(f, l), job, r.chunk)));
      expect(helped).toEqual(here);
      expect(helped.reduce((n, r) => n + r.count, 0)).toBe(21);
    } finally {
      await store.close();
    }
  });

  it('checks in this thread the chunks a failing helper claimed and never answered for', async () => {
    const { check, data } = await big();
    let claimed = 0;
    const faulty = (log: LogStore): LogStore => ({
      ...log,
      records: (f, l) => log.records(f, l),
      // Claims the first three chunks before this thread starts, then dies without a word.
      checkHelper: async (job) => {
        claimed = Atomics.add(new Int32Array(job.shared), 0, 3) + 3;
        return [];
      },
    });
    expect(await check(faulty)).toMatchObject({ ok: true, entries: 21, problems: [] });
    expect(claimed).toBe(3);
    await data.sql(`UPDATE events SET body = replace(body, '"first', '"1st') WHERE leaf = 7`);
    expect((await check(faulty)).problems[0]).toEqual({
      position: 7,
      what: expect.stringMatching(/^entry 7 \(.+\) is not what was logged: it was changed$/),
    });
  });
});

describe('two servers with one history that parted (a fork)', () => {
  it('is named with the first entry where they differ', async () => {
    const { data, keyFile, url, ana, key } = await world('sqlite');
    // A copy of the server as it stands (6 entries), then each goes its own way.
    const copyDir = tempDir('vigil-server-');
    const raw = new Database(data.file!);
    raw.exec(`VACUUM INTO '${join(copyDir, 'vigil-server.db')}'`);
    raw.close();
    const other = await serve(openSqliteStore(copyDir), { users: USERS, logKey: { file: keyFile } });
    await call(ana, 'decision.apply', { itemIds: [idOf(ana, 'm1')], action: 'spam' });
    await call(ana, 'sync.run', {});
    const sam = await workstation(other, 'sam', { records });
    await call(sam, 'decision.apply', { itemIds: [idOf(sam, 'm2')], action: 'remove' });
    await call(sam, 'sync.run', {});
    const r = await cli(['audit', 'verify', '--server', url, '--server', other, '--key', key.base64, '--json']);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as { problems: { position: number; what: string }[] };
    expect(body.problems).toEqual([
      expect.objectContaining({
        position: 6,
        what: expect.stringMatching(/^a fork: .+ agree on the first 6 entries and differ from entry 6 on$/),
      }),
    ]);
    // One server against itself is no fork.
    expect((await cli(['audit', 'verify', '--server', url, '--key', key.base64])).code).toBe(0);
  });
});
