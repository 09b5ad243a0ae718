// Detection as the moderator uses it: scoring what waits (detection.rescore), the riskiest
// accounts (accounts.top), and campaigns, listed and decided as one (campaigns.list,
// campaign.decide). The models detection trains are training/handlers.ts.
import type { Database } from 'better-sqlite3';
import type { CoreHandlers } from '../../shared/contract';
import { campaignText } from '../../shared/decision-text';
import { VigilFailure } from '../../shared/errors';
import { applyDecision } from '../decisions/decide';
import type { Actor } from '../decisions/log';
import { writeGroup } from '../decisions/undo-groups';
import type { RescoreAuthors } from './scoring/after-decision';
import type { ScoringRunner } from './scoring/runner';
import { topAccounts } from './scores/account-scores';
import { listCampaigns, waitingInCampaign } from './scores/campaigns';

type DetectionMethods = 'detection.rescore' | 'accounts.top' | 'campaigns.list' | 'campaign.decide';

export function detectionHandlers(
  db: Database,
  who: Actor,
  scoring: ScoringRunner,
  rescoreAuthorsOf: RescoreAuthors,
): Pick<CoreHandlers, DetectionMethods> {
  return {
    'detection.rescore': ({ maxItems }) => scoring.run(maxItems),
    'accounts.top': ({ limit }) => ({ accounts: topAccounts(db, limit) }),
    'campaigns.list': ({ limit }) => ({ campaigns: listCampaigns(db, limit) }),
    'campaign.decide': ({ id, action, reason }) => {
      const waiting = waitingInCampaign(db, id);
      if (!waiting)
        throw new VigilFailure(
          'not_found',
          `There is no campaign ${id} (any more): new imports may have reshaped it. Reload the campaign.`,
        );
      if (!waiting.length) return { outcomes: [] };
      const outcomes = writeGroup(
        db,
        who.actor,
        who.now(),
        () => applyDecision(db, who, { itemIds: waiting, action, reason: reason?.trim() || `campaign ${id}` }),
        (o) => campaignText(action, o.length),
      );
      if (action === 'spam' || action === 'fake') rescoreAuthorsOf(waiting);
      return { outcomes };
    },
  };
}
