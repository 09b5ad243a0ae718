// Command-line parsing on node:util parseArgs, with messages that say what to fix.
import { isAbsolute, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDataDir } from '../core/index';
import { UsageError } from './errors';
import type { CliIo } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every command takes these. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  json: boolean;
  help: boolean;
}

export function parseCommand(command: string, args: readonly string[], options: Options, allowPositionals: boolean): Parsed {
  const all = { ...COMMON_OPTIONS, ...options };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: all, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError(explain(e as Error & { code?: string }, all), command);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  return { values, positionals: parsed.positionals, json: values.json === true, help: values.help === true };
}

function explain(e: Error & { code?: string }, options: Options): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const name = quoted.split(' ')[0] ?? quoted;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${name}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = name.replace(/^-+/, '');
      const opt = options[flag] ?? Object.entries(options).find(([, o]) => o.short === flag)?.[1];
      if (opt?.type === 'boolean') return `${name} is a switch and takes no value`;
      return `${name} needs a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}`;
    default:
      return e.message;
  }
}

export function stringOpt(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A whole number within bounds, written as digits (underscores allowed: 1_000_000). */
export function intOpt(p: Parsed, name: string, command: string, min: number, max: number): number | undefined {
  const raw = stringOpt(p, name);
  if (raw === undefined) return undefined;
  const text = raw.trim().replace(/_/g, '');
  const n = /^[-+]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got ${JSON.stringify(raw)})`,
      command,
    );
  }
  return n;
}

export function formatOpt(p: Parsed, command: string): 'ndjson' | 'csv' | undefined {
  const raw = stringOpt(p, 'format');
  if (raw === undefined) return undefined;
  const f = raw.trim().toLowerCase();
  if (f === 'ndjson' || f === 'csv') return f;
  if (f === 'jsonl' || f === 'json') return 'ndjson';
  throw new UsageError(`--format must be ndjson or csv (got ${JSON.stringify(raw)})`, command);
}

export function absolute(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** --data-dir, else VIGIL_DATA_DIR, else the platform's user data folder (as the app uses). */
export function dataDirOf(p: Parsed, io: CliIo, command: string): string {
  const given = stringOpt(p, 'data-dir');
  if (given !== undefined) {
    if (!given.trim()) throw new UsageError('--data-dir needs a folder', command);
    return absolute(io, given);
  }
  return absolute(io, defaultDataDir(io.env));
}
