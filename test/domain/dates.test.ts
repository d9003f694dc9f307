import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isCalendarDate, isValidTimeZone, localDate } from '../../src/domain/dates.js';

const RUNS = { numRuns: 300 };

// 1600–2400 spans every Gregorian leap rule: 1600/2000/2400 leap, 1700/1800/1900/2100 not.
const MIN_INSTANT = Date.UTC(1600, 0, 1);
const MAX_INSTANT = Date.UTC(2400, 11, 31, 23, 59, 59);
const instant = fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT }).map((ms) => new Date(ms));
const calendarDate = instant.map((d) => d.toISOString().slice(0, 10));
const dayCount = fc.integer({ min: -100_000, max: 100_000 });

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

describe('isCalendarDate', () => {
  it('accepts every real date', () => {
    fc.assert(
      fc.property(calendarDate, (date) => {
        expect(isCalendarDate(date)).toBe(true);
      }),
      RUNS,
    );
  });

  it.each(['2026-01-31', '2026-12-31', '2028-02-29', '2000-02-29', '2026-11-24'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '2026-02-30',
    '1900-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-1-05',
    '26-01-05',
    '2026/01/05',
    '20260105',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '2026-01-05\n',
    '',
  ])('rejects %j', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });

  it('rejects any day past the end of its month', () => {
    fc.assert(
      fc.property(calendarDate, fc.integer({ min: 1, max: 9 }), (date, extra) => {
        const [year, month] = date.split('-');
        const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
        const day = lastDay + extra;
        fc.pre(day <= 99);
        expect(isCalendarDate(`${year}-${month}-${String(day).padStart(2, '0')}`)).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('addDays / daysBetween', () => {
  it('adding n days and counting back gives n', () => {
    fc.assert(
      fc.property(calendarDate, dayCount, (date, n) => {
        const later = addDays(date, n);
        expect(isCalendarDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(n);
        expect(addDays(later, -n)).toBe(date);
      }),
      RUNS,
    );
  });

  it('counts days as the UTC calendar does, across leap years and centuries', () => {
    fc.assert(
      fc.property(calendarDate, (date) => {
        const [year, month, day] = date.split('-').map(Number) as [number, number, number];
        expect(daysBetween('1970-01-01', date)).toBe(Date.UTC(year, month - 1, day) / 86_400_000);
      }),
      RUNS,
    );
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1);
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2);
  });

  it('daysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, calendarDate, (a, b, c) => {
        expect(daysBetween(b, a) + daysBetween(a, b)).toBe(0);
        expect(daysBetween(a, c)).toBe(daysBetween(a, b) + daysBetween(b, c));
        expect(addDays(a, daysBetween(a, b))).toBe(b);
      }),
      RUNS,
    );
  });

  it('orders like the text of the dates, so string comparison of dates is safe', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, (a, b) => {
        expect(Math.sign(daysBetween(a, b))).toBe(a < b ? 1 : a > b ? -1 : 0);
      }),
      RUNS,
    );
  });

  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2028-02-29', 365, '2029-02-28'],
    ['2028-02-29', 366, '2029-03-01'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-11-24', 0, '2026-11-24'],
  ])('%s + %i days is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });

  it('counts 366 days in leap years and 365 otherwise', () => {
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2100-01-01', '2101-01-01')).toBe(365);
    expect(daysBetween('2000-01-01', '2001-01-01')).toBe(366);
  });
});

describe('localDate', () => {
  it.each([
    ['2026-11-24T23:30:00Z', 'Europe/Berlin', '2026-11-25'],
    ['2026-11-24T22:59:59Z', 'Europe/Berlin', '2026-11-24'],
    ['2026-11-24T23:00:00Z', 'Europe/Berlin', '2026-11-25'],
    // Summer time: Berlin is UTC+2, so the day turns at 22:00Z.
    ['2026-07-01T21:59:59Z', 'Europe/Berlin', '2026-07-01'],
    ['2026-07-01T22:00:00Z', 'Europe/Berlin', '2026-07-02'],
    ['2026-11-25T04:59:59Z', 'America/New_York', '2026-11-24'],
    ['2026-11-25T05:00:00Z', 'America/New_York', '2026-11-25'],
    ['2026-11-24T10:00:00Z', 'Pacific/Kiritimati', '2026-11-25'],
    ['2026-11-24T10:00:00Z', 'Pacific/Pago_Pago', '2026-11-23'],
    ['2026-11-24T18:30:00Z', 'Asia/Kolkata', '2026-11-25'],
    ['2026-11-24T18:29:59Z', 'Asia/Kolkata', '2026-11-24'],
    ['2026-12-31T23:30:00Z', 'Europe/Berlin', '2027-01-01'],
    ['2028-02-29T23:30:00Z', 'UTC', '2028-02-29'],
    ['2028-02-29T23:30:00Z', 'Asia/Tokyo', '2028-03-01'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(localDate(new Date(iso), zone)).toBe(expected);
  });

  it('in UTC is the date of the ISO instant', () => {
    fc.assert(
      fc.property(instant, (at) => {
        expect(localDate(at, 'UTC')).toBe(at.toISOString().slice(0, 10));
      }),
      RUNS,
    );
  });

  it('is a real date at most one day from the UTC date in any zone', () => {
    const recent = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(recent, fc.constantFrom(...ZONES), (at, zone) => {
        const local = localDate(at, zone);
        expect(isCalendarDate(local)).toBe(true);
        expect(Math.abs(daysBetween(at.toISOString().slice(0, 10), local))).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });
});

describe('isValidTimeZone', () => {
  it.each(ZONES)('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', 'Europe/Berlinn', 'not a zone'])('rejects %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});
