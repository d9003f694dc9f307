import { formatMoney, formatQuantity } from '../../ui/format';
import type { ExpiryRow } from './expiryApi';

/** Quantities per unit of measure (jars and kilograms are not added up) and the value where known. */
export function stockTotals(rows: ExpiryRow[]): { quantity: string; value: string | null; valueComplete: boolean } {
  const perUom = new Map<string, number>();
  // Micro-units keep the sums exact: quantities and values carry up to six decimals.
  for (const r of rows) perUom.set(r.uom, (perUom.get(r.uom) ?? 0) + Math.round(r.quantity * 1e6));
  const priced = rows.filter((r) => r.value !== null);
  const micro = priced.reduce((sum, r) => sum + Math.round(Number(r.value) * 1e6), 0);
  return {
    quantity: [...perUom].map(([uom, micro]) => formatQuantity(micro / 1e6, uom)).join(' + ') || '0',
    value: priced.length > 0 ? formatMoney(micro / 1e6) : null,
    valueComplete: priced.length === rows.length,
  };
}
