import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type WasteReport = components['schemas']['WasteReport'];
export type WasteRow = WasteReport['rows'][number];
export type WasteGroup = WasteReport['groupBy'];
export const WASTE_GROUPS: readonly WasteGroup[] = ['month', 'item', 'reason'];

export interface WasteParams {
  /** First month `YYYY-MM`; omitted, the server picks 11 months before `to`. */
  from?: string;
  /** Last month `YYYY-MM`; omitted, the server's current month (its clock may be frozen). */
  to?: string;
  groupBy: WasteGroup;
}

/** The waste report for a period and grouping; the server decides what "this month" is. */
export function wasteReportQuery({ from, to, groupBy }: WasteParams) {
  return queryOptions({
    queryKey: ['waste', { from, to, groupBy }],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/waste', { params: { query: { from, to, groupBy } } })),
  });
}

export interface MonthComparison {
  current: WasteRow & { period: string };
  previous: WasteRow & { period: string };
  /** Relative change of quantity and value; null when the previous month had none. */
  quantityChange: number | null;
  valueChange: number | null;
}

function change(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before;
}

/** The last month of a month-grouped report against the one before it. */
export function compareLastMonths(report: WasteReport): MonthComparison | null {
  const months = report.rows.filter((r): r is WasteRow & { period: string } => r.period !== undefined);
  const current = months.at(-1);
  const previous = months.at(-2);
  if (!current || !previous) return null;
  return {
    current,
    previous,
    quantityChange: change(current.writtenOff, previous.writtenOff),
    valueChange: change(Number(current.value), Number(previous.value)),
  };
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `2026-11` as `Nov 2026`: a calendar month, no time-zone shift. */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** A reason code as people say it. */
export function reasonLabel(reason: string): string {
  const text = reason.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
