const MIN = 60_000;

/** "45 min", "3 h 10 min", "2 d 4 h": a duration as a moderator reads it at a glance. */
export function duration(ms: number): string {
  const m = Math.max(0, Math.round(Math.abs(ms) / MIN));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export type Urgency = 'overdue' | 'soon' | 'later';

export function urgencyOf(due: number, now: number): Urgency {
  return due < now ? 'overdue' : due - now < 60 * MIN ? 'soon' : 'later';
}
