import { daysBetween, type CalendarDate } from './dates.js';
import type { HoldState } from './lot-status.js';
import { formatMicro, type Micro } from './quantity.js';

/** A lot that could be picked, with what is free of it at the picking location. */
export interface Candidate {
  lotId: number;
  lot: string;
  expiryDate: CalendarDate | null;
  /** Receipt or production order, for FIFO and as a stable tie-break. */
  sequence: number;
  available: Micro;
  holdState: HoldState;
}

export interface ShelfLifePolicy {
  /** The day the goods leave; remaining shelf life is counted from here. */
  shipDate: CalendarDate;
  minShelfLifeDays: number;
}

export interface Pick {
  lotId: number;
  lot: string;
  expiryDate: CalendarDate | null;
  quantity: Micro;
}

export interface Skip {
  lot: string;
  reason: string;
}

export interface Allocation {
  picks: Pick[];
  skipped: Skip[];
  /** What could not be allocated; 0 when the request is fully covered. */
  shortfall: Micro;
}

/**
 * Why stock of a lot may not be shipped or consumed on `policy.shipDate` (held, recalled, expired,
 * or too little shelf life left for the customer), or undefined when it may. A lot is usable
 * through its expiry date.
 */
export function unusableReason(
  lot: { holdState: HoldState; expiryDate: CalendarDate | null },
  policy: ShelfLifePolicy,
): string | undefined {
  if (lot.holdState === 'hold') return 'on hold';
  if (lot.holdState === 'recalled') return 'recalled';
  if (lot.expiryDate === null) return undefined;
  const left = daysBetween(policy.shipDate, lot.expiryDate);
  if (left < 0) return `expired on ${lot.expiryDate}`;
  if (left < policy.minShelfLifeDays) {
    return `${left} days left, customer requires ${policy.minShelfLifeDays}`;
  }
  return undefined;
}

/**
 * First-expiry-first-out order: earliest expiry first, lots without an expiry date last; on equal
 * expiry the larger lot first (fewer lots to pick), then the older lot, then the code.
 */
export function fefoOrder(a: Candidate, b: Candidate): number {
  if (a.expiryDate !== b.expiryDate) {
    if (a.expiryDate === null) return 1;
    if (b.expiryDate === null) return -1;
    return a.expiryDate < b.expiryDate ? -1 : 1;
  }
  if (a.available !== b.available) return b.available - a.available;
  if (a.sequence !== b.sequence) return a.sequence - b.sequence;
  return a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0;
}

/** Allocates `quantity` over the candidates first-expiry-first-out within the shelf-life policy. */
export function allocateFefo(candidates: readonly Candidate[], quantity: Micro, policy: ShelfLifePolicy): Allocation {
  const picks: Pick[] = [];
  const skipped: Skip[] = [];
  let remaining = quantity;
  for (const c of [...candidates].sort(fefoOrder)) {
    if (remaining === 0) break;
    if (c.available <= 0) continue;
    const reason = unusableReason(c, policy);
    if (reason) {
      skipped.push({ lot: c.lot, reason });
      continue;
    }
    const take = Math.min(c.available, remaining);
    picks.push({ lotId: c.lotId, lot: c.lot, expiryDate: c.expiryDate, quantity: take });
    remaining -= take;
  }
  return { picks, skipped, shortfall: remaining };
}

/** One sentence for a failed allocation, naming what was missing and why lots were passed over. */
export function describeShortfall(sku: string, requested: Micro, allocation: Allocation): string {
  const eligible = requested - allocation.shortfall;
  const why = allocation.skipped.map((s) => `${s.lot}: ${s.reason}`).join('; ');
  return `only ${formatMicro(eligible)} of ${formatMicro(requested)} ${sku} eligible${why ? ` (skipped ${why})` : ''}`;
}
