import type { ArgsIn, Method, ResultOf } from '@shared/contract';
import { HTTP_PREFIX } from '@shared/transport';
import { isVigilError, type Result } from '@shared/errors';
import { HOST_RESTARTED_MESSAGE, markSessionLost } from './host-session';

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
  // Only the host answers 401 (core's own errors come back as 200 with an error body): this
  // page's session is not one the running host made.
  if (res.status === 401) {
    markSessionLost();
    return { ok: false, error: { code: 'unauthenticated', message: HOST_RESTARTED_MESSAGE } };
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
