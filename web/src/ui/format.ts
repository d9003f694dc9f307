/** Quantities arrive as exact JSON numbers with up to 6 decimals: show them without float noise. */
const quantityFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });
export function formatQuantity(quantity: number, uom?: string | null): string {
  const text = quantityFormat.format(quantity);
  return uom ? `${text} ${uom}` : text;
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
