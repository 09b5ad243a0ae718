// The verifiable log's library on a log of 1,000,000 canonical entries of about 300 bytes:
//   audit.append_per_s    leaves appended to a Frontier per second, leaf hashing of the
//                         canonical entry and collecting the completed nodes included (the
//                         library alone: the server store's append adds its database writes)
//   audit.verify_1m_ms    from the entries (built before timing) to a root checked against a
//                         signed checkpoint: leaf hashes, the tree, the signature; on one
//                         thread, and on two (a worker takes the left perfect half)
//   audit.proof_bytes     the proof file of one entry of that log
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  assembleInclusion,
  buildProofFile,
  canonicalJson,
  Frontier,
  inclusionNodes,
  loadOrCreateLogKey,
  nodeHash,
  nodeKey,
  rootOfData,
  signCheckpoint,
  verifyCheckpoint,
  verifyProofFile,
  type LogEntry,
  type PerfectNode,
} from '../src/core/index';
import { log, round, type Metric } from './lib/metrics';

const RUNS = 3;
const T0 = Date.UTC(2026, 0, 5, 8);
const ACTIONS = ['approve', 'remove', 'escalate', 'label', 'reply'];
const PLATFORMS = ['x', 'ig', 'yt', 'tp', 'fb'];
const REASONS = ['spam', 'fake review', null, null, null];

/** A log entry as the server would write it: a pushed decision and the server's word on it. */
function entryAt(i: number): LogEntry {
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  const user = i % 37;
  const status = i % 97 === 0 ? 'conflict' : i % 211 === 0 ? 'rejected' : 'accepted';
  return {
    v: 1,
    seq: i + 1,
    status,
    verdict: status === 'conflict' ? 'held by another moderator' : status === 'rejected' ? 'role may not decide' : null,
    by: `mod${user}`,
    role: user === 0 ? 'supervisor' : 'moderator',
    receivedAt: T0 + i * 1500,
    id: `${hex(i * 2654435761, 8)}-${hex(i, 4)}-4${hex(i * 7, 3)}-a${hex(i * 13, 3)}-${hex(i * 40503, 8)}${hex(i, 4)}`,
    clientId: `ws-${hex(user * 977, 6)}`,
    clientSeq: Math.floor(i / 37) + 1,
    platform: PLATFORMS[i % PLATFORMS.length]!,
    externalId: `p${(i * 7919).toString(36)}`,
    action: ACTIONS[i % ACTIONS.length]!,
    baseVersion: i % 4,
    actor: `mod${user}`,
    createdAt: T0 + i * 1500 - 800,
    reason: REASONS[i % REASONS.length]!,
    labels: i % 3 === 0 ? ['spam'] : [],
    note: i % 20 === 0 ? 'Same link as the wave.' : null,
    payload: null,
    undoOf: null,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Packed {
  bytes: SharedArrayBuffer;
  /** End offset of each entry in bytes. */
  offsets: SharedArrayBuffer;
  data: Uint8Array;
  ends: Float64Array;
}

/** The entries' UTF-8 text back to back in shared memory, as a workstation would hold a log file read from disk. */
function pack(texts: readonly string[]): Packed {
  const total = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const bytes = new SharedArrayBuffer(total);
  const offsets = new SharedArrayBuffer(texts.length * 8);
  const data = new Uint8Array(bytes);
  const ends = new Float64Array(offsets);
  const view = Buffer.from(bytes);
  let at = 0;
  texts.forEach((t, i) => {
    at += view.write(t, at, 'utf8');
    ends[i] = at;
  });
  return { bytes, offsets, data, ends };
}

function leavesOf(p: Packed, from: number, to: number): Uint8Array[] {
  const out = new Array<Uint8Array>(to - from);
  for (let i = from; i < to; i++) out[i - from] = p.data.subarray(i === 0 ? 0 : p.ends[i - 1]!, p.ends[i]!);
  return out;
}

async function startWorker(p: Packed, from: number, to: number): Promise<Worker> {
  const w = new Worker(new URL('./lib/ts-worker.mjs', import.meta.url), {
    workerData: { entry: new URL('./audit-worker.ts', import.meta.url).href, job: { bytes: p.bytes, offsets: p.offsets, from, to } },
  });
  await new Promise<void>((resolve, reject) => {
    w.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`worker said ${String(m)}`))));
    w.once('error', reject);
  });
  return w;
}

function halfRoot(w: Worker): Promise<{ root: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    w.once('message', (m: { root: Uint8Array; ms: number }) => resolve({ root: Buffer.from(m.root), ms: m.ms }));
    w.once('error', reject);
    w.postMessage('go');
  });
}

