// Hour of day and weekday of a moment in a time zone, for time conditions. Intl is slow
// (microseconds a call), so answers are cached per zone in quarter-hour slots: every zone's
// offset from UTC is a whole number of quarter hours, so one answer holds for its whole slot.
import type { Weekday } from '../../../shared/rules';

const SLOT_MS = 15 * 60_000;
const MAX_SLOTS = 50_000;
const DAYS: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

export interface LocalTime {
  hour: number;
  weekday: Weekday;
}

export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly slots = new Map<number, LocalTime>();

  constructor(readonly zone: string) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23', weekday: 'short' });
  }

  at(ms: number): LocalTime {
    const slot = Math.floor(ms / SLOT_MS);
    let t = this.slots.get(slot);
    if (!t) {
      let hour = 0;
      let weekday: Weekday = 'mon';
      for (const p of this.format.formatToParts(slot * SLOT_MS)) {
        if (p.type === 'hour') hour = Number(p.value) % 24;
        else if (p.type === 'weekday') weekday = DAYS[p.value] ?? 'mon';
      }
      t = { hour, weekday };
      if (this.slots.size >= MAX_SLOTS) this.slots.clear();
      this.slots.set(slot, t);
    }
    return t;
  }
}

/** One clock per zone for the life of the process: their caches are worth keeping between rule sets. */
const clocks = new Map<string, ZoneClock>();
export function clockOf(zone: string): ZoneClock {
  let c = clocks.get(zone);
  if (!c) clocks.set(zone, (c = new ZoneClock(zone)));
  return c;
}
