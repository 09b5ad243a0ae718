// Detection speed: account scoring, text scoring, language guessing, near-duplicate clustering.
import {
  accountVerdict,
  detectLanguage,
  findNearDuplicates,
  generateWorkload,
  languageReady,
  reviewVerdict,
  spamVerdict,
} from '../src/core/index';
import { log, type Metric } from './lib/metrics';

export async function detectionSpeed(): Promise<Metric[]> {
  const accounts: Parameters<typeof accountVerdict>[0][] = [];
  const texts: { kind: string; text: string }[] = [];
  const comments: string[] = [];
  for (const r of generateWorkload({ items: 320_000, seed: 21 })) {
    if (r.type === 'account') {
      accounts.push({
        followers: r.followers,
        following: r.following,
        posts: r.posts,
        likes: r.likes,
        listed: r.listed,
        createdAt: r.createdAt,
        verified: r.verified,
        defaultAvatar: r.defaultAvatar,
        defaultProfile: r.defaultProfile,
        bio: r.bio,
        url: r.url,
        hasBanner: false,
        geoEnabled: false,
      });
    } else if (r.type === 'item') {
      texts.push({ kind: r.kind, text: r.text });
      if (r.kind === 'comment' && comments.length < 100_000) comments.push(r.text);
    }
  }
  const now = Date.now();
  let t = performance.now();
  let sink = 0;
  for (const a of accounts) sink += accountVerdict(a, now).score;
  const accountsPerS = accounts.length / ((performance.now() - t) / 1000);

  t = performance.now();
  for (const x of texts) sink += (x.kind === 'review' ? reviewVerdict(x.text) : spamVerdict(x.text)).score;
  const itemsPerS = texts.length / ((performance.now() - t) / 1000);

  await languageReady();
  t = performance.now();
  for (const x of texts) sink += detectLanguage(x.text).length;
  const languagesPerS = texts.length / ((performance.now() - t) / 1000);

  t = performance.now();
  const groups = findNearDuplicates(comments);
  const nearDupMs = performance.now() - t;
  log(
    `detection: ${accounts.length.toLocaleString('en')} accounts, ${texts.length.toLocaleString('en')} texts, ${comments.length.toLocaleString('en')} comments in ${groups.length} near-duplicate groups (${sink > 0 ? 'ok' : '?'})`,
  );
  return [
    {
      name: 'detect.accounts_per_s',
      value: accountsPerS,
      unit: 'accounts/s',
      note: `zero-shot account verdicts with reasons, one core; target >= 200,000`,
    },
    {
      name: 'detect.items_per_s',
      value: itemsPerS,
      unit: 'items/s',
      note: 'zero-shot spam or review verdicts with reasons; target >= 20,000',
    },
    {
      name: 'detect.language_per_s',
      value: languagesPerS,
      unit: 'texts/s',
      note: 'the language of each text, as classification guesses it where the platform names none (the detector loaded before timing)',
    },
    {
      name: 'detect.near_dup_100k_ms',
      value: nearDupMs,
      unit: 'ms',
      note: `MinHash + LSH grouping of ${comments.length.toLocaleString('en')} comments; target <= 5,000`,
    },
  ];
}
