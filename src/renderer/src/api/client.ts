// The renderer's only way to core. In Electron the preload exposes the contract as
// window.vigil (IPC); in a browser the same calls go over HTTP to the local host. Either way
// the answer is a Result: failures, the transport's included, arrive as data.
import type { ArgsIn, CoreApi, Method, ResultOf } from '@shared/contract';
import type { Result } from '@shared/errors';
import { httpCall } from './http';

declare global {
  interface Window {
    vigil?: CoreApi;
  }
}

export type Transport = 'ipc' | 'http';

export function transport(): Transport {
  return typeof window !== 'undefined' && window.vigil ? 'ipc' : 'http';
}

export async function call<M extends Method>(method: M, args: ArgsIn<M>): Promise<Result<ResultOf<M>>> {
  const bridge = window.vigil;
  if (bridge) {
    try {
      return await (bridge[method] as (a: ArgsIn<M>) => Promise<Result<ResultOf<M>>>)(args);
    } catch (e) {
      return { ok: false, error: { code: 'transport', message: `The desktop host did not answer: ${(e as Error).message}` } };
    }
  }
  return httpCall(method, args);
}
