// A team calendar compiled once for fast questions: its zone, each weekday's intervals in
// minutes, closed dates by day number, and the open spans (UTC instants) of each local day,
// worked out on first use and kept.
import { WEEKDAYS, type TeamCalendar } from '../../../shared/hours';
import { DAY, Zone, dayOfIso, minutesOf, weekdayOf } from './zone';

/** [start, end) in epoch ms. */
export type Span = readonly [number, number];

interface Closure {
  from: number;
  to: number;
}

export class NoOpenHours extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NoOpenHours';
  }
}

/** How far ahead the library looks for an open minute before saying there is none. */
export const SEARCH_DAYS = 3 * 366;

export class CompiledCalendar {
  readonly zone: Zone;
  /** Per weekday (0 = Monday): [from, to) minutes after that day's midnight; `to` may pass 1440. */
  readonly weekly: [number, number][][];
  readonly hasWeeklyHours: boolean;
  private readonly closed = new Map<number, Closure[]>();
  private readonly days = new Map<number, Span[]>();

  constructor(cal: TeamCalendar) {
    this.zone = new Zone(cal.timeZone);
    this.weekly = WEEKDAYS.map((d) =>
      (cal.weekly[d] ?? [])
        .map((i): [number, number] => {
          const from = minutesOf(i.from);
          let to = minutesOf(i.to);
          if (to <= from) to += 1440; // past midnight (equal: round the clock)
          return [from, to];
        })
        .sort((x, y) => x[0] - y[0]),
    );
    this.hasWeeklyHours = this.weekly.some((d) => d.length > 0);
    for (const h of cal.holidays) {
      const day = dayOfIso(h.date);
      const list = this.closed.get(day) ?? [];
      list.push(h.from !== undefined && h.to !== undefined ? { from: minutesOf(h.from), to: minutesOf(h.to) } : { from: 0, to: 1440 });
      this.closed.set(day, list);
    }
  }

  /**
   * The open spans of the intervals that start on local day `day`, closed dates taken out
   * (a closed date closes its own wall-clock hours, including the tail of the night before).
   * Sorted; they may overlap the previous day's spans, which the walkers allow for.
   */
  spansOf(day: number): Span[] {
    const hit = this.days.get(day);
    if (hit) return hit;
    let spans: Span[] = [];
    for (const [from, to] of this.weekly[weekdayOf(day)]!) {
      const s = this.zone.instant(day + Math.floor(from / 1440), from % 1440);
      const e = this.zone.instant(day + Math.floor(to / 1440), to % 1440);
      if (e > s) spans.push([s, e]);
    }
    for (const d of [day, day + 1]) {
      for (const c of this.closed.get(d) ?? []) {
        const cs = this.zone.instant(d, c.from);
        const ce = c.to >= 1440 ? this.zone.instant(d + 1, 0) : this.zone.instant(d, c.to);
        spans = subtract(spans, cs, ce);
      }
    }
    if (this.days.size > 20_000) this.days.clear();
    this.days.set(day, spans);
    return spans;
  }

  /**
   * Open spans in time order, merged, from the one holding t (or the next) onwards, clipped
   * to start no earlier than t. Stops after SEARCH_DAYS of nothing open.
   */
  *openFrom(t: number): Generator<Span> {
    if (!this.hasWeeklyHours) throw new NoOpenHours('The calendar has no open hours on any weekday.');
    let day = this.zone.dayOf(t) - 1; // the night before may still be open at t
    let covered = t;
    let idle = 0;
    for (;;) {
      let any = false;
      for (const [s, e] of this.spansOf(day)) {
        if (e <= covered) continue;
        any = true;
        yield [Math.max(s, covered), e];
        covered = e;
      }
      idle = any ? 0 : idle + 1;
      if (idle > SEARCH_DAYS)
        throw new NoOpenHours(`The calendar is closed on every day for ${SEARCH_DAYS} days from ${new Date(t).toISOString()}.`);
      day++;
    }
  }
}

function subtract(spans: Span[], cs: number, ce: number): Span[] {
  if (ce <= cs) return spans;
  const out: Span[] = [];
  for (const [s, e] of spans) {
    if (e <= cs || s >= ce) out.push([s, e]);
    else {
      if (s < cs) out.push([s, cs]);
      if (e > ce) out.push([ce, e]);
    }
  }
  return out;
}

const compiled = new WeakMap<TeamCalendar, CompiledCalendar>();

/** The compiled form of a calendar object, made once per object. */
export function compile(cal: TeamCalendar): CompiledCalendar {
  let c = compiled.get(cal);
  if (!c) {
    c = new CompiledCalendar(cal);
    compiled.set(cal, c);
  }
  return c;
}

export { DAY };
