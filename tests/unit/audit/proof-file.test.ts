import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleInclusion,
  buildProofFile,
  canonicalJson,
  checkLogEntry,
  Frontier,
  inclusionNodes,
  leafHash,
  loadOrCreateLogKey,
  logEntryLeafHash,
  makeLogEntry,
  PROOF_FORMAT,
  rootFromInclusion,
  signCheckpoint,
  verifyProofFile,
  type LogEntry,
  type PerfectNode,
} from '../../../src/core/index';
import { tempDir } from '../helpers';

const key = loadOrCreateLogKey(join(tempDir(), 'log.pem'), 'vigil/srv-1');
const other = loadOrCreateLogKey(join(tempDir(), 'other.pem'), 'vigil/srv-1');
const AT = Date.UTC(2026, 11, 7, 14, 2, 31);

function entry(seq: number, over: Partial<LogEntry> = {}): LogEntry {
  return makeLogEntry({
    seq,
    status: 'accepted',
    by: 'sam',
    role: 'supervisor',
    receivedAt: AT,
    id: `0b6f3a52-8f0e-4c1e-9a3b-${String(seq).padStart(12, '0')}`,
    clientId: 'ws-7f3a9c',
    clientSeq: seq,
    platform: 'x',
    externalId: `item-${seq}`,
    action: 'remove',
    baseVersion: 3,
    actor: 'sam',
    createdAt: AT - 4000,
    reason: 'spam',
    labels: ['spam-wave'],
    note: null,
    payload: null,
    ...over,
  });
}

/** A log of n entries, and the proof file of entry `index` at its full size. */
function logWith(n: number, index: number, signer = key): { file: string; entries: LogEntry[] } {
  const f = new Frontier();
  const store = new Map<string, PerfectNode>();
  const entries = Array.from({ length: n }, (_, i) => entry(i + 1, i === 41 ? { externalId: 'item-42' } : {}));
  for (const e of entries) for (const node of f.appendData(canonicalJson(e))) store.set(`${node.level}:${node.index}`, node);
  const checkpoint = signCheckpoint({ origin: 'vigil/srv-1', size: n, root: f.root(), time: AT + 60_000 }, signer);
  const path = assembleInclusion(inclusionNodes(index, n), store.values());
  return { file: buildProofFile({ entry: entries[index]!, leafIndex: index, treeSize: n, path, checkpoint }), entries };
}

const edit = (file: string, change: (o: Record<string, unknown>) => void): string => {
  const o = JSON.parse(file) as Record<string, unknown>;
  change(o);
  return JSON.stringify(o);
};

function problemOf(v: ReturnType<typeof verifyProofFile>): string {
  expect(v.ok).toBe(false);
  return v.ok ? '' : v.problem;
}

