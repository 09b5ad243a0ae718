// What detection says: the detection queues and their thresholds, each detector's verdict and
// how sure it is, account scores and campaigns.

/**
 * Queues that detection routes waiting items into, most specific first: a member of a
 * campaign goes to spam waves even when its text alone looks like a fake review.
 */
export const DETECTION_QUEUES = ['spam-waves', 'fake-reviews', 'fake-accounts', 'spam'] as const;

export type DetectionQueue = (typeof DETECTION_QUEUES)[number];

/** The score from which an item is routed to each detection queue (settings can move them). */
export const DEFAULT_THRESHOLDS: Record<DetectionQueue, number> = {
  'spam-waves': 0.7,
  'fake-reviews': 0.75,
  'fake-accounts': 0.8,
  spam: 0.8,
};

/** How sure a score is: 'low' (no signal, one weak one, or signals that disagree), 'medium', 'high'. */
export const SURE_LEVELS = ['low', 'medium', 'high'] as const;

export type SureLevel = (typeof SURE_LEVELS)[number];

/**
 * How much a score rests on. For the built-in rules: how many independent signals push it the
 * way it went, how strong they are, and how much points the other way. For a team model: its
 * cross-validated quality and how far this score is from its decision boundary.
 */
export interface Sureness {
  level: SureLevel;
  /** Why, in a few words: "one signal", "3 signals agree", "signals disagree", "team model (MCC 0.81 on 420 labels), near its boundary". */
  basis: string;
}

/** One detector's say on an item. */
export interface DetectorVerdict {
  score: number;
  reasons: string[];
  /** 'model' when the team's trained model gave the score, 'rules' for the built-in detector. */
  source: 'rules' | 'model';
  /** Absent only on a score kept before sureness was recorded (until the item is scored again). */
  sure?: Sureness;
}

/** What detection knows of an item, for the detail pane. */
export interface ItemDetection {
  /** The highest of the scores below (and of the campaign's). */
  risk: number;
  spam?: DetectorVerdict;
  review?: DetectorVerdict;
  author?: DetectorVerdict;
  campaign?: CampaignInfo & { itemIds: number[] };
  /** The author's follower audit, where follows are known. */
  audit?: { followers: number; fakeFollowerShare: number; adjustedReach: number };
}

/** An account's authenticity verdict; the follower audit where its followers are known. */
export interface AccountScore {
  platform: string;
  id: string;
  handle: string;
  score: number;
  reasons: string[];
  /** Absent only on a score kept before sureness was recorded. */
  sure?: Sureness;
  /** Share of its known followers that look fake (only where follows are known). */
  fakeFollowerShare?: number;
  /** Followers once the fake share is taken out (only where follows are known). */
  adjustedReach?: number;
}

/** A group of accounts acting together, as found by coordination detection. */
export interface CampaignInfo {
  id: string;
  kind: 'near-duplicate' | 'review-ring';
  /** Platform ids of the accounts. */
  accounts: string[];
  /** Platform ids of the items. */
  items: string[];
  score: number;
  reasons: string[];
  /** How sure: how many accounts, how tight the burst, whether they burst elsewhere too. */
  sure: Sureness;
  start: number;
  end: number;
  examples: string[];
  /** How many of its items still wait for a decision. */
  waiting: number;
}

/** What one detection pass did. */
export interface RescoreReport {
  accounts: number;
  audits: number;
  items: number;
  campaignsTouched: number;
  /** Items still waiting to be scored. */
  remaining: number;
  /** Time spent in each step. */
  ms: { accounts: number; audits: number; items: number; campaigns: number };
}
