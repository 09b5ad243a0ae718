// Checks every route applies to what it is sent: the protocol's schemas, and its version.
import type { z } from 'zod';
import { OLDEST_SUPPORTED_SCHEMA, SYNC_SCHEMA_VERSION } from '../shared/sync';
import { HttpFailure } from './http-failure';

export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new HttpFailure(
      400,
      'invalid_request',
      `${what}: ${issue.path.join('.') || 'value'} ${issue.message}`,
      r.error.issues.slice(0, 10),
    );
  }
  return r.data;
}

export function checkSchema(version: number, needs = OLDEST_SUPPORTED_SCHEMA): void {
  if (version < needs) {
    throw new HttpFailure(
      426,
      'update_required',
      `This workstation speaks sync schema ${version}; the server needs ${needs} or later for this. Update Vigil.`,
    );
  }
  if (version > SYNC_SCHEMA_VERSION) {
    throw new HttpFailure(
      400,
      'schema_too_new',
      `This server speaks sync schema ${SYNC_SCHEMA_VERSION}; the workstation sent ${version}. Update the server.`,
    );
  }
}
