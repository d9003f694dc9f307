import { codeProblem } from '../domain/codes.js';
import { isCalendarDate } from '../domain/dates.js';
import { Invalid } from '../domain/errors.js';
import { toMicro, type Micro } from '../domain/quantity.js';
import type { App } from './context.js';

/**
 * Checks shared by every use case, so the CLI and tests get the same 400s as HTTP clients even
 * without the HTTP schemas in front.
 */

export function requireCode(value: string, path: string): string {
  const problem = codeProblem(value);
  if (problem) throw Invalid.at(path, problem);
  return value;
}

export function requireDate(value: string | undefined, path: string): string | undefined {
  if (value !== undefined && !isCalendarDate(value)) throw Invalid.at(path, 'must be a calendar date YYYY-MM-DD');
  return value;
}

/** A strictly positive quantity in micro-units. */
export function positiveQuantity(value: number, path: string): Micro {
  const micro = toMicro(value, path);
  if (micro <= 0) throw Invalid.at(path, 'must be greater than 0');
  return micro;
}

export function nonNegativeInteger(value: number | undefined, path: string): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw Invalid.at(path, 'must be a whole number ≥ 0');
  return value;
}

const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

/**
 * The event time as UTC ISO text: the client's time (with offset) or now. Backdating is allowed
 * (goods are often booked after they move); more than a day ahead is a typo.
 */
export function eventTime(app: App, time: string | undefined): string {
  const now = app.clock.now();
  if (time === undefined) return now.toISOString();
  const parsed = Date.parse(time);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(time) || Number.isNaN(parsed)) {
    throw Invalid.at('time', 'must be an ISO 8601 date-time with offset, e.g. 2026-11-24T09:30:00+01:00');
  }
  if (parsed > now.getTime() + FUTURE_TOLERANCE_MS) throw Invalid.at('time', 'must not be more than a day in the future');
  return new Date(parsed).toISOString();
}
