import { expect } from 'vitest';
import type { Api, ApiResponse } from './test-app.js';

/**
 * Shared seed data and assertions for the API tests. The world is small on purpose: three items
 * (one with a shelf life and sell-by window, one perishable raw material, one without expiry),
 * suppliers, customers with different shelf-life policies, and two warehouses.
 */

/** The TestClock's default "now" and its calendar day. */
export const NOW = '2026-06-15T10:00:00Z';
export const TODAY = '2026-06-15';

export const ITEMS = {
  jam: { sku: 'JAM-500', name: 'Strawberry jam 500 g', gtin: '4006381333931', shelfLifeDays: 365, sellByDays: 30, unitCost: 1.25 },
  strawberry: { sku: 'STRAW', name: 'Strawberries', uom: 'kg', shelfLifeDays: 10 },
  sugar: { sku: 'SUGAR', name: 'Cane sugar', uom: 'kg' },
} as const;

export const PARTIES = {
  farm: { code: 'FARM', name: 'Berry Farm', roles: ['supplier'] },
  mill: { code: 'MILL', name: 'Sugar Mill', roles: ['supplier'] },
  /** Supplier and customer at once (a trading partner). */
  trader: { code: 'TRADER', name: 'Fruit Trader', roles: ['supplier', 'customer'], minShelfLifeDays: 0 },
  shop: { code: 'SHOP', name: 'Corner Shop', roles: ['customer'], email: 'orders@shop.example' },
  deli: { code: 'DELI', name: 'Deli (30 days)', roles: ['customer'], minShelfLifeDays: 30 },
  grocer: { code: 'GROCER', name: 'Grocer (60 days)', roles: ['customer'], minShelfLifeDays: 60 },
  export: { code: 'EXPORT', name: 'Exporter (180 days)', roles: ['customer'], minShelfLifeDays: 180 },
} as const;

export const LOCATIONS = {
  main: { code: 'WH1', name: 'Main warehouse', gln: '0614141000012' },
  store: { code: 'WH2', name: 'Overflow store' },
} as const;

export const JAM = ITEMS.jam.sku;
export const STRAW = ITEMS.strawberry.sku;
export const SUGAR = ITEMS.sugar.sku;
export const WH1 = LOCATIONS.main.code;
export const WH2 = LOCATIONS.store.code;

