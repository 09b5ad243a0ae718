/** Queue names as people read them (other queues show their own name). */
export const QUEUE_LABEL: Record<string, string> = {
  mentions: 'Mentions',
  reviews: 'Reviews',
  comments: 'Comments',
  'spam-waves': 'Spam waves',
  'fake-reviews': 'Likely fake reviews',
  'fake-accounts': 'Likely fake accounts',
  spam: 'Likely spam',
};

/** A queue as the sidebar names it; a queue a routing rule made up is shown by its own name. */
export function queueLabel(queue: string): string {
  return Object.hasOwn(QUEUE_LABEL, queue) ? QUEUE_LABEL[queue]! : queue;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function ago(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined) return '—';
  const d = now - ms;
  if (d < 0) return 'in the future';
  if (d < MIN) return 'just now';
  if (d < HOUR) return `${Math.floor(d / MIN)} min ago`;
  if (d < DAY) return `${Math.floor(d / HOUR)} h ago`;
  if (d < 60 * DAY) return `${Math.floor(d / DAY)} d ago`;
  if (d < 730 * DAY) return `${Math.floor(d / (30 * DAY))} months ago`;
  return `${Math.floor(d / (365 * DAY))} years ago`;
}

export function age(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined) return 'unknown age';
  const days = Math.floor((now - ms) / DAY);
  if (days < 1) return 'created today';
  if (days < 60) return `${days} days old`;
  if (days < 730) return `${Math.floor(days / 30)} months old`;
  return `${Math.floor(days / 365)} years old`;
}

/**
 * When something happened between two times, in words: "30 Nov, 10:02–10:18 (16 min, 7 d ago)",
 * or across days "28 Nov 10:02 – 30 Nov 18:00 (2 days, 7 d ago)".
 */
export function span(start: number, end: number, now = Date.now()): string {
  const day = (t: number) => new Date(t).toLocaleDateString([], { day: 'numeric', month: 'short' });
  const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const d = Math.max(0, end - start);
  const length =
    d < MIN
      ? 'within a minute'
      : d < HOUR
        ? `${Math.round(d / MIN)} min`
        : d < DAY
          ? `${Math.round(d / HOUR)} h`
          : `${Math.round(d / DAY)} days`;
  const range =
    day(start) === day(end) ? `${day(start)}, ${time(start)}–${time(end)}` : `${day(start)} ${time(start)} – ${day(end)} ${time(end)}`;
  return `${range} (${length}, ${ago(end, now)})`;
}

export function when(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toLocaleString();
}

export function num(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString();
}

export function compact(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export const STATUS_LABEL: Record<string, string> = {
  new: 'Waiting',
  approved: 'Approved',
  removed: 'Removed',
  escalated: 'Escalated',
  spam: 'Spam',
  fake: 'Fake author',
  replied: 'Replied',
  all: 'All statuses',
};

export const KIND_LABEL: Record<string, string> = {
  post: 'Post',
  mention: 'Mention',
  reply: 'Reply',
  comment: 'Comment',
  review: 'Review',
};

export function stars(rating: number | null): string {
  return rating ? `${'★'.repeat(rating)}${'☆'.repeat(5 - rating)}` : '';
}

/**
 * The start of a text, whitespace folded, for naming an item or a campaign in a line: cut at a
 * word where one ends in the second half, with an ellipsis when anything was left out.
 */
export function textStart(text: string, max = 60): string {
  const words = text.replace(/\s+/g, ' ').trim();
  if (words.length <= max) return words;
  const cut = words.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1)).trimEnd()}…`;
}
