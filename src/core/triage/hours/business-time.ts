// Business-time arithmetic over a team calendar. Each function walks open spans (a span is
// at most a day's interval), never minutes: three business days are a handful of steps.
import type { TeamCalendar } from '../../../shared/hours';
import { compile } from './calendar';

/** Whether the team is open at instant t. */
export function isOpen(cal: TeamCalendar, t: number): boolean {
  const c = compile(cal);
  if (!c.hasWeeklyHours) return false;
  const first = c.openFrom(t).next();
  return !first.done && first.value[0] === t;
}

/** The first open instant at or after t ("back at"); t itself when the team is open. */
export function nextOpen(cal: TeamCalendar, t: number): number {
  const first = compile(cal).openFrom(t).next();
  // openFrom never finishes: it yields or throws NoOpenHours.
  return first.value![0];
}

/** The instant by which `ms` of business time have passed after t (a target's due time). */
export function addBusinessTime(cal: TeamCalendar, t: number, ms: number): number {
  if (ms < 0) throw new RangeError('addBusinessTime counts forward only');
  if (ms === 0) return t;
  let left = ms;
  for (const [s, e] of compile(cal).openFrom(t)) {
    if (e - s >= left) return s + left;
    left -= e - s;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** Business time between a and b, in ms; negative when b is before a. */
export function businessTimeBetween(cal: TeamCalendar, a: number, b: number): number {
  if (b < a) return -businessTimeBetween(cal, b, a);
  let total = 0;
  const c = compile(cal);
  if (!c.hasWeeklyHours) return 0;
  for (const [s, e] of c.openFrom(a)) {
    if (s >= b) break;
    total += Math.min(e, b) - s;
    if (e >= b) break;
  }
  return total;
}