/** Asserts the status, showing the body when it differs (the most useful thing when a test fails). */
export function expectStatus<T>(res: ApiResponse<T>, status: number): T {
  expect(res.status, `HTTP ${res.status}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

/** Asserts an error response of the contract's shape; `path`, when given, must be among details. */
export function expectError(res: ApiResponse, status: 400 | 404 | 409, code: string, path?: string): { code: string; message: string; details?: { path: string; message: string }[] } {
  expect(res.status, `HTTP ${res.status}: ${JSON.stringify(res.body)}`).toBe(status);
  expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  if (path !== undefined) {
    expect((res.body.error.details ?? []).map((d: { path: string }) => d.path)).toContain(path);
  }
  return res.body.error;
}

export async function created<T = any>(res: Promise<ApiResponse<T>>): Promise<T> {
  return expectStatus(await res, 201);
}

export async function ok<T = any>(res: Promise<ApiResponse<T>>): Promise<T> {
  return expectStatus(await res, 200);
}

/** Creates the whole standard world (or only the named parts). */
export async function seedWorld(
  api: Api,
  parts: { items?: readonly object[]; parties?: readonly object[]; locations?: readonly object[] } = {},
): Promise<void> {
  for (const item of parts.items ?? Object.values(ITEMS)) await created(api.post('/items', item));
  for (const party of parts.parties ?? Object.values(PARTIES)) await created(api.post('/parties', party));
  for (const location of parts.locations ?? Object.values(LOCATIONS)) await created(api.post('/locations', location));
}

export interface LotLine {
  sku: string;
  lot: string;
  quantity: number;
}

export interface ReceiptLine extends LotLine {
  expiryDate?: string;
  productionDate?: string;
  supplierLot?: string;
}

/** Receives lines from a supplier (FARM into WH1 unless told otherwise) and returns the event. */
export async function receive(api: Api, lines: ReceiptLine[], options: { supplier?: string; location?: string; time?: string } = {}): Promise<any> {
  return created(api.post('/receipts', { supplier: options.supplier ?? PARTIES.farm.code, location: options.location ?? WH1, ...(options.time ? { time: options.time } : {}), lines }));
}

/** Ships lines (a line without `lot` is assigned FEFO) and returns the event. */
export async function ship(api: Api, customer: string, lines: { sku: string; quantity: number; lot?: string }[], location: string = WH1): Promise<any> {
  return created(api.post('/shipments', { customer, location, lines }));
}

export async function hold(api: Api, sku: string, lot: string, reason = 'QA inspection'): Promise<any> {
  return created(api.post(`/lots/${encodeURIComponent(sku)}/${encodeURIComponent(lot)}/hold`, { reason }));
}

export async function lot(api: Api, sku: string, code: string): Promise<any> {
  return ok(api.get(`/lots/${encodeURIComponent(sku)}/${encodeURIComponent(code)}`));
}

/** Every row of a paged list, following nextCursor; `path` may carry a query already. */
export async function allPages<T = any>(api: Api, path: string, limit?: number): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  const sep = path.includes('?') ? '&' : '?';
  for (let pages = 0; pages < 10_000; pages++) {
    const query = [limit === undefined ? '' : `limit=${limit}`, cursor === null ? '' : `cursor=${encodeURIComponent(cursor)}`].filter(Boolean).join('&');
    const page: { items: T[]; nextCursor: string | null } = await ok(api.get(query ? `${path}${sep}${query}` : path));
    rows.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) return rows;
  }
  throw new Error(`${path}: pagination never ended`);
}

export interface StockRow {
  sku: string;
  lot: string;
  location: string;
  quantity: number;
  expiryDate: string | null;
  status: string;
}

/** All of GET /stock (optionally filtered by a query string such as `sku=JAM-500`). */
export async function stock(api: Api, query = ''): Promise<StockRow[]> {
  return allPages<StockRow>(api, query ? `/stock?${query}` : '/stock');
}

/** What a rejected request must leave untouched: every stock row and every event. */
export async function ledgerSnapshot(api: Api): Promise<{ stock: StockRow[]; events: any[] }> {
  return { stock: await stock(api), events: await allPages(api, '/events') };
}

/** The test's own exact quantity arithmetic: micro-units as bigint, independent of the server. */
export const micro = (quantity: number): bigint => {
  const [int, frac = ''] = quantity.toFixed(6).split('.');
  const sign = int!.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(int!.replace('-', '')) * 1_000_000n + BigInt(frac.padEnd(6, '0')));
};
export const fromMicro = (m: bigint): number => Number(m) / 1_000_000;

/**
 * An independent stock tally per (sku, lot, location), kept by the test's own arithmetic, to be
 * compared with GET /stock. It never reads the server.
 */
export class Tally {
  private readonly balances = new Map<string, bigint>();

  private static key(sku: string, lot: string, location: string): string {
    return JSON.stringify([sku, lot, location]);
  }

  add(sku: string, lot: string, location: string, quantity: number): void {
    const key = Tally.key(sku, lot, location);
    const next = (this.balances.get(key) ?? 0n) + micro(quantity);
    if (next < 0n) throw new Error(`tally of ${key} would go negative; the test's own arithmetic is wrong`);
    if (next === 0n) this.balances.delete(key);
    else this.balances.set(key, next);
  }

  remove(sku: string, lot: string, location: string, quantity: number): void {
    this.add(sku, lot, location, -quantity);
  }

  get(sku: string, lot: string, location: string): number {
    return fromMicro(this.balances.get(Tally.key(sku, lot, location)) ?? 0n);
  }

  /** Rows sorted like GET /stock: sku, lot, location. */
  rows(): { sku: string; lot: string; location: string; quantity: number }[] {
    return [...this.balances]
      .map(([key, q]) => {
        const [sku, lot, location] = JSON.parse(key) as [string, string, string];
        return { sku, lot, location, quantity: fromMicro(q) };
      })
      .sort((a, b) => cmp(a.sku, b.sku) || cmp(a.lot, b.lot) || cmp(a.location, b.location));
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Asserts that GET /stock equals the tally exactly (no missing, extra or different rows). */
export async function expectStockEquals(api: Api, tally: Tally): Promise<void> {
  const server = (await stock(api)).map(({ sku, lot, location, quantity }) => ({ sku, lot, location, quantity }));
  const sorted = [...server].sort((a, b) => cmp(a.sku, b.sku) || cmp(a.lot, b.lot) || cmp(a.location, b.location));
  expect(sorted).toEqual(tally.rows());
}

/** Calendar arithmetic of the test's own, in UTC days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The lines of an event as plain (sku, lot, location, quantity) tuples. */
export function linesOf(event: { lines: { sku: string; lot: string; location: string; quantity: number }[] }): [string, string, string, number][] {
  return event.lines.map((l) => [l.sku, l.lot, l.location, l.quantity]);
}