export async function auditFigures(N = 1_000_000): Promise<Metric[]> {
  /** An entry well inside the log (for a million, one whose path is a full 20 hashes). */
  const PROOF_INDEX = Math.floor(N * 0.73421);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-audit-'));
  try {
    const key = loadOrCreateLogKey(join(dir, 'log-key.pem'), 'vigil/bench');
    let t = performance.now();
    const texts = new Array<string>(N);
    for (let i = 0; i < N; i++) texts[i] = canonicalJson(entryAt(i));
    const totalBytes = texts.reduce((n, s) => n + Buffer.byteLength(s), 0);
    const meanBytes = Math.round(totalBytes / N);
    log(`  ${N.toLocaleString('en')} canonical entries, ${meanBytes} bytes on average, built in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Append: every completed node goes into a batch, flushed each 1,000 leaves as a store
    // would write one transaction; the nodes of one proof are kept to build its file.
    const wanted = new Set(inclusionNodes(PROOF_INDEX, N).nodes.map((n) => nodeKey(n.level, n.index)));
    const kept = new Map<string, PerfectNode>();
    const appendMs: number[] = [];
    let frontier = new Frontier();
    let nodesPerLeaf = 0;
    for (let run = 0; run < RUNS; run++) {
      frontier = new Frontier();
      let batch: PerfectNode[] = [];
      let collected = 0;
      t = performance.now();
      for (let i = 0; i < N; i++) {
        const done = frontier.appendData(texts[i]!);
        for (const node of done) batch.push(node);
        if (batch.length >= 1000) {
          collected += batch.length;
          if (run === 0) for (const node of batch) if (wanted.has(nodeKey(node.level, node.index))) kept.set(nodeKey(node.level, node.index), node);
          batch = [];
        }
      }
      collected += batch.length;
      if (run === 0) for (const node of batch) if (wanted.has(nodeKey(node.level, node.index))) kept.set(nodeKey(node.level, node.index), node);
      appendMs.push(performance.now() - t);
      nodesPerLeaf = collected / N;
    }
    const root = frontier.root();
    log(`  append: ${appendMs.map((ms) => `${(N / (ms / 1000)).toFixed(0)}/s`).join(', ')}; ${nodesPerLeaf.toFixed(3)} nodes stored per leaf`);

    const checkpoint = signCheckpoint({ origin: 'vigil/bench', size: N, root, time: Date.now() }, key);
    const check = (r: Buffer) => {
      const v = verifyCheckpoint(checkpoint, key.publicKey, 'vigil/bench');
      if (!v.ok) throw new Error(v.reason);
      if (!v.checkpoint.root.equals(r) || v.checkpoint.size !== N) throw new Error('the recomputed root is not the checkpoint\'s');
    };

    // Verify on one thread: from the entries as text.
    const textMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      t = performance.now();
      check(rootOfData(texts));
      textMs.push(performance.now() - t);
    }

    // Verify on one and on two threads from the same packed bytes (shared with the worker).
    const packed = pack(texts);
    const k = 2 ** Math.floor(Math.log2(N - 1));
    const oneMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      t = performance.now();
      check(rootOfData(leavesOf(packed, 0, N)));
      oneMs.push(performance.now() - t);
    }
    const worker = await startWorker(packed, 0, k);
    const twoMs: number[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        t = performance.now();
        const left = halfRoot(worker);
        const right = rootOfData(leavesOf(packed, k, N));
        check(nodeHash((await left).root, right));
        twoMs.push(performance.now() - t);
      }
    } finally {
      await worker.terminate();
    }
    log(`  verify: text ${textMs.map((x) => x.toFixed(0)).join('/')} ms, bytes ${oneMs.map((x) => x.toFixed(0)).join('/')} ms, two threads ${twoMs.map((x) => x.toFixed(0)).join('/')} ms`);

    // The proof file of one entry.
    const path = assembleInclusion(inclusionNodes(PROOF_INDEX, N), kept.values());
    const file = buildProofFile({ entry: entryAt(PROOF_INDEX), leafIndex: PROOF_INDEX, treeSize: N, path, checkpoint });
    const verdict = verifyProofFile(file, key.publicKey);
    if (!verdict.ok) throw new Error(`the benchmark's proof file does not hold: ${verdict.problem}`);
    const proofBytes = Buffer.byteLength(file);
    log(`  proof: ${verdict.summary}`);

    const runs = (xs: number[]) => xs.map((x) => round(x, 0)).join(', ');
    return [
      {
        name: 'audit.append_per_s',
        value: N / (median(appendMs) / 1000),
        unit: 'leaves/s',
        note: `library only (Frontier.appendData: UTF-8 + leaf hash + tree nodes, ${nodesPerLeaf.toFixed(2)} completed nodes collected per leaf in batches of 1,000), not yet the server store's append with its database writes; ${N.toLocaleString('en')} entries of ${meanBytes} B mean, median of ${RUNS} runs (${runs(appendMs.map((ms) => N / (ms / 1000)))} /s)`,
      },
      {
        name: 'audit.verify_1m_ms',
        value: median(textMs),
        unit: 'ms',
        note: `one thread, ${N.toLocaleString('en')} canonical entries as strings (built before timing) to a root matched with a signed checkpoint: UTF-8, leaf hashes, tree, Ed25519 check; target ≤ 2,000 ms; median of ${RUNS} runs (${runs(textMs)} ms)`,
      },
      {
        name: 'audit.verify_1m_ms_one_thread_bytes',
        value: median(oneMs),
        unit: 'ms',
        note: `one thread, the same entries packed as UTF-8 in shared memory (as read from a file); median of ${RUNS} runs (${runs(oneMs)} ms)`,
      },
      {
        name: 'audit.verify_1m_ms_two_threads',
        value: median(twoMs),
        unit: 'ms',
        baseline: median(oneMs),
        ratio: median(twoMs) / median(oneMs),
        note: `two threads on the packed entries: a worker_threads worker (started before timing) hashes the left perfect half of ${k.toLocaleString('en')} leaves, the main thread the other ${(N - k).toLocaleString('en')}, then one node hash and the checkpoint check; baseline = one thread on the same bytes; median of ${RUNS} runs (${runs(twoMs)} ms)`,
      },
      {
        name: 'audit.proof_bytes',
        value: proofBytes,
        unit: 'bytes',
        note: `proof file of entry ${(PROOF_INDEX + 1).toLocaleString('en')} of ${N.toLocaleString('en')}: a ${Buffer.byteLength(canonicalJson(entryAt(PROOF_INDEX)))}-byte entry, ${path.length} path hashes, the signed checkpoint; target well under 2,048`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
