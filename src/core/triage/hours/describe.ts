// Calendars and instants in words, for the out-of-hours reply and the detail pane.
import { WEEKDAYS, type TeamCalendar } from '../../../shared/hours';

const DAY_NAME: Record<(typeof WEEKDAYS)[number], string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** "Mon–Fri 09:00–17:00, Sat 10:00–14:00": runs of weekdays with the same hours. */
export function hoursInWords(cal: TeamCalendar): string {
  const key = (d: (typeof WEEKDAYS)[number]) => cal.weekly[d].map((i) => `${i.from}–${i.to}`).join(', ');
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    let j = i;
    while (j + 1 < WEEKDAYS.length && key(WEEKDAYS[j + 1]!) === key(WEEKDAYS[i]!)) j++;
    const hours = key(WEEKDAYS[i]!);
    if (hours) parts.push(`${DAY_NAME[WEEKDAYS[i]!]}${j > i ? `–${DAY_NAME[WEEKDAYS[j]!]}` : ''} ${hours}`);
    i = j + 1;
  }
  return parts.length ? parts.join(', ') : 'no open hours';
}

/** "Monday 3 June, 09:00" on the team's wall clock. */
export function instantInWords(cal: TeamCalendar, t: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: cal.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(t);
}
