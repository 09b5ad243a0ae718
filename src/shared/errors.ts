// Errors cross every boundary (IPC, HTTP, CLI) as plain data, never as thrown exceptions,
// so a renderer or script can branch on `code` and show `message` to a person as it is.

export type ErrorCode =
  | 'invalid_args' // arguments failed the contract's schema
  | 'unknown_method' // not a contract method
  | 'not_found'
  | 'db_too_new' // the database was written by a newer Vigil
  | 'db_open_failed'
  | 'import_failed' // the import as a whole could not go on (rows errors are reported, not raised)
  | 'import_unknown' // an import id that is not (or no longer) open
  | 'undo_refused' // the event cannot be undone (already undone, an undo itself, …)
  | 'action_refused' // the action does not apply to the item in its current state
  | 'busy' // the same long job is already running
  | 'not_enough_labels' // training needs more of the team's decisions
  | 'unauthenticated' // the server wants a (new) sign-in
  | 'update_required' // the server needs a newer workstation
  | 'server_refused' // the server refused the request (its message says why)
  | 'untrusted_server' // the server's signed log does not hold (history rewritten, another key): sync stops
  | 'transport' // the host could not be reached or answered garbage
  | 'internal';

export interface VigilError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: VigilError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown): { ok: false; error: VigilError } {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

/** Thrown inside core only; handlers turn it into a Result before it leaves. */
export class VigilFailure extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'VigilFailure';
    this.code = code;
    this.details = details;
  }
}

export function isVigilError(value: unknown): value is VigilError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as VigilError).code === 'string' &&
    typeof (value as VigilError).message === 'string'
  );
}
