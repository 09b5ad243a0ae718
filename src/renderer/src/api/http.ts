import type { ArgsIn, Method, ResultOf } from '../../../shared/contract';
import { HTTP_PREFIX } from '../../../shared/transport';
import { isVigilError, type Result } from '../../../shared/errors';

export async function httpCall<M extends Method>(method: M, args: ArgsIn<M>): Promise<Result<ResultOf<M>>> {
  let res: Response;
  try {
    res = await fetch(`${HTTP_PREFIX}${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
  } catch {
    return {
      ok: false,
      error: { code: 'transport', message: 'The Vigil host is not answering. Is `npm run web` still running?' },
    };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, error: { code: 'transport', message: `The host answered ${res.status} without a readable body.` } };
  }
  const r = body as Result<ResultOf<M>>;
  if (r && typeof r === 'object' && (r.ok === true || (r.ok === false && isVigilError(r.error)))) return r;
  return { ok: false, error: { code: 'transport', message: `The host answered ${res.status} with an unexpected body.` } };
}
