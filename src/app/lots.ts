import { addDays } from '../domain/dates.js';
import { Invalid, NotFound } from '../domain/errors.js';
import type { Movement } from '../domain/ledger.js';
import { LOT_STATUSES, type LotStatus } from '../domain/lot-status.js';
import { fromMicro } from '../domain/quantity.js';
import { flowsOf, massBalance } from '../domain/trace.js';
import { lotBalances } from '../store/balances.repository.js';
import { findLots, listLots as listLotRows, lotTotals, type LotRow } from '../store/lots.repository.js';
import { reservationsOfLot } from '../store/reservations.repository.js';
import type { OrderKind } from '../store/schema.js';
import type { App } from './context.js';
import { nonNegativeInteger } from './inputs.js';
import { decodeCursor, isNumber, pageLimit, paginate, type Page, type PageRequest } from './paging.js';
import { massBalanceView, type MassBalanceView } from './trace.js';
import { lotSummary, type LotSummary } from './views.js';

export interface LotTotals {
  received: number;
  produced: number;
  consumed: number;
  shipped: number;
  returned: number;
  writtenOff: number;
  returnedToSupplier: number;
  adjusted: number;
  onHand: number;
}

export interface LotDetail extends LotSummary {
  /** Stock per location; `reserved` of it is promised to open orders, `free` is the rest. */
  onHand: { location: string; quantity: number; reserved: number; free: number }[];
  /** The open orders holding stock of this lot. */
  reservations: { order: { kind: OrderKind; id: string; number: string }; location: string; quantity: number }[];
  totals: LotTotals;
  /** in = out + on hand, exactly; `closes: false` flags a lot whose ledger and stock disagree. */
  massBalance: MassBalanceView;
}

function totalsOf(balance: MassBalanceView): LotTotals {
  const { received, produced, consumed, shipped, returned, writtenOff, returnedToSupplier, adjusted, onHand } = balance;
  return { received, produced, consumed, shipped, returned, writtenOff, returnedToSupplier, adjusted, onHand };
}

async function requireLot(app: App, sku: string, lot: string): Promise<LotRow> {
  const [row] = await findLots(app.store.db, [{ sku, code: lot }]);
  if (!row) throw new NotFound(`lot "${lot}" of item "${sku}" not found`);
  return { ...row, id: Number(row.id) };
}

/** A lot with its dates, status, stock per location and movement totals. */
export async function getLot(app: App, sku: string, lot: string): Promise<LotDetail> {
  const row = await requireLot(app, sku, lot);
  const [balances, sums, reservations] = await Promise.all([lotBalances(app.store.db, row.id), lotTotals(app.store.db, row.id), reservationsOfLot(app.store.db, row.id)]);
  const reservedAt = new Map<string, number>();
  for (const r of reservations) reservedAt.set(r.location, (reservedAt.get(r.location) ?? 0) + r.quantity);
  const onHand = balances.reduce((s, b) => s + b.quantity, 0);
  const balance = massBalanceView(massBalance(flowsOf(sums.map((s) => [s.movement as Movement, s.quantity])), onHand));
  return {
    ...lotSummary(row, onHand, app.today()),
    onHand: balances.map((b) => {
      const reserved = reservedAt.get(b.location) ?? 0;
      return { location: b.location, quantity: fromMicro(b.quantity), reserved: fromMicro(reserved), free: fromMicro(b.quantity - reserved) };
    }),
    reservations: reservations.map((r) => ({ order: { kind: r.order_kind, id: r.order_id, number: r.order_number }, location: r.location, quantity: fromMicro(r.quantity) })),
    totals: totalsOf(balance),
    massBalance: balance,
  };
}

export interface LotListFilter {
  sku?: string;
  status?: LotStatus;
  location?: string;
  expiringWithinDays?: number;
  /** Lot code or supplier lot containing this text, case-insensitively; blank means no search. */
  q?: string;
  /** Creation order (default) or newest first. */
  order?: 'asc' | 'desc';
}

export type LotListItem = LotSummary & { onHand: number };

/** Lots filtered by item, status, location with stock, expiry within N days, or code text; in creation order or newest first. */
export async function listLots(app: App, filter: LotListFilter, page: PageRequest): Promise<Page<LotListItem>> {
  if (filter.status !== undefined && !LOT_STATUSES.includes(filter.status)) {
    throw Invalid.at('status', `must be one of ${LOT_STATUSES.join(', ')}`);
  }
  const within = nonNegativeInteger(filter.expiringWithinDays, 'expiringWithinDays');
  const limit = pageLimit(page.limit);
  const afterId = decodeCursor(page.cursor, isNumber);
  const today = app.today();
  const search = filter.q?.trim() || undefined;
  return paginate(
    limit,
    (n) =>
      listLotRows(
        app.store.db,
        { sku: filter.sku, status: filter.status, location: filter.location, expiringBy: within === undefined ? undefined : addDays(today, within), search },
        today,
        { afterId, limit: n, descending: filter.order === 'desc' },
      ),
    (r) => ({ ...lotSummary(r, r.on_hand, today), onHand: fromMicro(r.on_hand) }),
    (r) => r.id,
  );
}
