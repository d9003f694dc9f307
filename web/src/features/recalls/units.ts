import { formatQuantity } from '../../ui/format';
import type { LotRef } from './api';

/** A map key for a lot; the separator cannot occur in a SKU or lot code. */
export function lotKey({ sku, lot }: LotRef): string {
  return `${sku}\u0000${lot}`;
}

/** Kilograms and jars never add up: totals are kept per unit of measure. */
export function totalsByUom(lines: Iterable<{ quantity: number; uom: string }>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { quantity, uom } of lines) totals.set(uom, (totals.get(uom) ?? 0) + quantity);
  return totals;
}

/** "3,018 ea · 12.5 kg"; "0" when there is nothing. */
export function formatTotals(totals: Map<string, number>): string {
  if (totals.size === 0) return '0';
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([uom, quantity]) => formatQuantity(quantity, uom))
    .join(' · ');
}

/** The unit of measure of each lot in a trace, for lines that name only the lot. */
export function uomLookup(lots: readonly (LotRef & { uom: string })[]): (ref: LotRef) => string {
  const byLot = new Map(lots.map((l) => [lotKey(l), l.uom]));
  return (ref) => byLot.get(lotKey(ref)) ?? '';
}

/** A customer's shipped (or returned) units of several lots, per unit of measure. */
export function formatLotLines(lines: readonly (LotRef & { shipped: number; returned: number })[], field: 'shipped' | 'returned', uomOf: (ref: LotRef) => string): string {
  return formatTotals(totalsByUom(lines.map((l) => ({ quantity: l[field], uom: uomOf(l) }))));
}
