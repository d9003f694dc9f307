import { formatQuantity } from './format';
import { lotKey } from './lotKey';

/** Quantities that may be in different units, kept apart per unit: kilograms and jars never add up. */
export type Totals = Map<string, number>;

/** Quantities have at most 6 decimals: rounding keeps their sums free of float noise. */
export function plus(a: number, b: number): number {
  return Math.round((a + b) * 1e6) / 1e6;
}

export function addTo(totals: Totals, uom: string, quantity: number): void {
  totals.set(uom, plus(totals.get(uom) ?? 0, quantity));
}

export function totalsByUom(lines: Iterable<{ quantity: number; uom: string }>): Totals {
  const totals: Totals = new Map();
  for (const { quantity, uom } of lines) addTo(totals, uom, quantity);
  return totals;
}

/** "3,018 ea · 12.5 kg", units in alphabetical order; "0" when there is nothing. */
export function formatTotals(totals: Totals): string {
  if (totals.size === 0) return '0';
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([uom, quantity]) => formatQuantity(quantity, uom))
    .join(' · ');
}

/** The unit of measure of each lot of a trace or recall (every quantity of a lot is in its item's unit), for lines that name only the lot. */
export function uomLookup(lots: readonly { sku: string; lot: string; uom: string }[]): (ref: { sku: string; lot: string }) => string {
  const byLot = new Map(lots.map((l) => [lotKey(l), l.uom]));
  return (ref) => byLot.get(lotKey(ref)) ?? '';
}
