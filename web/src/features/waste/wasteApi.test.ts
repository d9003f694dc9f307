import { describe, expect, it } from 'vitest';
import { compareLastMonths, monthLabel, reasonLabel, type WasteReport } from './wasteApi';

const figures = (writtenOff: number, value: string) => ({ writtenOff, value, valueComplete: true, shipped: 100, wasteRate: null });
const report = (rows: WasteReport['rows']): WasteReport => ({
  from: '2026-09',
  to: '2026-11',
  groupBy: 'month',
  timeZone: 'UTC',
  location: null,
  sku: null,
  units: ['ea'],
  mixedUnits: false,
  note: null,
  rows,
  totals: figures(0, '0'),
});

describe('month over month', () => {
  it('compares the last month of the report with the one before', () => {
    const comparison = compareLastMonths(
      report([
        { period: '2026-09', ...figures(5, '8') },
        { period: '2026-10', ...figures(40, '64') },
        { period: '2026-11', ...figures(10, '16') },
      ]),
    )!;
    expect(comparison.current.period).toBe('2026-11');
    expect(comparison.previous.period).toBe('2026-10');
    expect(comparison.quantityChange).toBe(-0.75);
    expect(comparison.valueChange).toBe(-0.75);
  });

  it('has no change against a month without waste, and no comparison for one month', () => {
    expect(compareLastMonths(report([{ period: '2026-10', ...figures(0, '0') }, { period: '2026-11', ...figures(3, '4.5') }]))!.quantityChange).toBeNull();
    expect(compareLastMonths(report([{ period: '2026-11', ...figures(3, '4.5') }]))).toBeNull();
  });
});

describe('labels', () => {
  it('names calendar months without a time-zone shift, and reasons as words', () => {
    expect(monthLabel('2026-01')).toBe('Jan 2026');
    expect(reasonLabel('returned and scrapped')).toBe('Returned and scrapped');
    expect(reasonLabel('write_off')).toBe('Write off');
  });
});
