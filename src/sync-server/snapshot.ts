// GET /sync/snapshot: a new workstation's first sync in one stream instead of page after page.
// Everything as of one server sequence (a read transaction holds it while the store goes on
// writing), as NDJSON: the head, all content, all events, (schema 3 on) all acknowledgements
// of replies, an end line. The read transaction
// ends with the stream, also when the workstation goes away half-way.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { snapshotQuery, type Role, type SnapshotLine } from '../shared/sync';
import { ACK_SCHEMA, CONTENT_SCHEMA, eventFor, PROVEN_SCHEMA } from './pull-page';
import type { LogSigner } from './log/signer';
import { checkSchema, parse } from './requests';
import type { ServerStore, SnapshotReader, User } from './store/types';

/** Rows read (and written out) at a time. */
const PAGE = 5000;

const line = (l: SnapshotLine) => `${JSON.stringify(l)}\n`;

async function* linesOf(reader: SnapshotReader, schemaVersion: number, signer: LogSigner): AsyncGenerator<string> {
  const withAcks = schemaVersion >= ACK_SCHEMA;
  try {
    // The log as of the snapshot: its events are the first logSize entries of what the server signed.
    const log = schemaVersion >= PROVEN_SCHEMA ? { log: await signer.forPage(reader.logSize, undefined) } : {};
    yield line({
      type: 'head',
      seq: reader.head,
      content: reader.contentCount,
      events: reader.eventCount,
      ...(withAcks ? { acks: reader.ackCount } : {}),
      ...log,
    });
    for (let after = 0; ;) {
      const page = await reader.content(after, PAGE);
      if (!page.length) break;
      yield page.map((content) => line({ type: 'content', content })).join('');
      after = page[page.length - 1]!.seq;
    }
    for (let after = 0; ;) {
      const page = await reader.events(after, PAGE);
      if (!page.length) break;
      yield page.map((event) => line({ type: 'event', event: eventFor(event, schemaVersion) })).join('');
      after = page[page.length - 1]!.seq;
    }
    for (let after = 0; withAcks;) {
      const page = await reader.acks(after, PAGE);
      if (!page.length) break;
      yield page.map((ack) => line({ type: 'ack', ack })).join('');
      after = page[page.length - 1]!.seq;
    }
    yield line({ type: 'end', seq: reader.head });
  } finally {
    await reader.close();
  }
}

export function snapshotRoute(
  app: FastifyInstance,
  deps: { store: ServerStore; signer: LogSigner; userOf(req: FastifyRequest, role: Role): Promise<User> },
): void {
  app.get('/sync/snapshot', async (req, reply) => {
    await deps.userOf(req, 'moderator');
    const q = parse(snapshotQuery, req.query, 'snapshot');
    checkSchema(q.schemaVersion, CONTENT_SCHEMA);
    const reader = await deps.store.snapshot();
    reply.type('application/x-ndjson').header('cache-control', 'no-store');
    return reply.send(Readable.from(linesOf(reader, q.schemaVersion, deps.signer)));
  });
}
