// How a command stops early. Each kind maps to an exit code (see docs/cli.md):
//   2  the command line is wrong (unknown flag, bad value, missing file): nothing was done
//   3  the command could not do its work (database refused, disk error, core failure)
// Exit code 1 (some rows rejected, the rest imported) is a result, not an exception.
import type { VigilError } from '../shared/errors';

export const EXIT = { ok: 0, rejected: 1, usage: 2, failed: 3 } as const;

export class UsageError extends Error {
  /** The command whose usage to show after the message; null for the general usage. */
  readonly command: string | null;
  constructor(message: string, command: string | null) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

export class CliFailure extends Error {
  readonly code: string;
  constructor(message: string, code = 'failed') {
    super(message);
    this.name = 'CliFailure';
    this.code = code;
  }
}

/** A core answer {ok:false, error}: its message is written for people and shown as it is. */
export function coreFailure(error: VigilError): CliFailure {
  return new CliFailure(error.message, error.code);
}

/** Whatever openCore or the file system threw, as something to show. */
export function asFailure(e: unknown, context?: string): CliFailure {
  if (e instanceof CliFailure) return e;
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : 'failed';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  return new CliFailure(context ? `${context}: ${message}` : message, code);
}
