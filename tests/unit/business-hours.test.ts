// Business-time arithmetic: time zones, both DST changes in two zones, closed dates,
// overnight hours, a calendar with no open hours, and long spans.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpen, nextOpen, NoOpenHours } from '../../src/core/triage/hours';
import { WEEKDAYS, type HoursInterval, type Holiday, type TeamCalendar, type Weekday } from '../../src/shared/hours';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => Date.parse(iso);

function cal(timeZone: string, days: Partial<Record<Weekday, HoursInterval[]>>, holidays: Holiday[] = []): TeamCalendar {
  const weekly = Object.fromEntries(WEEKDAYS.map((d) => [d, days[d] ?? []])) as TeamCalendar['weekly'];
  return { timeZone, weekly, holidays };
}
const nineToFive = { from: '09:00', to: '17:00' };
const everyDay = (i: HoursInterval[]) => Object.fromEntries(WEEKDAYS.map((d) => [d, i]));
const weekdays = (i: HoursInterval[]) => ({ mon: i, tue: i, wed: i, thu: i, fri: i });

describe('daylight saving changes', () => {
  // Europe/Berlin: 2024-03-31 02:00 → 03:00 (23-hour day), 2024-10-27 03:00 → 02:00 (25-hour day).
  // America/New_York: 2024-03-10 02:00 → 03:00, 2024-11-03 02:00 → 01:00.
  const cases = [
    { zone: 'Europe/Berlin', spring: '2024-03-31', springOff: ['+01:00', '+02:00'], fall: '2024-10-27', fallOff: ['+02:00', '+01:00'] },
    { zone: 'America/New_York', spring: '2024-03-10', springOff: ['-05:00', '-04:00'], fall: '2024-11-03', fallOff: ['-04:00', '-05:00'] },
  ];
  for (const c of cases) {
    describe(c.zone, () => {
      const team = cal(c.zone, everyDay([nineToFive]));
      it('a 09:00–17:00 day of 23 wall hours still has 8 business hours', () => {
        const midnight = at(`${c.spring}T00:00:00${c.springOff[0]}`);
        const nextMidnight = midnight + 23 * H; // the wall day is 23 hours long
        expect(businessTimeBetween(team, midnight, nextMidnight)).toBe(8 * H);
        expect(nextOpen(team, midnight)).toBe(at(`${c.spring}T09:00:00${c.springOff[1]}`));
        expect(addBusinessTime(team, midnight, 8 * H)).toBe(at(`${c.spring}T17:00:00${c.springOff[1]}`));
      });
      it('a 09:00–17:00 day of 25 wall hours still has 8 business hours', () => {
        const midnight = at(`${c.fall}T00:00:00${c.fallOff[0]}`);
        expect(businessTimeBetween(team, midnight, midnight + 25 * H)).toBe(8 * H);
        expect(addBusinessTime(team, midnight, 8 * H)).toBe(at(`${c.fall}T17:00:00${c.fallOff[1]}`));
      });
      it('an interval across the skipped hour loses it; one starting in it opens when the clocks jump', () => {
        const across = cal(c.zone, everyDay([{ from: '01:00', to: '04:00' }]));
        const midnight = at(`${c.spring}T00:00:00${c.springOff[0]}`);
        expect(businessTimeBetween(across, midnight, midnight + 23 * H)).toBe(2 * H);
        const inGap = cal(c.zone, everyDay([{ from: '02:30', to: '04:00' }]));
        expect(nextOpen(inGap, midnight)).toBe(at(`${c.spring}T03:00:00${c.springOff[1]}`));
        expect(businessTimeBetween(inGap, midnight, midnight + 23 * H)).toBe(1 * H);
        const wholeGap = cal(c.zone, everyDay([{ from: '02:00', to: '03:00' }]));
        expect(businessTimeBetween(wholeGap, midnight, midnight + 23 * H)).toBe(0);
      });
      it('an interval across the repeated hour gains it', () => {
        const across = cal(c.zone, everyDay([{ from: '00:00', to: '04:00' }]));
        const midnight = at(`${c.fall}T00:00:00${c.fallOff[0]}`);
        expect(businessTimeBetween(across, midnight, midnight + 25 * H)).toBe(5 * H);
      });
    });
  }

  it('counts in the team’s zone, not the machine’s', () => {
    const tokyo = cal('Asia/Tokyo', weekdays([nineToFive]));
    // Monday 2024-06-03 08:30 UTC is 17:30 in Tokyo: closed, back Tuesday 09:00 JST.
    expect(isOpen(tokyo, at('2024-06-03T08:30:00Z'))).toBe(false);
    expect(nextOpen(tokyo, at('2024-06-03T08:30:00Z'))).toBe(at('2024-06-04T09:00:00+09:00'));
    expect(isOpen(tokyo, at('2024-06-03T07:59:00Z'))).toBe(true);
  });
});

