import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { addMonths, isMonth, monthRanges, monthsBetween, startOfDay } from '../../src/domain/periods.js';

describe('months', () => {
  it('counts and steps calendar months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 14)).toBe('2028-01');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
    expect(['2026-1', '2026-13', '2026-00', '26-01'].some(isMonth)).toBe(false);
  });
});

describe('startOfDay', () => {
  it('is local midnight, through DST changes and in half-hour zones', () => {
    expect(new Date(startOfDay('2026-03-01', 'UTC')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(new Date(startOfDay('2026-03-01', 'Europe/Berlin')).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(new Date(startOfDay('2026-04-01', 'Europe/Berlin')).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(new Date(startOfDay('2026-04-01', 'Asia/Kolkata')).toISOString()).toBe('2026-03-31T18:30:00.000Z');
    expect(new Date(startOfDay('2026-04-01', 'America/St_Johns')).toISOString()).toBe('2026-04-01T02:30:00.000Z');
  });

  it('is the first instant of a day whose midnight does not exist (DST at 00:00)', () => {
    // Chile moves its clocks forward at 24:00 on the first Saturday of September: 2026-09-06 starts at 01:00 local.
    const start = startOfDay('2026-09-06', 'America/Santiago');
    expect(localDate(new Date(start), 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(new Date(start - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('is exactly where the local date turns, in any zone', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Santiago'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 3650 }), (zone, offset) => {
        const date = new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const start = startOfDay(date, zone);
        expect(localDate(new Date(start), zone)).toBe(date);
        expect(localDate(new Date(start - 1), zone) < date).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('gives consecutive month ranges that tile time', () => {
    const ranges = monthRanges(monthsBetween('2026-01', '2026-12'), 'Europe/Berlin');
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
    expect(ranges[0]).toEqual({ month: '2026-01', start: '2025-12-31T23:00:00.000Z', end: '2026-01-31T23:00:00.000Z' });
  });
});
