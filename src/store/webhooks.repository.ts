import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Dialect } from './db.js';
import type { WebhookDeliveriesTable, WebhooksTable } from './schema.js';
import { chunks, type Tx } from './transaction.js';

export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export async function insertWebhook(db: Tx, row: Insertable<WebhooksTable>): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

/** A webhook that has not been deleted. */
export async function findWebhook(db: Tx, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listWebhooks(db: Tx, page: { after?: string; limit: number }): Promise<WebhookRow[]> {
  let q = db.selectFrom('webhooks').selectAll().where('deleted_at', 'is', null).orderBy('id').limit(page.limit);
  if (page.after !== undefined) q = q.where('id', '>', page.after);
  return q.execute();
}

/** Every webhook that may receive deliveries (few: read whole, matched in the app). */
export async function activeWebhooks(db: Tx): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().where('deleted_at', 'is', null).orderBy('id').execute();
}

export async function findWebhooksByIds(db: Tx, ids: readonly string[]): Promise<WebhookRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('webhooks').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/**
 * Marks a webhook deleted and gives up its pending deliveries, which would go nowhere now. Run it
 * inside the caller's transaction so both updates (and the audit entry) land together.
 */
export async function deleteWebhookRow(trx: Tx, id: string, at: string): Promise<void> {
  await trx.updateTable('webhooks').set({ deleted_at: at }).where('id', '=', id).execute();
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: 'webhook deleted' })
    .where('webhook_id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Queues deliveries; a (webhook, notification) pair already queued is left as it is. */
export async function insertDeliveries(db: Tx, rows: readonly Insertable<WebhookDeliveriesTable>[]): Promise<void> {
  for (const part of chunks(rows, 200)) {
    await db
      .insertInto('webhook_deliveries')
      .values(part)
      .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
      .execute();
  }
}

/**
 * Claims up to `limit` pending deliveries that are due, in one statement: it counts the attempt
 * and moves `next_attempt_at` to `leaseUntil`, so no other dispatcher takes them meanwhile and a
 * dispatcher that dies mid-delivery only delays them. On PostgreSQL `for update skip locked`
 * lets several processes claim side by side without waiting on or double-taking rows; SQLite
 * has one writer at a time, which makes the single statement exclusive by itself.
 */
export async function claimDueDeliveries(db: Tx, dialect: Dialect, now: string, leaseUntil: string, limit: number): Promise<DeliveryRow[]> {
  const rows = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now, next_attempt_at: leaseUntil }))
    .where('id', 'in', (eb) => {
      const due = eb
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit);
      return dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
  return rows.map(normalise).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Records the outcome of a claimed attempt. The attempt count guards against a dispatcher whose
 * lease ran out while another one already retried the delivery: the stale result is dropped.
 */
export async function finishAttempt(db: Tx, id: string, attempts: number, changes: Updateable<WebhookDeliveriesTable>): Promise<void> {
  await db.updateTable('webhook_deliveries').set(changes).where('id', '=', id).where('attempts', '=', attempts).execute();
}

/** A webhook's deliveries, newest first, keyset-paged on the (time-ordered) id. */
export async function listDeliveries(db: Tx, webhookId: string, page: { before?: string; limit: number }): Promise<DeliveryRow[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id', 'desc').limit(page.limit);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  return (await q.execute()).map(normalise);
}

function normalise(r: DeliveryRow): DeliveryRow {
  return { ...r, attempts: Number(r.attempts), response_status: r.response_status === null ? null : Number(r.response_status) };
}

/** The lots of a recall, roots first, for the `recall.opened` notification. */
export async function recallLots(db: Tx, recallId: string): Promise<{ sku: string; code: string; is_root: number }[]> {
  const rows = await db
    .selectFrom('recall_lots')
    .innerJoin('lots', 'lots.id', 'recall_lots.lot_id')
    .select(['lots.sku', 'lots.code', 'recall_lots.is_root'])
    .where('recall_lots.recall_id', '=', recallId)
    .orderBy('recall_lots.is_root', 'desc')
    .orderBy('lots.sku')
    .orderBy('lots.code')
    .execute();
  return rows.map((r) => ({ ...r, is_root: Number(r.is_root) }));
}
