// What the server keeps, behind one interface so that SQLite (one file, the default) and
// PostgreSQL (DATABASE_URL) behave the same and run the same tests.
import type { PushOutcome, Role, ServerEvent, SyncEvent } from '../../shared/sync';

export interface User {
  id: number;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

export interface Session {
  user: User;
  expiresAt: number;
  revokedAt: number | null;
}

export interface LiveLease {
  platform: string;
  externalId: string;
  holder: string;
  grantedAt: number;
  until: number;
}

export interface ServerStore {
  countUsers(): Promise<number>;
  addUser(name: string, role: Role, passwordHash: string, now: number): Promise<User>;
  userByName(name: string): Promise<User | null>;
  createSession(tokenHash: string, userId: number, now: number, expiresAt: number): Promise<void>;
  session(tokenHash: string): Promise<Session | null>;
  revokeSession(tokenHash: string, now: number): Promise<void>;
  /** One batch, one transaction: every event gets an outcome, none is dropped. */
  push(events: readonly SyncEvent[], by: User, now: number): Promise<PushOutcome[]>;
  pull(cursor: number, limit: number): Promise<ServerEvent[]>;
  head(): Promise<number>;
  /** Leases that have not ended: who holds what, for every workstation to see. */
  leases(now: number): Promise<LiveLease[]>;
  /** Where several server processes share the store: hears every process's new events (pokes). */
  onPoke?(listener: (head: number) => void): Promise<void>;
  close(): Promise<void>;
}
