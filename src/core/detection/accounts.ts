// Account authenticity (bought follower, bot): profile and activity signals, combined with
// priors from the literature on purchased followers (Cresci et al. 2015: bought accounts
// have few followers, follow many, post little, keep default profiles, are on no lists, and
// are made in bulk shortly before they are sold). Signals come in four groups that each say
// one thing: the account's network, its activity, how its profile is kept, and its age. Few
// followers is the strongest single sign, but many genuine people have few: it is weighed
// against the others, so an old, active, kept account with a small audience is not red.
import { fmt, verdictOf, type Evidence, type Verdict } from './reasons';

export interface AccountSignals {
  followers: number | null;
  following: number | null;
  posts: number | null;
  likes: number | null;
  listed: number | null;
  /** Epoch ms. */
  createdAt: number | null;
  verified: boolean;
  defaultAvatar: boolean;
  defaultProfile: boolean;
  bio: string | null;
  url: string | null;
  hasBanner: boolean;
  geoEnabled: boolean;
}

const DAY = 86_400_000;

/** With nothing known, about one author in five is taken to be a fake or bot account. */
const BASE_RATE = Math.log(0.2 / 0.8);

export function accountVerdict(a: AccountSignals, now: number): Verdict {
  const e: Evidence[] = [];
  const followers = a.followers ?? 0;
  const following = a.following ?? 0;
  const posts = a.posts ?? 0;
  // Network: who follows it, whom it follows, whether anyone lists it.
  if (a.followers !== null) {
    if (followers < 30) e.push({ weight: 2.2, reason: `only ${fmt(followers)} follower${followers === 1 ? '' : 's'}`, group: 'network' });
    else if (followers >= 1000) e.push({ weight: -1.5, reason: `${fmt(followers)} followers`, group: 'network' });
    else e.push({ weight: -1.3, reason: `${fmt(followers)} followers`, group: 'network' });
  }
  if (following >= 100 && following >= 10 * Math.max(followers, 1)) {
    e.push({ weight: 1.2, reason: `follows ${fmt(following)}, followed by ${fmt(followers)}`, group: 'network' });
  } else if (a.following !== null && following < 100) {
    // Bought followers are made to follow: hundreds of accounts, not a handful.
    e.push({ weight: -1.8, reason: `follows only ${fmt(following)}`, group: 'network' });
  }
  if (a.listed !== null) {
    if (a.listed === 0) e.push({ weight: 0.5, reason: 'on no one’s lists', group: 'network' });
    else if (a.listed >= 3) e.push({ weight: -1.0, reason: `on ${fmt(a.listed)} lists`, group: 'network' });
  }
  // Activity: what it has done with the account.
  if (a.posts !== null) {
    if (posts < 20) e.push({ weight: 1.1, reason: `${fmt(posts)} post${posts === 1 ? '' : 's'} in all`, group: 'activity' });
    else if (posts >= 500) e.push({ weight: -1.0, reason: `${fmt(posts)} posts`, group: 'activity' });
    else if (posts >= 100) e.push({ weight: -0.8, reason: `${fmt(posts)} posts`, group: 'activity' });
  }
  if (a.likes !== null) {
    if (a.likes === 0) e.push({ weight: 0.6, reason: 'has never liked anything', group: 'activity' });
    else if (a.likes >= 50) e.push({ weight: -0.5, reason: `${fmt(a.likes)} likes given`, group: 'activity' });
  }
  // Profile: whether someone keeps it.
  if (a.defaultAvatar) e.push({ weight: 1.0, reason: 'default profile picture', group: 'profile' });
  if (a.defaultProfile) e.push({ weight: 0.3, reason: 'profile never customised', group: 'profile' });
  if (!a.bio?.trim()) e.push({ weight: 0.7, reason: 'no bio', group: 'profile' });
  else e.push({ weight: -0.4, reason: 'writes a bio', group: 'profile' });
  if (a.url) e.push({ weight: -0.4, reason: 'links a website', group: 'profile' });
  if (a.hasBanner) e.push({ weight: -0.6, reason: 'has a banner image', group: 'profile' });
  else e.push({ weight: 0.3, reason: 'no banner image', group: 'profile' });
  if (a.geoEnabled) e.push({ weight: -0.7, reason: 'shares location on posts', group: 'profile' });
  if (a.verified) e.push({ weight: -4, reason: 'verified by the platform' });
  if (a.createdAt !== null) {
    const days = Math.max(0, (now - a.createdAt) / DAY);
    if (days < 60) e.push({ weight: 0.6, reason: `account ${fmt(days)} days old` });
    // Bought accounts are mostly made in bulk shortly before they are sold.
    else if (days > 2 * 365) e.push({ weight: -1.2, reason: `account ${fmt(days / 365)} years old` });
    else if (days > 365) e.push({ weight: -1.0, reason: 'account over a year old' });
  }
  return verdictOf(BASE_RATE, e);
}

const log1p = (n: number | null) => Math.log1p(Math.max(0, n ?? 0));

/** Numbers the trainer learns weights for (standardised by the trainer). */
export function accountFeatures(a: AccountSignals, now: number): number[] {
  const followers = a.followers ?? 0;
  const following = a.following ?? 0;
  const ageDays = a.createdAt === null ? 0 : Math.max(0, (now - a.createdAt) / DAY);
  return [
    log1p(a.followers),
    log1p(a.following),
    log1p(a.posts),
    log1p(a.likes),
    log1p(a.listed),
    Math.log1p(following) - Math.log1p(followers),
    Math.log1p(ageDays),
    followers < 30 ? 1 : 0,
    a.defaultAvatar ? 1 : 0,
    a.defaultProfile ? 1 : 0,
    a.bio?.trim() ? 1 : 0,
    Math.log1p(a.bio?.length ?? 0),
    a.url ? 1 : 0,
    a.hasBanner ? 1 : 0,
    a.geoEnabled ? 1 : 0,
    a.verified ? 1 : 0,
    (a.posts ?? 0) / Math.max(1, ageDays),
    log1p(a.posts) - Math.log1p(ageDays),
  ];
}
