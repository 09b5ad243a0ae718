// One spelling for one value, so that its hash can be recomputed anywhere: object keys sorted
// (by UTF-16 code units, as Array.prototype.sort does) at every level, no whitespace, arrays
// in order, strings and numbers as JSON.stringify writes them. Anything JSON cannot carry
// exactly (NaN, Infinity, undefined in a list, a Date, a Map, a class instance, a BigInt) is
// refused rather than quietly changed. An object property that is undefined is left out, as
// JSON.stringify leaves it out. Nesting is limited, so hostile input cannot exhaust the stack.

export const CANONICAL_MAX_DEPTH = 64;

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

function where(path: readonly (string | number)[]): string {
  const shown = path.length > 12 ? [...path.slice(0, 6), '…', ...path.slice(-5)] : path;
  return `$${shown.map((p) => (typeof p === 'number' ? `[${p}]` : p === '…' ? '…' : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function canonicalJson(value: unknown): string {
  const path: (string | number)[] = [];
  const out: string[] = [];
  const refuse = (what: string): never => {
    throw new CanonicalJsonError(`canonical JSON cannot hold ${what} (at ${where(path)})`);
  };

  const write = (v: unknown, depth: number): void => {
    switch (typeof v) {
      case 'string':
        out.push(JSON.stringify(v));
        return;
      case 'number':
        if (!Number.isFinite(v)) refuse(`the number ${String(v)}`);
        out.push(JSON.stringify(v));
        return;
      case 'boolean':
        out.push(v ? 'true' : 'false');
        return;
      case 'undefined':
        refuse('undefined');
        return;
      case 'bigint':
        refuse('a BigInt');
        return;
      case 'function':
      case 'symbol':
        refuse(`a ${typeof v}`);
        return;
    }
    if (v === null) {
      out.push('null');
      return;
    }
    if (depth >= CANONICAL_MAX_DEPTH) {
      throw new CanonicalJsonError(
        `canonical JSON is nested deeper than ${CANONICAL_MAX_DEPTH} levels (at ${where(path)}), or holds a cycle`,
      );
    }
    const o = v as object;
    if (Array.isArray(o)) {
      out.push('[');
      for (let i = 0; i < o.length; i++) {
        if (i) out.push(',');
        path.push(i);
        write(o[i], depth + 1);
        path.pop();
      }
      out.push(']');
      return;
    }
    if (!isPlainObject(o)) refuse(`a ${o.constructor?.name ?? 'non-plain'} object`);
    const record = o as Record<string, unknown>;
    out.push('{');
    let first = true;
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      path.push(key);
      write(item, depth + 1);
      path.pop();
    }
    out.push('}');
  };

  write(value, 0);
  return out.join('');
}
