import { formatMoney, formatQuantity } from '../../ui/format';
import type { WasteReport, WasteRow } from './wasteApi';

/** What the charts plot: quantity written off, or its value. */
export type WasteMetric = 'writtenOff' | 'value';

export function metricOf(row: Pick<WasteRow, 'writtenOff' | 'value'>, metric: WasteMetric): number {
  return metric === 'value' ? Number(row.value) : row.writtenOff;
}

/** The chart series label, with the unit when the report has a single one. */
export function metricLabel(report: WasteReport, metric: WasteMetric): string {
  if (metric === 'value') return 'Value';
  return report.units.length === 1 ? `Written off (${report.units[0]})` : 'Written off';
}

export function metricFormatter(metric: WasteMetric): (value: number) => string {
  return metric === 'value' ? formatMoney : (v) => formatQuantity(v);
}
