/** Quantities arrive as exact JSON numbers with up to 6 decimals: show them without float noise. */
const quantityFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });
export function formatQuantity(quantity: number, uom?: string | null): string {
  const text = quantityFormat.format(quantity);
  return uom ? `${text} ${uom}` : text;
}

/** A change of stock with its sign: "+12 kg", "−3 kg" (a true minus, not a hyphen). */
export function formatChange(quantity: number, uom?: string | null): string {
  const sign = quantity > 0 ? '+' : quantity < 0 ? '−' : '';
  return `${sign}${formatQuantity(Math.abs(quantity), uom)}`;
}

const moneyFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function formatMoney(value: number): string {
  return moneyFormat.format(value);
}

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(digits)} %`;
}

/** `2026-11-24` stays a calendar date (no time-zone shift); missing dates show a dash. */
export function formatDate(date: string | null | undefined): string {
  return date ? date.slice(0, 10) : '—';
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
export function formatTime(time: string | null | undefined): string {
  return time ? timeFormat.format(new Date(time)) : '—';
}

/** Days from `today` to `date` (both YYYY-MM-DD), negative when past. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** `date` (YYYY-MM-DD) plus `days`, as a calendar date: no time zone can shift it. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`: the business's day, not the browser's. */
export function calendarDate(time: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time));
}

/** "1 day", "12 days". */
export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** A distance from today in words: "today", "in 12 days", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  return days > 0 ? `in ${dayCount(days)}` : `${dayCount(-days)} ago`;
}