describe('inclusion proof files', () => {
  const { file } = logWith(300, 41);

  it("hold with the log's key, and say what they prove in words", () => {
    const v = verifyProofFile(file, key.publicKey);
    expect(v).toMatchObject({ ok: true, leafIndex: 41, treeSize: 300, keyName: 'vigil/srv-1', keyId: key.keyId });
    if (!v.ok) return;
    expect(v.summary).toBe('remove on x/item-42 was logged at 2026-12-07 14:02 UTC by sam (supervisor): entry 42 of 300, accepted');
    expect(v.entry.externalId).toBe('item-42');
    expect(v.checkpoint.size).toBe(300);
    // The parsed JSON verifies as the text does.
    expect(verifyProofFile(JSON.parse(file), key.publicKey).ok).toBe(true);
  });

  it('are the documented JSON, compact', () => {
    const o = JSON.parse(file) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(['format', 'entry', 'leafIndex', 'treeSize', 'path', 'checkpoint']);
    expect(o.format).toBe(PROOF_FORMAT);
    expect(file).not.toMatch(/\n {2}/);
    expect((o.path as string[]).every((p) => /^[A-Za-z0-9+/]{43}=$/.test(p))).toBe(true);
    expect(Object.keys(o.entry as object).sort()).toEqual(
      [
        'action',
        'actor',
        'baseVersion',
        'by',
        'clientId',
        'clientSeq',
        'createdAt',
        'externalId',
        'id',
        'labels',
        'note',
        'payload',
        'platform',
        'reason',
        'receivedAt',
        'role',
        'seq',
        'status',
        'undoOf',
        'v',
        'verdict',
      ].sort(),
    );
  });

  it('fail for an edited entry field, naming the entry', () => {
    for (const [field, value] of [
      ['action', 'approve'],
      ['by', 'alex'],
      ['receivedAt', AT + 1],
      ['labels', []],
      ['status', 'rejected'],
      ['verdict', 'fine'],
    ] as const) {
      const edited = edit(file, (o) => ((o.entry as Record<string, unknown>)[field] = value));
      expect(problemOf(verifyProofFile(edited, key.publicKey)), field).toMatch(
        /^the entry is not proved to be in the log: the entry .* is not what the log holds/,
      );
    }
    const badShape = edit(file, (o) => ((o.entry as Record<string, unknown>).status = 'maybe'));
    expect(problemOf(verifyProofFile(badShape, key.publicKey))).toBe('the entry\'s "status" must be accepted, conflict, rejected');
    const extra = edit(file, (o) => ((o.entry as Record<string, unknown>).admin = true));
    expect(problemOf(verifyProofFile(extra, key.publicKey))).toMatch(/a field a version 1 entry does not: "admin"/);
    const missing = edit(file, (o) => delete (o.entry as Record<string, unknown>).note);
    expect(problemOf(verifyProofFile(missing, key.publicKey))).toBe('the entry has no "note"');
  });

  it('fail for another key, naming the key', () => {
    expect(problemOf(verifyProofFile(file, other.publicKey))).toMatch(/^the checkpoint does not hold: signed by another key/);
    // Re-signed by another key and presented with that key's word: the log's key still refuses it.
    const { file: forged } = logWith(300, 41, other);
    expect(verifyProofFile(forged, other.publicKey).ok).toBe(true);
    expect(problemOf(verifyProofFile(forged, key.publicKey))).toMatch(/signed by another key/);
  });

  it('fail for an edited path, a mismatched size or index, an edited checkpoint', () => {
    const flipped = edit(file, (o) => {
      const path = o.path as string[];
      const b = Buffer.from(path[3]!, 'base64');
      b[7]! ^= 0x20;
      path[3] = b.toString('base64');
    });
    expect(problemOf(verifyProofFile(flipped, key.publicKey))).toMatch(
      /^the entry is not proved to be in the log: the entry \(or its index, or the path\)/,
    );
    expect(
      problemOf(
        verifyProofFile(
          edit(file, (o) => (o.path as string[]).pop()),
          key.publicKey,
        ),
      ),
    ).toMatch(/fewer hashes/);
    expect(
      problemOf(
        verifyProofFile(
          edit(file, (o) => (o.path as string[]).push(leafHash('x').toString('base64'))),
          key.publicKey,
        ),
      ),
    ).toMatch(/more hashes/);
    expect(
      problemOf(
        verifyProofFile(
          edit(file, (o) => (o.path as string[]).reverse()),
          key.publicKey,
        ),
      ),
    ).toMatch(/not proved/);
    expect(
      problemOf(
        verifyProofFile(
          edit(file, (o) => (o.treeSize = 299)),
          key.publicKey,
        ),
      ),
    ).toBe('"treeSize" is 299 but the checkpoint is of 300 entries');
    expect(
      problemOf(
        verifyProofFile(
          edit(file, (o) => (o.leafIndex = 40)),
          key.publicKey,
        ),
      ),
    ).toMatch(/not proved/);
    expect(
      problemOf(
        verifyProofFile(
          edit(file, (o) => (o.leafIndex = 300)),
          key.publicKey,
        ),
      ),
    ).toBe('"leafIndex" 300 is not inside a log of 300 entries');
    const resized = edit(file, (o) => (o.checkpoint = (o.checkpoint as string).replace('\n300\n', '\n301\n')));
    expect(problemOf(verifyProofFile(resized, key.publicKey))).toMatch(/^the checkpoint does not hold: bad signature/);
  });

  it('fail, never throw, for files that are not proofs at all', () => {
    const cases: [unknown, RegExp][] = [
      ['', /not JSON/],
      ['{"format":', /not JSON/],
      ['[]', /not a JSON object/],
      ['null', /not a JSON object/],
      [edit(file, (o) => (o.format = 'something-else/1')), /not a Vigil inclusion proof: its format is "something-else\/1"/],
      [edit(file, (o) => delete o.format), /its format is "missing"/],
      [edit(file, (o) => (o.extra = 1)), /a field a proof file does not: "extra"/],
      [edit(file, (o) => (o.path = 'abc')), /"path" must be a list/],
      [edit(file, (o) => (o.path = Array(60).fill(leafHash('x').toString('base64')))), /at most 53/],
      [edit(file, (o) => ((o.path as unknown[])[0] = 5)), /"path" element 0 is not a base64 32-byte hash/],
      [edit(file, (o) => ((o.path as string[])[0] = 'AAAA')), /"path" element 0/],
      [edit(file, (o) => (o.treeSize = '300')), /"treeSize" must be a whole number/],
      [edit(file, (o) => (o.leafIndex = -1)), /"leafIndex" must be a whole number/],
      [edit(file, (o) => (o.checkpoint = 7)), /malformed checkpoint: it is not text/],
      [edit(file, (o) => (o.entry = 'remove')), /the entry is not an object/],
      [`{"pad":"${'x'.repeat(1024 * 1024)}"}`, /far too large/],
      [
        edit(file, (o) => ((o.entry as Record<string, unknown>).payload = JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`))),
        /cannot be written as canonical JSON.*nested deeper than 64/,
      ],
    ];
    for (const [text, message] of cases)
      expect(problemOf(verifyProofFile(text, key.publicKey)), String(text).slice(0, 60)).toMatch(message);
    expect(problemOf(verifyProofFile(file, 'nope'))).toMatch(/the public key is not usable/);
    const trap = {
      ...JSON.parse(file),
      get treeSize(): number {
        throw new Error('gotcha');
      },
    };
    expect(problemOf(verifyProofFile(trap, key.publicKey))).toBe('the proof could not be read: gotcha');
  });

  it('show hostile entry text harmlessly in the summary', () => {
    const hostile = entry(1, {
      externalId: 'x\u001b]0;owned\u0007\u001b[2J\u202eevil\nnext',
      by: 'eve\r',
      actor: 'Eve',
      verdict: 'flagged\u2028line',
    });
    const f = new Frontier();
    f.appendData(canonicalJson(hostile));
    const checkpoint = signCheckpoint({ origin: 'vigil/srv-1', size: 1, root: f.root(), time: AT }, key);
    const v = verifyProofFile(buildProofFile({ entry: hostile, leafIndex: 0, treeSize: 1, path: [], checkpoint }), key.publicKey);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.summary).not.toMatch(/[\p{Cc}\u202e\u2028]/u);
    expect(v.summary).toContain('x\uFFFD]0;owned\uFFFD\uFFFD[2J\uFFFDevil\uFFFDnext');
    expect(v.summary).toContain('by eve\uFFFD (supervisor, written as "Eve")');
    expect(v.summary).toMatch(/accepted \(flagged\uFFFDline\)$/);
  });

  it('are well under 2 kB for a typical entry of a 1,000,000-entry log', () => {
    const e = entry(734_211, { reason: 'spam wave: same link posted by 40 new accounts', labels: ['spam-wave', 'campaign'] });
    expect(Buffer.byteLength(canonicalJson(e))).toBeGreaterThan(330);
    const index = 734_210;
    const n = 1_000_000;
    // A path of the right length for that place, and the root it leads to, as in a real log.
    const path = Array.from({ length: inclusionNodes(index, n).parts.length }, () => randomBytes(32));
    expect(path).toHaveLength(20);
    const walked = rootFromInclusion(index, n, logEntryLeafHash(e), path);
    if (!walked.ok) throw new Error(walked.reason);
    const checkpoint = signCheckpoint({ origin: 'vigil/3f9c2a71-5b1e-4d0a-9c77-2e41b8d0a6f5', size: n, root: walked.root, time: AT }, key);
    const text = buildProofFile({ entry: e, leafIndex: index, treeSize: n, path, checkpoint });
    expect(verifyProofFile(text, key.publicKey)).toMatchObject({
      ok: true,
      summary: expect.stringContaining('entry 734,211 of 1,000,000'),
    });
    expect(Buffer.byteLength(text)).toBeLessThan(1800);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1200);
  });

  it('cannot be built from pieces that do not make a proof', () => {
    const e = entry(1);
    const f = new Frontier();
    f.appendData(canonicalJson(e));
    f.appendData(canonicalJson(entry(2)));
    const checkpoint = signCheckpoint({ origin: 'vigil/srv-1', size: 2, root: f.root(), time: AT }, key);
    expect(() => buildProofFile({ entry: e, leafIndex: 0, treeSize: 2, path: [leafHash('wrong')], checkpoint })).toThrow(/does not lead/);
    expect(() => buildProofFile({ entry: e, leafIndex: 0, treeSize: 3, path: [], checkpoint })).toThrow(/checkpoint is of 2 entries/);
    expect(() => buildProofFile({ entry: { ...e, v: 2 } as unknown as LogEntry, leafIndex: 0, treeSize: 2, path: [], checkpoint })).toThrow(
      /"v" must be 1/,
    );
  });
});

describe('log entries', () => {
  it('fill the optional fields, and refuse fields of the wrong kind', () => {
    const e = makeLogEntry({
      seq: 1,
      status: 'conflict',
      by: 'ana',
      role: 'moderator',
      receivedAt: 5,
      id: 'i',
      clientId: 'c',
      clientSeq: 1,
      platform: 'p',
      externalId: 'e',
      action: 'approve',
      baseVersion: 0,
      actor: 'ana',
      createdAt: 4,
    });
    expect(e).toMatchObject({ v: 1, verdict: null, reason: null, labels: [], note: null, payload: null, undoOf: null });
    expect(checkLogEntry(e)).toEqual({ ok: true, entry: e });
    expect(() => makeLogEntry({ ...e, seq: -1 })).toThrow(/"seq" must be a whole number/);
    expect(() => makeLogEntry({ ...e, receivedAt: 9e15 })).toThrow(/"receivedAt" must be ms since the epoch/);
    expect(() => makeLogEntry({ ...e, payload: { x: NaN } })).toThrow(/NaN/);
    expect(() => makeLogEntry({ ...e, labels: [1] as unknown as string[] })).toThrow(/"labels" must be a list of text/);
  });
});
