// An item's dues under a policy: each target counted in the policy team's business time from
// the item's arrival. A team with no open hours has no dues (its items cannot breach, and
// the hours dialog says why).
import type { Database } from 'better-sqlite3';
import type { SlaPolicy, Team } from '../../../shared/hours';
import { addBusinessTime, NoOpenHours } from '../hours';
import { defaultPolicy, policyById, teamById } from './teams';

const MINUTE = 60_000;

export interface Dues {
  firstResponseDue: number;
  resolutionDue: number;
}

export function duesOf(team: Team, policy: SlaPolicy, arrival: number): Dues | null {
  try {
    return {
      firstResponseDue: addBusinessTime(team, arrival, policy.firstResponseMinutes * MINUTE),
      resolutionDue: addBusinessTime(team, arrival, policy.resolutionMinutes * MINUTE),
    };
  } catch (e) {
    if (e instanceof NoOpenHours) return null;
    throw e;
  }
}

/** The next target still to meet: first response until one is recorded, then resolution. */
export function nextDue(d: Dues | null, firstResponseAt: number | null): number | null {
  if (!d) return null;
  return firstResponseAt === null ? d.firstResponseDue : d.resolutionDue;
}

/**
 * An item's policy and dues from its arrival: the policy it has, or the default one for an
 * item without (null when there is no default).
 */
export function slaOnArrival(
  db: Database,
  arrival: number,
  policyId: number | null = null,
): { policyId: number; dues: Dues | null } | null {
  const policy = policyId === null ? defaultPolicy(db) : (policyById(db, policyId) ?? defaultPolicy(db));
  if (!policy) return null;
  const team = teamById(db, policy.teamId);
  return { policyId: policy.id, dues: team ? duesOf(team, policy, arrival) : null };
}
