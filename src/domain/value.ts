import type { Micro } from './quantity.js';

/**
 * Money values of stock: quantity (micro-units of the item) × unit cost (micro-units of the
 * currency). The product has twelve decimals, which neither a JSON number nor a 64-bit integer
 * column holds for real quantities, so it is a bigint at 10⁻¹² and travels as decimal text.
 */
export type Value = bigint;

const VALUE_DECIMALS = 12;

/** The exact value of a quantity at a unit cost. */
export function valueOf(quantity: Micro, unitCost: Micro): Value {
  return BigInt(quantity) * BigInt(unitCost);
}

/** Exact decimal text of a value with trailing zeros dropped (`1250000000000n` → `"1.25"`). */
export function formatValue(value: Value): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(VALUE_DECIMALS + 1, '0');
  const integer = digits.slice(0, -VALUE_DECIMALS);
  const fraction = digits.slice(-VALUE_DECIMALS).replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** The value of a quantity as decimal text, or null when the item has no unit cost. */
export function valueText(quantity: Micro, unitCost: Micro | null): string | null {
  return unitCost === null ? null : formatValue(valueOf(quantity, unitCost));
}

/**
 * Share of the goods that left stock as waste: written off / (shipped + written off), rounded to
 * four decimals; null when nothing left at all (0/0 is no rate, not a perfect one).
 */
export function wasteRate(writtenOff: Micro, shipped: Micro): number | null {
  const total = writtenOff + shipped;
  if (total === 0) return null;
  return Math.round((writtenOff / total) * 10_000) / 10_000;
}
