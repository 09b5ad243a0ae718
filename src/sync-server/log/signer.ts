// The server signs its log: a checkpoint (origin, size, root, time) for the head whenever one is
// handed out and none was signed at that size yet, with the Ed25519 key kept outside the
// database. Proofs are assembled from the perfect nodes the store keeps.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assembleConsistency,
  assembleInclusion,
  assembleRoot,
  consistencyNodes,
  inclusionNodes,
  loadOrCreateLogKey,
  rootNodes,
  signCheckpoint,
  type LogKey,
} from '../../core/log';
import type { LogIdentity, PullLog } from '../../shared/sync';
import type { LogStore, StoredCheckpoint } from '../store/types';

/** Where the key comes from: a file (made on first start), or for tests a throwaway one. */
export type LogKeySource = { file: string } | 'ephemeral';

export class LogSigner {
  #key: Promise<LogKey> | null = null;

  constructor(
    private readonly log: LogStore,
    private readonly source: LogKeySource,
    private readonly now: () => number,
  ) {}

  /** The key, named after the log's origin (loaded once). */
  key(): Promise<LogKey> {
    this.#key ??= this.log.origin().then((origin) => {
      const file = this.source === 'ephemeral' ? join(mkdtempSync(join(tmpdir(), 'vigil-log-key-')), 'log-key.pem') : this.source.file;
      return loadOrCreateLogKey(file, origin);
    });
    return this.#key;
  }

  async identity(): Promise<LogIdentity> {
    const k = await this.key();
    return { origin: k.name, publicKey: k.publicKey, fingerprint: k.fingerprint };
  }

  /** A checkpoint for the log's head as it stands: the one signed at that size, or a new one. */
  async current(): Promise<StoredCheckpoint> {
    const head = await this.log.head();
    const signed = await this.log.checkpointAt(head.size);
    if (signed) return signed;
    const key = await this.key();
    const signedAt = this.now();
    const note = signCheckpoint({ origin: key.name, size: head.size, root: head.root, time: signedAt }, key);
    await this.log.saveCheckpoint({ size: head.size, root: head.root, signedAt, note });
    // Another process may have signed the same size first: the stored one is the one handed out.
    return (await this.log.checkpointAt(head.size)) ?? { size: head.size, root: head.root, signedAt, note };
  }

  async consistency(from: number, to: number): Promise<Buffer[]> {
    if (from === 0 || from >= to) return [];
    const needs = consistencyNodes(from, to);
    return assembleConsistency(needs, await this.log.nodes(needs.nodes));
  }

  async inclusion(leaf: number, size: number): Promise<Buffer[]> {
    const needs = inclusionNodes(leaf, size);
    return assembleInclusion(needs, await this.log.nodes(needs.nodes));
  }

  async rootAt(size: number): Promise<Buffer> {
    const needs = rootNodes(size);
    return assembleRoot(needs, await this.log.nodes(needs.nodes));
  }

  /** What a pull page (or a snapshot) carries: the newest checkpoint and the proofs to it. */
  async forPage(size: number, verified: number | undefined): Promise<PullLog> {
    const cp = await this.current();
    const b64 = (xs: Buffer[]) => xs.map((x) => x.toString('base64'));
    return {
      checkpoint: cp.note,
      size,
      proof: b64(await this.consistency(size, cp.size)),
      ...(verified !== undefined && verified > 0 && verified <= cp.size
        ? { sinceVerified: b64(await this.consistency(verified, cp.size)) }
        : {}),
    };
  }
}