describe('overnight hours', () => {
  const night = cal('Europe/Berlin', { fri: [{ from: '22:00', to: '02:00' }] });
  // 2024-06-07 is a Friday (CEST, +02:00).
  it('are open past midnight into the next day and closed at their end', () => {
    expect(isOpen(night, at('2024-06-07T21:59:00+02:00'))).toBe(false);
    expect(isOpen(night, at('2024-06-07T22:00:00+02:00'))).toBe(true);
    expect(isOpen(night, at('2024-06-08T01:59:00+02:00'))).toBe(true);
    expect(isOpen(night, at('2024-06-08T02:00:00+02:00'))).toBe(false);
    expect(nextOpen(night, at('2024-06-08T03:00:00+02:00'))).toBe(at('2024-06-14T22:00:00+02:00'));
  });
  it('carry a target over to the next night', () => {
    expect(addBusinessTime(night, at('2024-06-07T23:00:00+02:00'), 2 * H)).toBe(at('2024-06-08T01:00:00+02:00'));
    expect(addBusinessTime(night, at('2024-06-07T23:00:00+02:00'), 4 * H)).toBe(at('2024-06-14T23:00:00+02:00'));
    expect(businessTimeBetween(night, at('2024-06-07T00:00:00+02:00'), at('2024-06-15T00:00:00+02:00'))).toBe(6 * H);
  });
  it('overlapping intervals count once', () => {
    const both = cal('UTC', {
      fri: [{ from: '22:00', to: '02:00' }],
      sat: [
        { from: '00:00', to: '08:00' },
        { from: '07:00', to: '09:00' },
      ],
    });
    expect(businessTimeBetween(both, at('2024-06-07T00:00:00Z'), at('2024-06-09T00:00:00Z'))).toBe(11 * H);
  });
  it('round the clock when an interval ends where it starts', () => {
    const allDay = cal('UTC', { mon: [{ from: '00:00', to: '00:00' }] });
    expect(businessTimeBetween(allDay, at('2024-06-03T00:00:00Z'), at('2024-06-10T00:00:00Z'))).toBe(24 * H);
    const toMidnight = cal('UTC', { mon: [{ from: '12:00', to: '24:00' }] });
    expect(businessTimeBetween(toMidnight, at('2024-06-03T00:00:00Z'), at('2024-06-10T00:00:00Z'))).toBe(12 * H);
  });
});

