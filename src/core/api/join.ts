// The domains' handlers joined into the one map dispatch answers from. Every contract method
// must be answered by exactly one domain: a method answered twice (the later would silently
// win), a contract method nobody answers, or a name the contract does not have is a mistake
// in core, refused when the core opens rather than found by a caller.
import { isMethod, METHODS, type CoreHandlers } from '../../shared/contract';

export function joinHandlers(domains: Readonly<Record<string, Partial<CoreHandlers>>>): CoreHandlers {
  const joined: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [domain, handlers] of Object.entries(domains)) {
    for (const [method, handler] of Object.entries(handlers)) {
      if (!isMethod(method)) throw new Error(`The ${domain} handlers answer ${JSON.stringify(method)}, which is not a contract method.`);
      const other = owner.get(method);
      if (other !== undefined) throw new Error(`${method} is answered twice: by the ${other} and the ${domain} handlers.`);
      if (typeof handler !== 'function') throw new Error(`The ${domain} handlers answer ${method} with no function.`);
      owner.set(method, domain);
      joined[method] = handler;
    }
  }
  const missing = METHODS.filter((m) => !owner.has(m));
  if (missing.length) throw new Error(`No handler answers ${missing.join(', ')}.`);
  return joined as CoreHandlers;
}
