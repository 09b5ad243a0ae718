// Wall-clock time in an IANA zone from Node's Intl alone (no tz library): the zone's offset at
// an instant, the local date of an instant, and the instant of a local date and time. Offsets
// are cached per quarter hour of UTC where the whole quarter has one offset, so a pass over
// 100,000 items calls Intl a few hundred times, not 100,000.

export const MINUTE = 60_000;
export const DAY = 86_400_000;
const BUCKET = 15 * MINUTE;

export class Zone {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly name: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local time minus UTC, in ms, at instant t. */
  offset(t: number): number {
    const b = Math.floor(t / BUCKET);
    const hit = this.offsets.get(b);
    if (hit !== undefined) return hit;
    const start = this.exactOffset(b * BUCKET);
    // A quarter that holds a transition is not cached: each instant in it is asked exactly.
    if (start !== this.exactOffset(b * BUCKET + BUCKET - 1)) return this.exactOffset(t);
    if (this.offsets.size > 50_000) this.offsets.clear();
    this.offsets.set(b, start);
    return start;
  }

  private exactOffset(t: number): number {
    const secs = Math.floor(t / 1000) * 1000;
    const p: Record<string, number> = {};
    for (const part of this.fmt.formatToParts(secs)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    return wall - secs;
  }

  /** The local calendar date of t as a day number (days since 1970-01-01). */
  dayOf(t: number): number {
    return Math.floor((t + this.offset(t)) / DAY);
  }

  /**
   * The instant the wall clock shows `minutes` after midnight of local day `day`. A wall time
   * that happens twice (clocks going back) is its first occurrence; one that never happens
   * (clocks going forward) is the instant the clocks jump, which is when a team that "opens
   * at 02:30" on that night actually opens.
   */
  instant(day: number, minutes: number): number {
    const wall = day * DAY + minutes * MINUTE;
    // Real zones change offset at most once within a day either side.
    const early = this.offset(wall - DAY);
    const late = this.offset(wall + DAY);
    const a = wall - early;
    const b = wall - late;
    const aOk = this.offset(a) === early;
    const bOk = this.offset(b) === late;
    if (aOk && bOk) return Math.min(a, b);
    if (aOk) return a;
    if (bOk) return b;
    // In the gap: the transition lies between the two candidates; find it to the second.
    let lo = Math.min(a, b);
    let hi = Math.max(a, b);
    const before = this.offset(lo);
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

/** Weekday of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** 'YYYY-MM-DD' → day number. */
export function dayOfIso(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

/** 'HH:MM' → minutes after midnight. */
export function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}
