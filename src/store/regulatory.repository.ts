import type { Tx } from './transaction.js';
import { chunks } from './transaction.js';

/** The event types that are FSMA 204 critical tracking events (receiving, transformation, shipping). */
export const CTE_EVENT_TYPES = ['receipt', 'production', 'shipment'] as const;

export interface CteFilter {
  /** ISO instants: time >= fromTime and time < toTime. */
  fromTime?: string;
  toTime?: string;
  /** Only events with a line of one of these lots. */
  lotIds?: readonly number[];
}

/**
 * Receipts, productions and shipments (neither reversed nor reversals) within the filter that have
 * a line of an item on the Food Traceability List, in ledger order.
 */
export async function cteEventIds(db: Tx, filter: CteFilter): Promise<string[]> {
  let q = db
    .selectFrom('events')
    .select(['events.id', 'events.seq'])
    .where('events.type', 'in', [...CTE_EVENT_TYPES])
    .where('events.reverses', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('events as r').select('r.id').whereRef('r.reverses', '=', 'events.id'))))
    .orderBy('events.seq');
  if (filter.fromTime !== undefined) q = q.where('events.time', '>=', filter.fromTime);
  if (filter.toTime !== undefined) q = q.where('events.time', '<', filter.toTime);
  const lotIds = filter.lotIds;
  q = q.where((eb) => {
    let lines = eb
      .selectFrom('event_lines')
      .innerJoin('lots', 'lots.id', 'event_lines.lot_id')
      .innerJoin('items', 'items.sku', 'lots.sku')
      .select('event_lines.event_id')
      .whereRef('event_lines.event_id', '=', 'events.id')
      .where('items.ftl', '=', 1);
    if (lotIds !== undefined) lines = lines.where('event_lines.lot_id', 'in', lotIds.length > 0 ? [...lotIds] : [-1]);
    return eb.exists(lines);
  });
  const rows = await q.execute();
  return rows.map((r) => r.id);
}

export interface CteLineRow {
  event_id: string;
  line_no: number;
  movement: string;
  quantity: number;
  location: string;
  lot_id: number;
  lot: string;
  sku: string;
  origin: 'receipt' | 'production';
  supplier: string | null;
  supplier_lot: string | null;
  created_event_id: string;
  name: string;
  gtin: string | null;
  uom: string;
  ftl: number;
  ndc: string | null;
  strength: string | null;
  dosage_form: string | null;
  container_size: string | null;
}

/** Every line of the given events with its lot and item, in event and line order. */
export async function cteLines(db: Tx, eventIds: readonly string[]): Promise<CteLineRow[]> {
  const out: CteLineRow[] = [];
  for (const part of chunks([...new Set(eventIds)], 500)) {
    const rows = await db
      .selectFrom('event_lines')
      .innerJoin('lots', 'lots.id', 'event_lines.lot_id')
      .innerJoin('items', 'items.sku', 'lots.sku')
      .select([
        'event_lines.event_id',
        'event_lines.line_no',
        'event_lines.movement',
        'event_lines.quantity',
        'event_lines.location',
        'event_lines.lot_id',
        'lots.code as lot',
        'lots.sku',
        'lots.origin',
        'lots.supplier',
        'lots.supplier_lot',
        'lots.created_event_id',
        'items.name',
        'items.gtin',
        'items.uom',
        'items.ftl',
        'items.ndc',
        'items.strength',
        'items.dosage_form',
        'items.container_size',
      ])
      .where('event_lines.event_id', 'in', part)
      .orderBy('event_lines.event_id')
      .orderBy('event_lines.line_no')
      .execute();
    out.push(...rows.map((r) => ({ ...r, line_no: Number(r.line_no), quantity: Number(r.quantity), lot_id: Number(r.lot_id), ftl: Number(r.ftl) })));
  }
  return out;
}

/** Lots with a code, of one item or of any. */
export async function lotsByCode(db: Tx, code: string, sku: string | undefined) {
  let q = db.selectFrom('lots').selectAll().where('code', '=', code);
  if (sku !== undefined) q = q.where('sku', '=', sku);
  const rows = await q.orderBy('sku').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
