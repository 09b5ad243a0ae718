// The log's own routes. Checkpoints, consistency proofs and past roots are public, as a
// Certificate Transparency log's are: they are hashes, and anyone comparing two views of the
// log (a fork) must be able to ask. An inclusion proof carries the entry itself, so it needs a
// signed-in user.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { consistencyQuery, proofQuery, type Role } from '../../shared/sync';
import { HttpFailure } from '../http-failure';
import { parse } from '../requests';
import type { ServerStore, User } from '../store/types';
import type { LogSigner } from './signer';

export interface LogRoutesDeps {
  store: ServerStore;
  signer: LogSigner;
  userOf(req: FastifyRequest, role: Role | readonly Role[]): Promise<User>;
}

export function logRoutes(app: FastifyInstance, { store, signer, userOf }: LogRoutesDeps): void {
  app.get('/audit/checkpoint', async () => {
    const cp = await signer.current();
    return { checkpoint: cp.note, ...(await signer.identity()) };
  });

  app.get('/audit/consistency', async (req) => {
    const { from, to } = parse(consistencyQuery, req.query, 'consistency');
    const { size } = await store.log.head();
    if (to > size || from > to)
      throw new HttpFailure(
        400,
        'out_of_range',
        `The log holds ${size} entries: a consistency proof goes from a size to a larger one, up to ${size}.`,
      );
    return {
      from,
      to,
      proof: (await signer.consistency(from, to)).map((h) => h.toString('base64')),
      root: (await signer.rootAt(to)).toString('base64'),
    };
  });

  app.get('/audit/root', async (req) => {
    const { to } = parse(consistencyQuery.pick({ to: true }), req.query, 'root');
    const { size } = await store.log.head();
    if (to > size) throw new HttpFailure(400, 'out_of_range', `The log holds ${size} entries.`);
    return { size: to, root: (await signer.rootAt(to)).toString('base64') };
  });

  app.get('/audit/proof', async (req) => {
    await userOf(req, 'moderator');
    const { id } = parse(proofQuery, req.query, 'proof');
    const found = await store.log.entry(id);
    if (!found) throw new HttpFailure(404, 'not_found', `The log has no event ${id}.`);
    const cp = await signer.current();
    return {
      entry: found.entry,
      leafIndex: found.leaf,
      treeSize: cp.size,
      path: (await signer.inclusion(found.leaf, cp.size)).map((h) => h.toString('base64')),
      checkpoint: cp.note,
    };
  });
}
