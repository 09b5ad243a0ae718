// The outbound queue for connectors: GET /outbound reads accepted replies in server order,
// POST /outbound/ack says what became of them. Vigil posts nowhere: a connector does.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ackRequest, outboundQuery, type AckOutcome, type OutboundResponse } from '../shared/outbound';
import type { Role } from '../shared/sync';
import { checkSchema, parse } from './requests';
import type { ServerStore, User } from './store/types';

export const OUTBOUND_ROLES: readonly Role[] = ['connector', 'admin'];

export interface OutboundDeps {
  store: ServerStore;
  now: () => number;
  userOf(req: FastifyRequest, role: Role | readonly Role[]): Promise<User>;
  poke(head: number): void;
}

export function outboundRoutes(app: FastifyInstance, { store, now, userOf, poke }: OutboundDeps): void {
  app.get('/outbound', async (req): Promise<OutboundResponse> => {
    await userOf(req, OUTBOUND_ROLES);
    const q = parse(outboundQuery, req.query, 'outbound');
    checkSchema(q.schemaVersion);
    // One more than asked tells whether there is more, without a count.
    const rows = await store.outbound(q.cursor, q.limit + 1);
    const messages = rows.slice(0, q.limit);
    return { messages, cursor: messages.length ? messages[messages.length - 1]!.seq : q.cursor, more: rows.length > q.limit };
  });

  app.post('/outbound/ack', async (req): Promise<{ results: AckOutcome[] }> => {
    const user = await userOf(req, OUTBOUND_ROLES);
    const body = parse(ackRequest, req.body, 'outbound ack');
    checkSchema(body.schemaVersion);
    const results = await store.ack(body.acks, user, now());
    const recorded = results.filter((r) => r.status === 'recorded').length;
    req.log.info({ user: user.name, acks: results.length, recorded }, 'outbound ack');
    // Workstations show what became of each reply: a recorded acknowledgement is news for them.
    if (!store.onPoke && recorded) poke(await store.head());
    return { results };
  });
}
