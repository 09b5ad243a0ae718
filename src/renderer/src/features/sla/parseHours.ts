import type { Holiday, HoursInterval, Weekday, WeeklyHours } from '@shared/hours';

// What an admin types in the hours dialog, read into the contract's shapes, with a message
// that names the day or line and what is wrong. Core validates again.

export const DAYS: { id: Weekday; name: string }[] = [
  { id: 'mon', name: 'Monday' },
  { id: 'tue', name: 'Tuesday' },
  { id: 'wed', name: 'Wednesday' },
  { id: 'thu', name: 'Thursday' },
  { id: 'fri', name: 'Friday' },
  { id: 'sat', name: 'Saturday' },
  { id: 'sun', name: 'Sunday' },
];

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$|^24:00$/;

function clock(s: string): string | null {
  const t = s.trim();
  if (!CLOCK.test(t)) return null;
  return t.length === 4 ? `0${t}` : t;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** "09:00–12:00, 13:00–17:00" (empty: closed). An end at or before the start runs past midnight. */
export function parseDay(name: string, text: string): Parsed<HoursInterval[]> {
  const out: HoursInterval[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [a, b, ...rest] = part.split(/\s*[-–]\s*/);
    const from = clock(a ?? '');
    const to = clock(b ?? '');
    if (rest.length || !from || !to) return { ok: false, message: `${name}: “${part}” is not a time range like 09:00–17:00.` };
    if (from === '24:00') return { ok: false, message: `${name}: a range cannot start at 24:00.` };
    out.push({ from, to });
  }
  return { ok: true, value: out };
}

export function parseWeek(texts: Record<Weekday, string>): Parsed<WeeklyHours> {
  const week = {} as WeeklyHours;
  for (const d of DAYS) {
    const p = parseDay(d.name, texts[d.id]);
    if (!p.ok) return p;
    week[d.id] = p.value;
  }
  return { ok: true, value: week };
}

export function formatDay(intervals: HoursInterval[]): string {
  return intervals.map((i) => `${i.from}–${i.to}`).join(', ');
}

const HOLIDAY = /^(\d{4}-\d{2}-\d{2})(?:\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2}))?(?:\s+(.+))?$/;

/** One closed date a line: "2025-12-25 Christmas", or partly: "2025-12-24 12:00–17:00 Christmas Eve". */
export function parseHolidays(text: string): Parsed<Holiday[]> {
  const out: Holiday[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const m = HOLIDAY.exec(line);
    const where = `Closed dates, line ${i + 1}`;
    if (!m)
      return { ok: false, message: `${where}: “${line}” should read like 2025-12-25 Christmas, or 2025-12-24 12:00–17:00 Christmas Eve.` };
    const [, date, a, b, name] = m;
    const d = new Date(`${date!}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || !d.toISOString().startsWith(date!)) return { ok: false, message: `${where}: ${date!} is not a date.` };
    const h: Holiday = { date: date! };
    if (a !== undefined) {
      const from = clock(a);
      const to = clock(b ?? '');
      if (!from || !to) return { ok: false, message: `${where}: “${a}–${b ?? ''}” is not a time range.` };
      if (from >= to) return { ok: false, message: `${where}: a partly closed day closes from a time to a later one.` };
      h.from = from;
      h.to = to;
    }
    if (name) h.name = name.trim();
    out.push(h);
  }
  return { ok: true, value: out };
}

export function formatHolidays(hs: Holiday[]): string {
  return hs.map((h) => [h.date, h.from ? `${h.from}–${h.to}` : '', h.name ?? ''].filter(Boolean).join(' ')).join('\n');
}

export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