describe('closed dates', () => {
  const team = cal('America/New_York', weekdays([nineToFive]), [
    { date: '2024-07-04', name: 'Independence Day' },
    { date: '2024-12-24', from: '12:00', to: '17:00' },
  ]);
  it('a whole closed day moves the team’s return and a target past it', () => {
    expect(isOpen(team, at('2024-07-04T10:00:00-04:00'))).toBe(false);
    expect(nextOpen(team, at('2024-07-03T17:30:00-04:00'))).toBe(at('2024-07-05T09:00:00-04:00'));
    expect(addBusinessTime(team, at('2024-07-03T16:00:00-04:00'), 2 * H)).toBe(at('2024-07-05T10:00:00-04:00'));
    expect(businessTimeBetween(team, at('2024-07-01T00:00:00-04:00'), at('2024-07-06T00:00:00-04:00'))).toBe(32 * H);
  });
  it('a partly closed day closes only those hours', () => {
    expect(isOpen(team, at('2024-12-24T11:00:00-05:00'))).toBe(true);
    expect(isOpen(team, at('2024-12-24T13:00:00-05:00'))).toBe(false);
    expect(addBusinessTime(team, at('2024-12-24T11:00:00-05:00'), 2 * H)).toBe(at('2024-12-25T10:00:00-05:00'));
  });
  it('a closed date closes the tail of the night before it', () => {
    const night = cal('UTC', { fri: [{ from: '22:00', to: '02:00' }] }, [{ date: '2024-06-08' }]);
    expect(isOpen(night, at('2024-06-07T23:00:00Z'))).toBe(true);
    expect(isOpen(night, at('2024-06-08T01:00:00Z'))).toBe(false);
    expect(addBusinessTime(night, at('2024-06-07T23:00:00Z'), 2 * H)).toBe(at('2024-06-14T23:00:00Z'));
  });
});

describe('a calendar with no open hours', () => {
  const none = cal('Europe/Berlin', {});
  it('says so instead of looping', () => {
    expect(isOpen(none, at('2024-06-03T10:00:00Z'))).toBe(false);
    expect(() => nextOpen(none, at('2024-06-03T10:00:00Z'))).toThrow(NoOpenHours);
    expect(() => addBusinessTime(none, at('2024-06-03T10:00:00Z'), H)).toThrow(NoOpenHours);
    expect(businessTimeBetween(none, at('2024-06-03T10:00:00Z'), at('2025-06-03T10:00:00Z'))).toBe(0);
  });
  it('nor when closed dates cover every open day for years', () => {
    const holidays = Array.from({ length: 1000 }, (_, i) => ({ date: new Date(Date.UTC(2024, 0, 1 + i * 7)).toISOString().slice(0, 10) }));
    const mondays = cal('UTC', { mon: [nineToFive] }, holidays); // 2024-01-01 is a Monday: every Monday closed
    expect(() => nextOpen(mondays, at('2024-01-01T00:00:00Z'))).toThrow(NoOpenHours);
  });
});

describe('long spans', () => {
  const team = cal('Europe/Berlin', weekdays([nineToFive]));
  it('three business days from a Friday afternoon end on the following Wednesday', () => {
    expect(addBusinessTime(team, at('2024-06-07T16:00:00+02:00'), 24 * H)).toBe(at('2024-06-12T16:00:00+02:00'));
  });
  it('a year holds its weekdays’ hours, across both DST changes', () => {
    // 2024 has 262 weekdays.
    expect(businessTimeBetween(team, at('2024-01-01T00:00:00+01:00'), at('2025-01-01T00:00:00+01:00'))).toBe(262 * 8 * H);
    expect(addBusinessTime(team, at('2024-01-01T00:00:00+01:00'), 262 * 8 * H)).toBe(at('2024-12-31T17:00:00+01:00'));
  });
  it('adding then measuring gives back what was added, and is monotone', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) }),
        fc.integer({ min: 0, max: 400 * 60 }),
        (zone, t, minutes) => {
          const c = cal(zone, {
            ...weekdays([
              { from: '08:30', to: '12:00' },
              { from: '13:00', to: '18:00' },
            ]),
            sat: [{ from: '22:00', to: '03:00' }],
          });
          const due = addBusinessTime(c, t, minutes * M);
          expect(businessTimeBetween(c, t, due)).toBe(minutes * M);
          expect(due).toBeGreaterThanOrEqual(t);
          expect(addBusinessTime(c, t, (minutes + 1) * M)).toBeGreaterThan(due);
        },
      ),
      { numRuns: 300 },
    );
  });
});
