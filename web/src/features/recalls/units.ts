import { formatTotals, totalsByUom } from '../../ui/totals';
import type { LotRef } from './api';

/** A customer's shipped (or returned) units of several lots, per unit of measure. */
export function formatLotLines(lines: readonly (LotRef & { shipped: number; returned: number })[], field: 'shipped' | 'returned', uomOf: (ref: LotRef) => string): string {
  return formatTotals(totalsByUom(lines.map((l) => ({ quantity: l[field], uom: uomOf(l) }))));
}
