import { Conflict } from '../domain/errors.js';
import { lotStatus, type LotStatus } from '../domain/lot-status.js';
import { fromMicro } from '../domain/quantity.js';
import { findItems, findLocations, findParties } from '../store/master-data.repository.js';
import { linesOf } from '../store/orders.repository.js';
import { reservationsOf } from '../store/reservations.repository.js';
import { inReadTransaction } from '../store/transaction.js';
import type { App } from './context.js';
import { pickListPdf } from './reports/pick-list.pdf.js';
import { inPickingOrder, reservedBySku } from './reservations.js';
import { requireSalesOrder } from './sales-orders.js';

export interface PickList {
  order: {
    id: string;
    number: string;
    customer: { code: string; name: string };
    location: { code: string; name: string };
    shipBy: string | null;
    status: string;
  };
  generatedAt: string;
  /** Whether every line is reserved in full (only then can the order ship). */
  complete: boolean;
  /** Per order line, the lots to pick in the item's picking order (FEFO, or FIFO). */
  lines: {
    sku: string;
    name: string;
    uom: string;
    ordered: number;
    allocated: number;
    picks: { lot: string; location: string; quantity: number; expiryDate: string | null; sellByDate: string | null; status: LotStatus }[];
  }[];
}

export const PICK_LIST_FORMATS = ['json', 'pdf'] as const;
export type PickListFormat = (typeof PICK_LIST_FORMATS)[number];

/** What a warehouse picker needs for a sales order: which lot, where, how much, in picking order. */
export async function salesOrderPickList(app: App, id: string): Promise<PickList> {
  return inReadTransaction(app.store, async (trx) => {
    const order = await requireSalesOrder(trx, id);
    if (order.status === 'shipped' || order.status === 'cancelled') {
      throw new Conflict(`sales order ${order.number} is ${order.status}; there is nothing left to pick`);
    }
    const lines = await linesOf(trx, 'sales_order_lines', [id]);
    const [reservations, items, [customer], [location]] = await Promise.all([
      reservationsOf(trx, [id]),
      findItems(
        trx,
        lines.map((l) => l.sku),
      ),
      findParties(trx, [order.customer]),
      findLocations(trx, [order.location]),
    ]);
    const itemBySku = new Map(items.map((i) => [i.sku, i]));
    const reserved = reservedBySku(reservations);
    const ordered = inPickingOrder(
      reservations,
      lines.map((l) => l.sku),
    );
    const today = app.today();
    return {
      order: {
        id: order.id,
        number: order.number,
        customer: { code: order.customer, name: customer?.name ?? order.customer },
        location: { code: order.location, name: location?.name ?? order.location },
        shipBy: order.ship_by,
        status: order.status,
      },
      generatedAt: app.clock.now().toISOString(),
      complete: lines.every((l) => (reserved.get(l.sku) ?? 0) >= l.quantity),
      lines: lines.map((l) => ({
        sku: l.sku,
        name: itemBySku.get(l.sku)?.name ?? l.sku,
        uom: itemBySku.get(l.sku)?.uom ?? '',
        ordered: fromMicro(l.quantity),
        allocated: fromMicro(reserved.get(l.sku) ?? 0),
        picks: ordered
          .filter((r) => r.sku === l.sku)
          .map((r) => ({
            lot: r.code,
            location: r.location,
            quantity: fromMicro(r.quantity),
            expiryDate: r.expiry_date,
            sellByDate: r.sell_by_date,
            status: lotStatus({ holdState: r.hold_state, expiryDate: r.expiry_date }, r.quantity, today),
          })),
      })),
    };
  });
}

/** The pick list as a file: JSON, or a printable A4 PDF. */
export async function pickListFile(app: App, id: string, format: PickListFormat): Promise<{ contentType: string; filename: string; body: string | Buffer }> {
  const list = await salesOrderPickList(app, id);
  const name = `pick-list-${list.order.number.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  if (format === 'pdf') return { contentType: 'application/pdf', filename: `${name}.pdf`, body: await pickListPdf(list) };
  return { contentType: 'application/json; charset=utf-8', filename: `${name}.json`, body: JSON.stringify(list) };
}
