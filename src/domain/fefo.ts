import { daysBetween, type CalendarDate } from './dates.js';
import type { HoldState } from './lot-status.js';
import { formatMicro, type Micro } from './quantity.js';

/** A lot that could be picked, with what is free of it at the picking location. */
export interface Candidate extends ShelfLifeFacts {
  lotId: number;
  lot: string;
  /** Receipt or production order, for FIFO and as a stable tie-break. */
  sequence: number;
  /** Free stock: on hand minus what orders have reserved. */
  available: Micro;
  /** When the lot came in (its receipt or production), ISO 8601; FIFO picks the oldest first. */
  firstIn?: string;
  /** Orders holding reservations on this lot here, named when they leave nothing free. */
  reservedFor?: readonly string[];
}

/** What the shelf-life rules need to know about a lot. */
export interface ShelfLifeFacts {
  holdState: HoldState;
  expiryDate: CalendarDate | null;
  productionDate?: CalendarDate | null;
  /** The item's shelf life: the total to measure a percentage against when the lot has no production date. */
  shelfLifeDays?: number | null;
}

export interface ShelfLifePolicy {
  /** The day the goods leave; remaining shelf life is counted from here. */
  shipDate: CalendarDate;
  minShelfLifeDays: number;
  /** Share of the lot's total shelf life (expiry − production date) that must be left, 0–100. */
  minShelfLifePercent?: number | null;
}

/** How an item's lots are picked: first-expiry-first-out, or first-in-first-out for stock without a meaningful expiry. */
export type AllocationMethod = 'fefo' | 'fifo';
export const ALLOCATION_METHODS: readonly AllocationMethod[] = ['fefo', 'fifo'];

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
export function unusableReason(lot: ShelfLifeFacts, policy: ShelfLifePolicy): string | undefined {
  if (lot.holdState === 'hold') return 'on hold';
  if (lot.holdState === 'recalled') return 'recalled';
  if (lot.expiryDate === null) return undefined;
  const left = daysBetween(policy.shipDate, lot.expiryDate);
  if (left < 0) return `expired on ${lot.expiryDate}`;
  if (left < policy.minShelfLifeDays) {
    return `${left} days left, customer requires ${policy.minShelfLifeDays}`;
  }
  const percent = policy.minShelfLifePercent ?? 0;
  const total = totalShelfLifeDays(lot);
  // Integer cross-multiplication: a lot exactly at the limit passes, with no rounding in between.
  if (percent > 0 && total !== null && left * 100 < percent * total) {
    return `${Math.floor((left * 100) / total)}% shelf life left, customer requires ${percent}%`;
  }
  return undefined;
}

/**
 * The lot's whole shelf life in days: expiry − production date, or the item's shelf life when the
 * production date is unknown; null when neither is known (a percentage rule then cannot apply).
 */
export function totalShelfLifeDays(lot: ShelfLifeFacts): number | null {
  if (lot.expiryDate === null) return null;
  const total = lot.productionDate ? daysBetween(lot.productionDate, lot.expiryDate) : (lot.shelfLifeDays ?? null);
  // A lot made and expiring on the same day has no shelf life to take a share of.
  return total !== null && total > 0 ? total : null;
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

/**
 * First-in-first-out order: the lot that came in first (its receipt or production time), then
 * the older lot by sequence, the larger one, and the code.
 */
export function fifoOrder(a: Candidate, b: Candidate): number {
  const ta = a.firstIn ?? '';
  const tb = b.firstIn ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.sequence !== b.sequence) return a.sequence - b.sequence;
  if (a.available !== b.available) return b.available - a.available;
  return a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0;
}

/** The picking order of an allocation method. */
export function pickingOrder(method: AllocationMethod): (a: Candidate, b: Candidate) => number {
  return method === 'fifo' ? fifoOrder : fefoOrder;
}

/** Allocates `quantity` over the candidates first-expiry-first-out within the shelf-life policy. */
export function allocateFefo(candidates: readonly Candidate[], quantity: Micro, policy: ShelfLifePolicy): Allocation {
  return allocate(candidates, quantity, policy, 'fefo');
}

/**
 * Allocates `quantity` over the candidates in the item's picking order (FEFO or FIFO), never
 * taking held, recalled or expired lots nor lots outside the customer's shelf-life policy; every
 * lot passed over is named with the reason, including lots whose stock is all reserved by orders.
 */
export function allocate(candidates: readonly Candidate[], quantity: Micro, policy: ShelfLifePolicy, method: AllocationMethod): Allocation {
  const picks: Pick[] = [];
  const skipped: Skip[] = [];
  let remaining = quantity;
  for (const c of [...candidates].sort(pickingOrder(method))) {
    if (remaining === 0) break;
    if (c.available <= 0) {
      if (c.reservedFor && c.reservedFor.length > 0) skipped.push({ lot: c.lot, reason: `reserved for ${c.reservedFor.join(', ')}` });
      continue;
    }
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

/**
 * Where first-expiry-first-out picking of `demand` can stop reading an item's stock: the first
 * expiry date by which the lots that expire on or after `expiringFrom` add up to the demand, over
 * `head`, the item's first dated lots (expiry date and quantity) in expiry order; null when they
 * fall short (then all of its stock must be read). Lots expiring sooner count for nothing (they
 * are passed over) and every lot of the date found is read with it, since the picking order
 * breaks ties on a date by quantity.
 */
export function expiryCut(head: readonly (readonly [expiryDate: CalendarDate, quantity: Micro])[], demand: Micro, expiringFrom: CalendarDate): CalendarDate | null {
  let running = 0;
  for (const [expiryDate, quantity] of head) {
    if (expiryDate >= expiringFrom) running += quantity;
    if (running >= demand) return expiryDate;
  }
  return null;
}

/** One sentence for a failed allocation, naming what was missing and why lots were passed over. */
export function describeShortfall(sku: string, requested: Micro, allocation: Allocation): string {
  const eligible = requested - allocation.shortfall;
  const why = allocation.skipped.map((s) => `${s.lot}: ${s.reason}`).join('; ');
  return `only ${formatMicro(eligible)} of ${formatMicro(requested)} ${sku} eligible${why ? ` (skipped ${why})` : ''}`;
}
