// A team's business calendar and SLA policy as the contract carries them: the schemas check
// each field and say what is wrong in words an admin can act on (core validates; the
// renderer shows the message).
import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const clock = z.string().regex(HHMM, 'a time is HH:MM, from 00:00 to 24:00');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'that date does not exist',
  );

/** Whether the runtime knows the IANA zone (the same test in the browser and in core). */
export function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Open from `from` to `to`, wall-clock time in the team's zone. A `to` at or before `from`
 * runs past midnight into the next day (Fri 22:00–02:00 closes Saturday at 02:00).
 */
export const hoursInterval = z
  .object({ from: clock, to: clock })
  .strict()
  .refine((i) => i.from !== '24:00', 'an interval cannot start at 24:00');
export type HoursInterval = z.infer<typeof hoursInterval>;

export const weeklyHours = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(hoursInterval).max(8)])) as Record<Weekday, z.ZodArray<typeof hoursInterval>>)
  .strict();
export type WeeklyHours = Record<Weekday, HoursInterval[]>;

/** A closed date in the team's zone: the whole day, or only from `from` to `to` when both are given. */
export const holiday = z
  .object({ date: isoDate, name: z.string().trim().max(100).optional(), from: clock.optional(), to: clock.optional() })
  .strict()
  .refine((h) => (h.from === undefined) === (h.to === undefined), 'a partly closed day needs both a from and a to time')
  .refine((h) => h.from === undefined || h.to === undefined || h.from < h.to, 'a partly closed day closes from a time to a later one');
export type Holiday = z.infer<typeof holiday>;

export const timeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(knownTimeZone, 'unknown time zone (use an IANA name such as Europe/Berlin)');

export const teamCalendar = z.object({ timeZone, weekly: weeklyHours, holidays: z.array(holiday).max(1000) }).strict();
export interface TeamCalendar {
  /** IANA zone name, e.g. Europe/Berlin. */
  timeZone: string;
  weekly: WeeklyHours;
  holidays: Holiday[];
}

export interface Team extends TeamCalendar {
  id: number;
  name: string;
}

/** Targets are business minutes: time counts only while the team is open. */
export interface SlaPolicy {
  id: number;
  name: string;
  teamId: number;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** The policy imported items get. */
  isDefault: boolean;
}

/** Where an item stands against its policy. */
export interface ItemSla {
  itemId: number;
  policy: SlaPolicy | null;
  team: Team | null;
  firstResponseDue: number | null;
  resolutionDue: number | null;
  /** When the first reply was recorded (null while none is). */
  firstResponseAt: number | null;
  /** The next target still to meet: 'first-response', 'resolution', or null once settled. */
  next: 'first-response' | 'resolution' | null;
  /** Its due time (epoch ms) and the business time left until it (negative: overdue by that much). */
  due: number | null;
  businessLeftMs: number | null;
  breached: boolean;
  /** Whether the team is open at `now`, and when it opens next if not. */
  openNow: boolean;
  /** When the item arrived (its own time, else when it was imported). */
  arrivedAt: number;
  /** The item arrived while the team was closed: when the team was (or is) back after it. */
  arrivedOutOfHours: boolean;
  /**
   * It arrived out of hours and the team has not opened since: "back at" is still ahead. Once
   * the team has opened, an out-of-hours arrival is history, not news.
   */
  awaitingOpening: boolean;
  backAt: number | null;
  /** backAt as the team's wall clock says it, e.g. "Monday 09:00 (Europe/Berlin)". */
  backAtText: string | null;
  /** The weekly hours in words, e.g. "Mon–Fri 09:00–17:00". */
  hoursText: string | null;
  now: number;
}

export interface SlaSummary {
  now: number;
  /** Open items (waiting or escalated) under a policy, overdue, and due within the next business hour. */
  open: number;
  breached: number;
  dueSoon: number;
  queues: { queue: string; open: number; breached: number }[];
  teams: { teamId: number; name: string; open: number; breached: number }[];
  /** Targets already missed on items since settled or answered late (first responses after their due). */
  lateFirstResponses: number;
}
