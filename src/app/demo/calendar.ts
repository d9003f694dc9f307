import type { CalendarDate } from '../../domain/dates.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
}

/**
 * The instant (UTC ISO text) at which the business's wall clock shows `minuteOfDay` on `date`.
 * Demo events are placed by local working hours so that each lands on the intended business day
 * (the day FEFO and expiry checks use) whatever LOTLINE_TIMEZONE is. The second pass settles
 * days on which daylight saving time changes.
 */
export function businessTime(date: CalendarDate, minuteOfDay: number, timeZone: string): string {
  const wall = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function month(date: CalendarDate): number {
  return Number(date.slice(5, 7));
}

/** `2026-06-15` → `260615`, the date part of lot codes and document numbers. */
export function compactDate(date: CalendarDate): string {
  return date.slice(2).replaceAll('-', '');
}
