// What an admin types in the business-hours dialog, read into the contract's shapes, and
// the message for each kind of mistake.
import { describe, expect, it } from 'vitest';
import { formatDay, formatHolidays, parseDay, parseHolidays } from '../../src/renderer/src/features/sla/parseHours';

describe('weekly hours as typed', () => {
  it('reads ranges with a hyphen or an en dash, several a day, and past midnight', () => {
    expect(parseDay('Friday', '9:00-12:00, 13:00–17:00, 22:00 - 02:00')).toEqual({
      ok: true,
      value: [
        { from: '09:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
        { from: '22:00', to: '02:00' },
      ],
    });
    expect(parseDay('Sunday', '  ')).toEqual({ ok: true, value: [] });
    expect(
      formatDay([
        { from: '09:00', to: '17:00' },
        { from: '22:00', to: '02:00' },
      ]),
    ).toBe('09:00–17:00, 22:00–02:00');
  });
  it('names the day and the part that is wrong', () => {
    expect(parseDay('Monday', '9-17')).toEqual({ ok: false, message: 'Monday: “9-17” is not a time range like 09:00–17:00.' });
    expect(parseDay('Monday', '09:00-25:00')).toMatchObject({ ok: false });
    expect(parseDay('Monday', '24:00-02:00')).toEqual({ ok: false, message: 'Monday: a range cannot start at 24:00.' });
  });
});

describe('closed dates as typed', () => {
  it('reads whole and partly closed days with a name', () => {
    const p = parseHolidays('2025-12-25 Christmas\n\n2025-12-24 12:00–17:00 Christmas Eve\n2026-01-01');
    expect(p).toEqual({
      ok: true,
      value: [
        { date: '2025-12-25', name: 'Christmas' },
        { date: '2025-12-24', from: '12:00', to: '17:00', name: 'Christmas Eve' },
        { date: '2026-01-01' },
      ],
    });
    if (p.ok) expect(formatHolidays(p.value)).toBe('2025-12-25 Christmas\n2025-12-24 12:00–17:00 Christmas Eve\n2026-01-01');
  });
  it('names the line and what is wrong', () => {
    expect(parseHolidays('2025-12-25\n25/12/2025')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Closed dates, line 2: “25/12/2025” should read like'),
    });
    expect(parseHolidays('2025-02-30')).toEqual({ ok: false, message: 'Closed dates, line 1: 2025-02-30 is not a date.' });
    expect(parseHolidays('2025-12-24 17:00-12:00')).toEqual({
      ok: false,
      message: 'Closed dates, line 1: a partly closed day closes from a time to a later one.',
    });
  });
});
