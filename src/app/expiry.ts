import { addDays, daysBetween } from '../domain/dates.js';
import { Invalid } from '../domain/errors.js';
import { lotStatus, type LotStatus } from '../domain/lot-status.js';
import { fromMicro } from '../domain/quantity.js';
import { valueText } from '../domain/value.js';
import { listExpiringStock, type DatedStockRow, type ExpiryBasis, type ExpiryKey } from '../store/expiry.repository.js';
import type { App } from './context.js';
import { nonNegativeInteger } from './inputs.js';
import { decodeCursor, pageLimit, paginate, type Page, type PageRequest } from './paging.js';

export const EXPIRY_BASES: readonly ExpiryBasis[] = ['expiry', 'sellBy'];
export const DEFAULT_WITHIN_DAYS = 30;
const MAX_WITHIN_DAYS = 100_000;

/** Stock of one lot at one location with its dates, as the expiry list and write-offs show it. */
export interface DatedStockView {
  sku: string;
  lot: string;
  itemName: string;
  uom: string;
  location: string;
  quantity: number;
  expiryDate: string | null;
  sellByDate: string | null;
  status: LotStatus;
  /** quantity × the item's unit cost, exact decimal text; null when the item has no unit cost. */
  value: string | null;
}

export interface ExpiryRow extends DatedStockView {
  /** Days from today to the expiry (or sell-by) date; negative once past. */
  daysLeft: number;
}

export function datedStockView(r: DatedStockRow, today: string): DatedStockView {
  return {
    sku: r.sku,
    lot: r.code,
    itemName: r.item_name,
    uom: r.uom,
    location: r.location,
    quantity: fromMicro(r.quantity),
    expiryDate: r.expiry_date,
    sellByDate: r.sell_by_date,
    status: lotStatus({ holdState: r.hold_state, expiryDate: r.expiry_date }, r.quantity, today),
    value: valueText(r.quantity, r.unit_cost),
  };
}

export interface ExpiryFilter {
  withinDays?: number;
  basis?: ExpiryBasis;
  location?: string;
  sku?: string;
}

const isExpiryKey = (k: unknown): k is ExpiryKey => Array.isArray(k) && k.length === 4 && k.every((p) => typeof p === 'string');

/**
 * Stock whose expiry (or sell-by) date falls within N days of today, already-past dates
 * included, per lot and location, soonest first, with its value at the item's unit cost.
 */
export async function listExpiry(app: App, filter: ExpiryFilter, page: PageRequest): Promise<Page<ExpiryRow>> {
  const basis = filter.basis ?? 'expiry';
  if (!EXPIRY_BASES.includes(basis)) throw Invalid.at('basis', `must be one of ${EXPIRY_BASES.join(', ')}`);
  const within = nonNegativeInteger(filter.withinDays, 'withinDays') ?? DEFAULT_WITHIN_DAYS;
  if (within > MAX_WITHIN_DAYS) throw Invalid.at('withinDays', `must be at most ${MAX_WITHIN_DAYS}`);
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor, isExpiryKey);
  const today = app.today();
  return paginate(
    limit,
    (n) => listExpiringStock(app.store.db, { basis, by: addDays(today, within), sku: filter.sku, location: filter.location }, { after, limit: n }),
    (r) => ({ ...datedStockView(r, today), daysLeft: daysBetween(today, r.due_date) }),
    (r) => [r.due_date, r.sku, r.code, r.location],
  );
}
