import { lotStatus, type LotStatus } from '../domain/lot-status.js';
import { fromMicro } from '../domain/quantity.js';
import { listStock as listStockRows, type StockFilter } from '../store/balances.repository.js';
import type { App } from './context.js';
import { decodeCursor, pageLimit, paginate, type Page, type PageRequest } from './paging.js';

export interface StockView {
  sku: string;
  lot: string;
  location: string;
  quantity: number;
  /** Of `quantity`, what open orders have reserved; `free` is the rest. */
  reserved: number;
  free: number;
  expiryDate: string | null;
  status: LotStatus;
}

const isStockKey = (k: unknown): k is [string, string, string] =>
  Array.isArray(k) && k.length === 3 && k.every((p) => typeof p === 'string');

/** Non-zero stock per (lot, location), from the balance projection, ordered by sku, lot, location. */
export async function listStock(app: App, filter: StockFilter, page: PageRequest): Promise<Page<StockView>> {
  const limit = pageLimit(page.limit);
  const after = decodeCursor(page.cursor, isStockKey);
  const today = app.today();
  return paginate(
    limit,
    (n) => listStockRows(app.store.db, filter, { after, limit: n }),
    (r) => ({
      sku: r.sku,
      lot: r.code,
      location: r.location,
      quantity: fromMicro(r.quantity),
      reserved: fromMicro(r.reserved),
      free: fromMicro(r.quantity - r.reserved),
      expiryDate: r.expiry_date,
      status: lotStatus({ holdState: r.hold_state, expiryDate: r.expiry_date }, r.quantity, today),
    }),
    (r) => [r.sku, r.code, r.location],
  );
}
