import { daysBetween, type CalendarDate } from './dates.js';
import { Invalid } from './errors.js';
import type { HoldState } from './lot-status.js';

/** What an alert warns about; the same names are the webhook event types. */
export const ALERT_KINDS = ['lot.expiring', 'lot.expired', 'lot.sell_by'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Warn 30 days and again 7 days before expiry unless configured otherwise. */
export const DEFAULT_EXPIRY_ALERT_DAYS: readonly number[] = [30, 7];
export const MAX_ALERT_DAYS = 3650;
export const MAX_ALERT_THRESHOLDS = 10;

/** Whether a threshold list is usable: whole days from 0 to 3650, at most 10 of them. */
export function thresholdsProblem(days: readonly number[]): string | undefined {
  if (days.length > MAX_ALERT_THRESHOLDS) return `must have at most ${MAX_ALERT_THRESHOLDS} thresholds`;
  if (days.some((d) => !Number.isInteger(d) || d < 0 || d > MAX_ALERT_DAYS)) return `must be whole numbers of days from 0 to ${MAX_ALERT_DAYS}`;
  return undefined;
}

/** Validated thresholds, without duplicates, largest first (the order they are crossed in). */
export function normaliseThresholds(days: readonly number[], path = 'days'): number[] {
  const problem = thresholdsProblem(days);
  if (problem) throw Invalid.at(path, problem);
  return [...new Set(days)].sort((a, b) => b - a);
}

/** Parses a comma-separated list such as `30,7` (the form of LOTLINE_EXPIRY_ALERT_DAYS). */
export function parseThresholdList(text: string, path = 'days'): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (text.trim() === '') return [];
  if (parts.some((p) => !/^\d+$/.test(p))) throw Invalid.at(path, 'must be comma-separated whole numbers of days, e.g. 30,7');
  return normaliseThresholds(parts.map(Number), path);
}

export interface AlertSubject {
  expiryDate: CalendarDate | null;
  sellByDate: CalendarDate | null;
  holdState: HoldState;
}

export interface DueAlert {
  kind: AlertKind;
  /** Days before the date that the alert is for; 0 for `lot.expired` and `lot.sell_by`. */
  threshold: number;
  /** The expiry or sell-by date the alert is about. */
  date: CalendarDate;
  /** Days from today to that date (negative once past). */
  daysLeft: number;
}

/**
 * The alerts a lot with stock deserves today; each (kind, threshold) is raised at most once by
 * the caller, so these rules only say which apply now.
 * - `lot.expired` from the day after the expiry date (as `lotStatus`), whatever the hold state:
 *   held and recalled stock must still be destroyed. It replaces the other two.
 * - `lot.expiring` for the tightest threshold crossed: a lot first seen 3 days before expiry with
 *   thresholds [30, 7] raises the 7-day alert only, not a stale 30-day one as well; since days
 *   left only shrink, the larger threshold never comes due later.
 * - `lot.sell_by` from the sell-by date on.
 * Recalled lots get neither of the last two: they will not be sold anyway.
 */
export function dueAlerts(lot: AlertSubject, today: CalendarDate, thresholds: readonly number[]): DueAlert[] {
  if (lot.expiryDate !== null) {
    const daysLeft = daysBetween(today, lot.expiryDate);
    if (daysLeft < 0) return [{ kind: 'lot.expired', threshold: 0, date: lot.expiryDate, daysLeft }];
  }
  if (lot.holdState === 'recalled') return [];
  const due: DueAlert[] = [];
  if (lot.expiryDate !== null) {
    const daysLeft = daysBetween(today, lot.expiryDate);
    const crossed = thresholds.filter((t) => daysLeft <= t);
    if (crossed.length > 0) due.push({ kind: 'lot.expiring', threshold: Math.min(...crossed), date: lot.expiryDate, daysLeft });
  }
  if (lot.sellByDate !== null && lot.sellByDate <= today) {
    due.push({ kind: 'lot.sell_by', threshold: 0, date: lot.sellByDate, daysLeft: daysBetween(today, lot.sellByDate) });
  }
  return due;
}
