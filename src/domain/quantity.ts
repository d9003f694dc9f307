import { Invalid } from './errors.js';

/**
 * Quantities are integers at a fixed scale of 10⁻⁶ of the item's unit ("micro-units"), so sums
 * and mass balances are exact. JSON carries them as decimal numbers with at most 6 decimals.
 */
export type Micro = number;

export const DECIMALS = 6;
export const SCALE = 1_000_000;

/**
 * The largest quantity a JSON number can carry exactly: from 2³³ units on, doubles are spaced more
 * than one micro-unit apart, so a 6-decimal number may already have changed when it was parsed.
 */
const MAX_JSON_MICRO = 2n ** 33n * BigInt(SCALE) - 1n;

/** Decimal digits of a finite number as JavaScript prints it (the shortest round-trip form). */
function decimalParts(value: number): { negative: boolean; integer: string; fraction: string } {
  const [mantissa = '0', exponentText] = Math.abs(value).toString().toLowerCase().split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const [intPart = '0', fracPart = ''] = mantissa.split('.');
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  let integer: string;
  let fraction: string;
  if (point <= 0) {
    integer = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    integer = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    integer = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  return { negative: value < 0, integer, fraction: fraction.replace(/0+$/, '') };
}

/** Whether a JSON number can be a quantity: finite, at most 6 decimals, within the exact range. */
export function quantityProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number';
  const { integer, fraction } = decimalParts(value);
  if (fraction.length > DECIMALS) return `must have at most ${DECIMALS} decimal places`;
  if (BigInt(integer) * BigInt(SCALE) + BigInt(fraction.padEnd(DECIMALS, '0')) > MAX_JSON_MICRO) {
    return 'is too large';
  }
  return undefined;
}

/** Converts a JSON number to exact micro-units; throws Invalid naming `path` when it cannot. */
export function toMicro(value: number, path = 'quantity'): Micro {
  const problem = quantityProblem(value);
  if (problem) throw Invalid.at(path, problem);
  const { negative, integer, fraction } = decimalParts(value);
  const micro = Number(BigInt(integer) * BigInt(SCALE) + BigInt(fraction.padEnd(DECIMALS, '0')));
  return negative ? -micro : micro;
}

/** Converts micro-units back to the nearest JSON number (division of exact integers rounds correctly). */
export function fromMicro(micro: Micro): number {
  return micro / SCALE;
}

/** The exact decimal text of a quantity, for reports and CSV (`1234567` → `"1.234567"`). */
export function formatMicro(micro: Micro): string {
  const negative = micro < 0;
  const digits = Math.abs(micro).toString().padStart(DECIMALS + 1, '0');
  const integer = digits.slice(0, -DECIMALS);
  const fraction = digits.slice(-DECIMALS).replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** Adds micro-units, refusing to leave the range where integers are exact. */
export function addMicro(a: Micro, b: Micro): Micro {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new Invalid('quantity total is too large to be exact');
  return sum;
}
