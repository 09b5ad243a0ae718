/** A refusal the server answers with: HTTP status, a code a program can act on, a sentence a person can. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds after which trying again makes sense: sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}
