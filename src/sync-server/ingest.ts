// POST /ingest: a connector posts items and accounts, checked one by one with the rules a local
// import uses; each record gets its outcome (a bad one is that record's, not the batch's), and
// what is new or changed takes its place in the server order, so every workstation pulls it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeRow, recordToRow } from '../shared/records';
import { ingestRequest, type IngestOutcome, type IngestResponse, type Role } from '../shared/sync';
import { checkSchema, parse } from './requests';
import type { ContentIn, ServerStore, User } from './store/types';

export const INGEST_ROLES: readonly Role[] = ['connector', 'admin'];

export interface IngestDeps {
  store: ServerStore;
  now: () => number;
  userOf(req: FastifyRequest, role: Role | readonly Role[]): Promise<User>;
  poke(head: number): void;
}

export function ingestRoute(app: FastifyInstance, { store, now, userOf, poke }: IngestDeps): void {
  app.post('/ingest', async (req): Promise<IngestResponse> => {
    const user = await userOf(req, INGEST_ROLES);
    const body = parse(ingestRequest, req.body, 'ingest');
    checkSchema(body.schemaVersion);
    const results: IngestOutcome[] = [];
    const checked: { index: number; record: ContentIn }[] = [];
    body.records.forEach((row, index) => {
      const n = normalizeRow(row, null);
      if (!n.ok) results[index] = { index, status: 'rejected', reason: n.message };
      else if (n.record.type === 'follow')
        results[index] = { index, status: 'rejected', reason: 'follow records are not ingested (items and accounts only)' };
      else
        checked.push({
          index,
          record: {
            type: n.record.type,
            platform: n.record.platform,
            externalId: n.record.id,
            body: JSON.stringify(recordToRow(n.record)),
          },
        });
    });
    const stored = checked.length
      ? await store.ingest(
          checked.map((c) => c.record),
          user,
          now(),
        )
      : [];
    stored.forEach((s, i) => {
      const { index } = checked[i]!;
      results[index] = { index, status: s.status, seq: s.seq };
    });
    const head = await store.head();
    // A shared store pokes every process itself (LISTEN/NOTIFY); a store of our own, here.
    if (!store.onPoke && stored.some((s) => s.status !== 'unchanged')) poke(head);
    return { results, head };
  });
}
