/** `date` (YYYY-MM-DD) plus `days`, as a calendar date: no time zone can shift it. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
