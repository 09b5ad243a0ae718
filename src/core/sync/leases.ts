// Claims are leases the server grants for a while. While this workstation's user still holds
// an open item, the lease is renewed before it runs out (a renewal is another claim, granted
// only if nobody else took the item meanwhile); a lease that has already run out is not
// renewed, since someone else may hold the item now.
import type { Database } from 'better-sqlite3';
import { CLAIM_RENEW_MS } from '../../shared/sync';
import { stmt } from '../db/statements';
import { claimItems } from '../decisions/decide';
import type { Actor } from '../decisions/log';

// `+status`: most items are open, so the status index would walk nearly all of them; the
// lease ends are few and ordered.
export function leasesToRenew(db: Database, actor: string, now: number): number[] {
  return stmt<[number, number, string], { id: number }>(
    db,
    "SELECT id FROM items WHERE claim_until > ? AND claim_until <= ? AND assignee = ? AND +status = 'new' ORDER BY claim_until",
  )
    .all(now, now + CLAIM_RENEW_MS, actor)
    .map((r) => r.id);
}

/** Renews what is about to end; the number of items renewed. */
export function renewLeases(db: Database, who: Actor): number {
  const ids = leasesToRenew(db, who.actor, who.now());
  for (let i = 0; i < ids.length; i += 5000) claimItems(db, who, { itemIds: ids.slice(i, i + 5000), claim: true });
  return ids.length;
}
