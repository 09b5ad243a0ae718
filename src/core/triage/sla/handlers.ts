// The SLA methods of the contract: teams' business hours and policies (admin), the overdue
// summary, and one item's time to breach. An edit that moves dues recomputes every open
// item it concerns before answering, so the queue the editor goes back to is already right.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../../shared/contract';
import { recomputeDues } from './recompute';
import { itemSla, slaSummary } from './status';
import { listPolicies, listTeams, savePolicy, saveTeam } from './teams';

type SlaMethods = 'sla.teams' | 'sla.team.save' | 'sla.policy.save' | 'sla.summary' | 'sla.item';

export function slaHandlers(db: Database, now: () => number): Pick<CoreHandlers, SlaMethods> {
  return {
    'sla.teams': () => ({ teams: listTeams(db), policies: listPolicies(db) }),
    'sla.team.save': (t) => {
      const { team, calendarChanged } = saveTeam(db, t, now());
      const r = calendarChanged && t.id !== undefined ? recomputeDues(db, { teamId: team.id }) : { items: 0, changed: 0 };
      return { team, recomputed: { items: r.items, changed: r.changed } };
    },
    'sla.policy.save': (p) => {
      const { policy, duesChanged } = savePolicy(db, p);
      const r = duesChanged ? recomputeDues(db, { policyId: policy.id }) : { items: 0, changed: 0 };
      return { policy, recomputed: { items: r.items, changed: r.changed } };
    },
    'sla.summary': () => slaSummary(db, now()),
    'sla.item': ({ itemId }) => itemSla(db, itemId, now()),
  };
}
