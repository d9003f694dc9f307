import type { CalendarDate } from './dates.js';
import type { Micro } from './quantity.js';

/** What QA decided about a lot; kept on the lot as a projection of hold/release/recall events. */
export type HoldState = 'available' | 'hold' | 'recalled';

/** The status clients see: the hold state, refined by the calendar and by the stock left. */
export type LotStatus = 'available' | 'hold' | 'recalled' | 'expired' | 'depleted';

export const LOT_STATUSES: readonly LotStatus[] = ['available', 'hold', 'recalled', 'expired', 'depleted'];

/**
 * Derives a lot's status. A QA decision wins over everything; a lot with nothing left is
 * `depleted` rather than `expired` because "expired" is meant to flag stock that must be dealt with.
 * A lot is usable through its expiry date and expired from the day after.
 */
export function lotStatus(
  lot: { holdState: HoldState; expiryDate: CalendarDate | null },
  onHand: Micro,
  today: CalendarDate,
): LotStatus {
  if (lot.holdState !== 'available') return lot.holdState;
  if (onHand === 0) return 'depleted';
  if (isExpired(lot.expiryDate, today)) return 'expired';
  return 'available';
}

export function isExpired(expiryDate: CalendarDate | null, today: CalendarDate): boolean {
  return expiryDate !== null && expiryDate < today;
}
