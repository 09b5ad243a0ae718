// A contract method called on a whole core through dispatch, as the renderer calls it, for
// tests that only want the answer: its value, or a thrown error naming the method and the
// refusal. Free of vitest, so the fault-injection child processes can use it too.
import type { Core } from '../../src/core/index';
import type { ArgsIn, Method, ResultOf } from '../../src/shared/contract';

export async function call<M extends Method>(core: Core, m: M, args: ArgsIn<M>): Promise<ResultOf<M>> {
  const r = await core.dispatch(m, args);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as ResultOf<M>;
}
