import { localDate, type CalendarDate } from './dates.js';

/** A calendar month `YYYY-MM`, as the business's time zone sees it. */
export type Month = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH_RE.test(value);
}

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included (empty when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * The first instant (ms since the epoch) of a calendar day in a time zone. Found by bisection on
 * the local date rather than from an offset table: it is right through DST changes, zones whose
 * midnight does not exist on the day of a change, and historical offsets with seconds.
 */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Every real offset lies within ±15 h, so the answer is inside this window.
  let lo = utcMidnight - 16 * 3_600_000; // local date is before `date`
  let hi = utcMidnight + 16 * 3_600_000; // local date is `date` or after
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (localDate(new Date(mid), timeZone) < date) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A month as the half-open range of UTC instants [start, end) that it covers in a time zone. */
export interface MonthRange {
  month: Month;
  start: string;
  end: string;
}

/** The UTC ranges of consecutive months in a time zone, as ISO text comparable with event times. */
export function monthRanges(months: readonly Month[], timeZone: string): MonthRange[] {
  const starts = new Map<Month, string>();
  const startOf = (m: Month) => {
    let s = starts.get(m);
    if (s === undefined) {
      s = new Date(startOfDay(`${m}-01`, timeZone)).toISOString();
      starts.set(m, s);
    }
    return s;
  };
  return months.map((month) => ({ month, start: startOf(month), end: startOf(addMonths(month, 1)) }));
}
