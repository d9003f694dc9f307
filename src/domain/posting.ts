import { InsufficientStock, type ErrorDetail } from './errors.js';
import { addMicro, formatMicro, type Micro } from './quantity.js';

/** One signed change of stock of a lot at a location. */
export interface Posting {
  lotId: number;
  location: string;
  quantity: Micro;
  /** Where the line came from in the request, for error messages (e.g. `lines.2.quantity`). */
  path: string;
  /** Human label of the lot, e.g. `JAM-500/L2026-01`. */
  label: string;
}

export const balanceKey = (lotId: number, location: string): string => `${lotId}\u0000${location}`;

/** What orders hold of one (lot, location): the total and who holds it (order numbers). */
export interface Reserved {
  quantity: Micro;
  holders: readonly string[];
}

/**
 * Applies postings to the current balances and returns the new balance of every touched
 * (lot, location). Stock never goes negative, and stock that orders have reserved is not taken by
 * anything else (reservations are pending transfers: a balance may only fall to what they hold).
 * Every shortfall is reported at once, and nothing is applied unless all lines fit.
 */
export function applyPostings(
  current: ReadonlyMap<string, Micro>,
  postings: readonly Posting[],
  reserved: ReadonlyMap<string, Reserved> = new Map(),
): Map<string, Micro> {
  const next = new Map<string, Micro>();
  for (const p of postings) {
    const key = balanceKey(p.lotId, p.location);
    next.set(key, addMicro(next.get(key) ?? current.get(key) ?? 0, p.quantity));
  }
  const problems: ErrorDetail[] = [];
  const reported = new Set<string>();
  for (const p of postings) {
    const key = balanceKey(p.lotId, p.location);
    const after = next.get(key) ?? 0;
    if (reported.has(key)) continue;
    const before = current.get(key) ?? 0;
    if (after < 0) {
      reported.add(key);
      problems.push({
        path: p.path,
        message: `not enough stock of ${p.label} at ${p.location}: ${formatMicro(before)} on hand, ${formatMicro(before - after)} needed`,
      });
      continue;
    }
    const held = reserved.get(key);
    // Only a fall is refused: stock coming in never conflicts with what is promised.
    if (held && after < before && after < held.quantity) {
      reported.add(key);
      problems.push({
        path: p.path,
        message: `${formatMicro(held.quantity)} of ${p.label} at ${p.location} is reserved for ${held.holders.join(', ')}: ${formatMicro(Math.max(0, before - held.quantity))} free, ${formatMicro(before - after)} needed`,
      });
    }
  }
  if (problems.length > 0) {
    throw new InsufficientStock(problems.map((d) => d.message).join('; '), problems);
  }
  return next;
}
