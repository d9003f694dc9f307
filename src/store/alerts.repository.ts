import type { Insertable, Selectable } from 'kysely';
import type { AlertsTable } from './schema.js';
import { chunks, type Tx } from './transaction.js';

export type AlertRow = Selectable<AlertsTable>;
export type AlertWithLot = AlertRow & { sku: string; code: string; item_name: string; uom: string };

/** Items' own expiry thresholds, by sku (all items with their own, when `skus` is omitted). */
export async function itemThresholds(db: Tx, skus?: readonly string[]): Promise<Map<string, number[]>> {
  if (skus !== undefined && skus.length === 0) return new Map();
  let q = db.selectFrom('item_alert_thresholds').select(['sku', 'expiring_days']);
  if (skus !== undefined) q = q.where('sku', 'in', [...new Set(skus)]);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.sku, JSON.parse(r.expiring_days) as number[]]));
}

export async function saveItemThresholds(db: Tx, sku: string, days: readonly number[], at: string): Promise<void> {
  const expiring_days = JSON.stringify(days);
  await db
    .insertInto('item_alert_thresholds')
    .values({ sku, expiring_days, updated_at: at })
    .onConflict((oc) => oc.column('sku').doUpdateSet({ expiring_days, updated_at: at }))
    .execute();
}

export async function deleteItemThresholds(db: Tx, sku: string): Promise<void> {
  await db.deleteFrom('item_alert_thresholds').where('sku', '=', sku).execute();
}

export interface AlertCandidateRow {
  lot_id: number;
  sku: string;
  code: string;
  expiry_date: string | null;
  sell_by_date: string | null;
  hold_state: 'available' | 'hold' | 'recalled';
  item_name: string;
  uom: string;
  on_hand: number;
}

/**
 * Lots with stock whose expiry date is on or before `horizon` or whose sell-by date has come:
 * every lot that might deserve an alert, in one statement over the two date indexes.
 */
export async function alertCandidates(db: Tx, today: string, horizon: string): Promise<AlertCandidateRow[]> {
  const rows = await db
    .selectFrom('lots')
    .innerJoin('balances', 'balances.lot_id', 'lots.id')
    .innerJoin('items', 'items.sku', 'lots.sku')
    .select(['lots.id as lot_id', 'lots.sku', 'lots.code', 'lots.expiry_date', 'lots.sell_by_date', 'lots.hold_state', 'items.name as item_name', 'items.uom'])
    .select((eb) => eb.fn.sum<number>('balances.quantity').as('on_hand'))
    .where((eb) => eb.or([eb('lots.expiry_date', '<=', horizon), eb('lots.sell_by_date', '<=', today)]))
    .groupBy(['lots.id', 'lots.sku', 'lots.code', 'lots.expiry_date', 'lots.sell_by_date', 'lots.hold_state', 'items.name', 'items.uom'])
    .having((eb) => eb.fn.sum('balances.quantity'), '>', 0)
    .orderBy('lots.sku')
    .orderBy('lots.code')
    .execute();
  return rows.map((r) => ({ ...r, lot_id: Number(r.lot_id), on_hand: Number(r.on_hand) }));
}

/**
 * Inserts alerts that do not exist yet and returns only those: a (lot, kind, threshold) already
 * raised, by an earlier run or by another process right now, is skipped by the unique index.
 */
export async function insertNewAlerts(db: Tx, rows: readonly Insertable<AlertsTable>[]): Promise<AlertRow[]> {
  const inserted: AlertRow[] = [];
  for (const part of chunks(rows, 200)) {
    const out = await db
      .insertInto('alerts')
      .values(part)
      .onConflict((oc) => oc.columns(['lot_id', 'kind', 'threshold']).doNothing())
      .returningAll()
      .execute();
    inserted.push(...out);
  }
  return inserted.map(normalise);
}

function withLot(db: Tx) {
  return db
    .selectFrom('alerts')
    .innerJoin('lots', 'lots.id', 'alerts.lot_id')
    .innerJoin('items', 'items.sku', 'lots.sku')
    .selectAll('alerts')
    .select(['lots.sku', 'lots.code', 'items.name as item_name', 'items.uom']);
}

export interface AlertFilter {
  status?: 'open' | 'acknowledged';
  kind?: string;
  sku?: string;
}

/** Alerts newest first (ids are time-ordered), keyset-paged on the id. */
export async function listAlerts(db: Tx, filter: AlertFilter, page: { before?: string; limit: number }): Promise<AlertWithLot[]> {
  let q = withLot(db).orderBy('alerts.id', 'desc').limit(page.limit);
  if (filter.status !== undefined) q = q.where('alerts.status', '=', filter.status);
  if (filter.kind !== undefined) q = q.where('alerts.kind', '=', filter.kind);
  if (filter.sku !== undefined) q = q.where('lots.sku', '=', filter.sku);
  if (page.before !== undefined) q = q.where('alerts.id', '<', page.before);
  return (await q.execute()).map(normalise);
}

export async function findAlertsWithLots(db: Tx, ids: readonly string[]): Promise<AlertWithLot[]> {
  if (ids.length === 0) return [];
  const rows = await withLot(db).where('alerts.id', 'in', [...new Set(ids)]).execute();
  return rows.map(normalise);
}

/** Marks an open alert acknowledged; an acknowledged one keeps its first acknowledgement. */
export async function acknowledgeAlertRow(db: Tx, id: string, at: string, note: string | null): Promise<void> {
  await db.updateTable('alerts').set({ status: 'acknowledged', acknowledged_at: at, note }).where('id', '=', id).where('status', '=', 'open').execute();
}

function normalise<T extends AlertRow>(r: T): T {
  return { ...r, lot_id: Number(r.lot_id), quantity: Number(r.quantity), threshold: Number(r.threshold), days_left: Number(r.days_left) };
}
