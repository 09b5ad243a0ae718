/** A refusal the server answers with: HTTP status, a code a program can act on, a sentence a person can. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
