// The record's checks as contract methods: audit.verify (this workstation's chain and its copy
// of the server's log, and the server's log today), and audit.proof (an inclusion proof for one
// event, fetched from the server, checked here against the key kept at sign-in and the copy,
// and handed out as a file anyone can check with that key).
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { VigilFailure } from '../../shared/errors';
import type { AuditProof } from '../../shared/model';
import type { SyncClient } from '../sync/client';
import { request } from '../sync/http';
import { auditWorkstation } from '../sync/log-audit';
import { pinnedLog } from '../sync/log-copy';
import { connection } from '../sync/state';
import { stmt } from '../db/statements';
import { decodeBase64 } from './base64';
import { checkLogEntry } from './log-entry';
import { buildProofFile, summarizeEntry, verifyProofFile } from './proof-file';
import { entryJson } from './log-entry';
import { leafHash } from './merkle';

interface ServerProof {
  entry: unknown;
  leafIndex: number;
  treeSize: number;
  path: string[];
  checkpoint: string;
}

export function auditHandlers(db: Database, now: () => number, sync: SyncClient): Pick<CoreHandlers, 'audit.verify' | 'audit.proof'> {
  const server = () => {
    const c = connection(db);
    return c && !c.signedOut ? c.url : null;
  };
  return {
    'audit.verify': async ({ server: askServer }) => {
      const url = askServer ? server() : null;
      const ask = url
        ? async () => {
            const today = await request<{ checkpoint: string }>(`${url}/audit/checkpoint`, { method: 'GET' });
            return {
              checkpoint: today.checkpoint,
              proof: async (from: number, to: number) =>
                (await request<{ proof: string[] }>(`${url}/audit/consistency?from=${from}&to=${to}`, { method: 'GET' })).proof,
            };
          }
        : null;
      return auditWorkstation(db, now(), ask);
    },

    'audit.proof': async ({ eventId }): Promise<AuditProof> => {
      const pinned = pinnedLog(db);
      const url = server();
      if (!pinned)
        throw new VigilFailure(
          'not_found',
          'This workstation has no copy of a signed server log yet: sign in to the team server and sync first.',
        );
      if (!url) throw new VigilFailure('action_refused', 'A proof comes from the team server: sign in to it first.');
      const kept = stmt<[string], { leaf: number; hash: Buffer }>(db, 'SELECT leaf, hash FROM server_log WHERE event_id = ?').get(eventId);
      if (!kept)
        throw new VigilFailure(
          'not_found',
          'That event is not in this workstation’s copy of the server’s log (not synced yet, or made before the log existed here).',
          { eventId },
        );
      const token = sync.sessionToken();
      const p = await request<ServerProof>(`${url}/audit/proof?id=${encodeURIComponent(eventId)}`, {
        method: 'GET',
        ...(token ? { token } : {}),
      });
      const entry = checkLogEntry(p.entry);
      if (!entry.ok) throw new VigilFailure('untrusted_server', `The server's proof of ${eventId} holds no log entry (${entry.problem}).`);
      // What the server proves must be what this workstation pulled and logged for the event.
      if (p.leafIndex !== kept.leaf || !leafHash(entryJson(entry.entry)).equals(kept.hash)) {
        throw new VigilFailure(
          'untrusted_server',
          `The server's proof of ${eventId} is for another entry than the one this workstation pulled (entry ${kept.leaf}).`,
        );
      }
      const path = p.path.map((x) => decodeBase64(x));
      if (path.some((x) => x === null))
        throw new VigilFailure('untrusted_server', 'The server’s proof holds something that is not a hash.');
      let file: string;
      try {
        file = buildProofFile({
          entry: entry.entry,
          leafIndex: p.leafIndex,
          treeSize: p.treeSize,
          path: path as Buffer[],
          checkpoint: p.checkpoint,
        });
      } catch (e) {
        throw new VigilFailure('untrusted_server', `The server's proof of ${eventId} does not hold: ${(e as Error).message}`);
      }
      const v = verifyProofFile(file, pinned.publicKey);
      if (!v.ok)
        throw new VigilFailure(
          'untrusted_server',
          `The server's proof of ${eventId} does not hold with the key kept at sign-in: ${v.problem}`,
        );
      return { fileName: `vigil-proof-${eventId}.json`, file, summary: summarizeEntry(entry.entry, p.leafIndex, p.treeSize) };
    },
  };
}
