import { contractArgs, isMethod, type CoreHandlers, type Method, type ResultOf } from '../shared/contract';
import { fail, ok, VigilFailure, type Result } from '../shared/errors';

/**
 * The one door into core for every host: checks the method name and its arguments against
 * the contract, runs the handler, and turns any failure into error data. Nothing thrown in
 * core crosses a boundary.
 */
export type Dispatch = (method: unknown, args: unknown) => Promise<Result<unknown>>;

export function createDispatch(handlers: CoreHandlers, log: (e: unknown, method: string) => void = defaultLog): Dispatch {
  return async (method, args) => {
    if (!isMethod(method)) return fail('unknown_method', `There is no operation called ${JSON.stringify(method)}.`);
    const parsed = contractArgs[method].safeParse(args ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const first = issues[0]!;
      return fail('invalid_args', `${method}: ${first.path ? `${first.path}: ` : ''}${first.message}`, { issues });
    }
    try {
      const handler = handlers[method] as (a: unknown) => ResultOf<Method> | Promise<ResultOf<Method>>;
      return ok(await handler(parsed.data));
    } catch (e) {
      if (e instanceof VigilFailure) return fail(e.code, e.message, e.details);
      log(e, method);
      return fail('internal', `${method} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  };
}

function defaultLog(e: unknown, method: string): void {
  console.error(`[vigil] ${method} failed:`, e);
}
