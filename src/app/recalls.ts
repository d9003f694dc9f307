import { performance } from 'node:perf_hooks';
import { Conflict, Invalid, NotFound } from '../domain/errors.js';
import { fromMicro } from '../domain/quantity.js';
import { findLotsByIds, setHoldState } from '../store/lots.repository.js';
import {
  closeRecallRow,
  findRecall,
  findRecallByEvent,
  insertRecall,
  listRecalls as listRecallRows,
  recallCustomers,
  rootLotIds,
  recoveryOf,
  rootLotsOf,
  updateRecallCustomer,
  type RecallRow,
} from '../store/recalls.repository.js';
import { inLedgerTransaction, inReadTransaction, type Tx } from '../store/transaction.js';
import type { App } from './context.js';
import { recordAudit } from './audit.js';
import { recordEvent } from './event-writer.js';
import { decodeCursor, isString, pageLimit, paginate, type Page, type PageRequest } from './paging.js';
import { collectTrace, customerExposures, resolveLots, traceView, type CustomerView, type LotRef, type TraceData, type TraceView } from './trace.js';
import { notifyRecallOpened } from './webhooks.js';

export interface RecallInput {
  lots: LotRef[];
  reason: string;
  /** Put every affected lot on recall hold in the same transaction (default true). */
  hold?: boolean;
  /** A mock recall: the whole exercise without holding stock or touching the ledger. */
  drill?: boolean;
}

export interface RecallCustomerView extends CustomerView {
  /** Units of affected lots the customer sent back. */
  recovered: number;
  /** Units still in the customer's hands. */
  outstanding: number;
  /** recovered / shipped, or null when nothing was shipped. */
  effectiveness: number | null;
  notifiedAt: string | null;
  acknowledgedAt: string | null;
  note: string | null;
}

/** What every view of a recall, full or in a list, starts with. */
export interface RecallHeader {
  id: string;
  status: 'open' | 'closed';
  drill: boolean;
  hold: boolean;
  reason: string;
  createdAt: string;
  closedAt: string | null;
  /** Time taken to trace, record and hold when the recall was opened. */
  durationMs: number;
}

function recallHeader(r: RecallRow): RecallHeader {
  return {
    id: r.id,
    status: r.status,
    drill: r.drill === 1,
    hold: r.hold === 1,
    reason: r.reason,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    durationMs: r.duration_ms,
  };
}

/** Units shipped to customers, recovered from them by returns, still out, and the recovered share. */
export interface RecallEffectiveness {
  shipped: number;
  recovered: number;
  outstanding: number;
  ratio: number | null;
}

export interface RecallView extends RecallHeader {
  closeNote: string | null;
  event: string | null;
  lots: LotRef[];
  affectedLots: TraceView['lots'];
  links: TraceView['links'];
  receipts: TraceView['receipts'];
  customers: RecallCustomerView[];
  shipments: TraceView['shipments'];
  returns: TraceView['returns'];
  onHand: TraceView['onHand'];
  massBalance: TraceView['massBalance'];
  effectiveness: RecallEffectiveness;
  /** Every unit of every affected lot is accounted for (all mass balances close). */
  accountedFor: boolean;
  counts: { affectedLots: number; customers: number; customersNotified: number; customersAcknowledged: number; shipments: number; locationsWithStock: number };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function effectiveness(shippedMicro: number, recoveredMicro: number): RecallEffectiveness {
  return {
    shipped: fromMicro(shippedMicro),
    recovered: fromMicro(recoveredMicro),
    outstanding: fromMicro(shippedMicro - recoveredMicro),
    ratio: ratio(recoveredMicro, shippedMicro),
  };
}

/** Merges the live trace of the recall's lots with the stored per-customer progress. */
function recallView(app: App, recall: RecallRow, data: TraceData, progress: Awaited<ReturnType<typeof recallCustomers>>): RecallView {
  const trace = traceView(data, 'forward', app.today());
  const byParty = new Map(progress.map((p) => [p.party, p]));
  const exposures = customerExposures(data);
  const customers = trace.customers.map((c) => {
    const p = byParty.get(c.code);
    const e = exposures.get(c.code)!;
    return {
      ...c,
      recovered: c.returned,
      outstanding: fromMicro(e.shipped - e.returned),
      effectiveness: ratio(e.returned, e.shipped),
      notifiedAt: p?.notified_at ?? null,
      acknowledgedAt: p?.acknowledged_at ?? null,
      note: p?.note ?? null,
    };
  });
  const shippedMicro = [...exposures.values()].reduce((s, e) => s + e.shipped, 0);
  const recoveredMicro = [...exposures.values()].reduce((s, e) => s + e.returned, 0);
  return {
    ...recallHeader(recall),
    closeNote: recall.close_note,
    event: recall.event_id,
    lots: trace.roots,
    affectedLots: trace.lots,
    links: trace.links,
    receipts: trace.receipts,
    customers,
    shipments: trace.shipments,
    returns: trace.returns,
    onHand: trace.onHand,
    massBalance: trace.massBalance,
    effectiveness: effectiveness(shippedMicro, recoveredMicro),
    accountedFor: trace.massBalance.closes,
    counts: {
      affectedLots: trace.lots.length,
      customers: customers.length,
      customersNotified: customers.filter((c) => c.notifiedAt !== null).length,
      customersAcknowledged: customers.filter((c) => c.acknowledgedAt !== null).length,
      shipments: new Set(trace.shipments.map((s) => s.event)).size,
      locationsWithStock: new Set(trace.onHand.map((o) => o.location)).size,
    },
  };
}

function checkRecallInput(input: RecallInput): void {
  if (input.lots.length === 0) throw Invalid.at('lots', 'must name at least one lot');
  if (input.reason.trim() === '') throw Invalid.at('reason', 'must not be empty');
  if (input.drill && input.hold) throw Invalid.at('hold', 'a drill never holds stock; leave hold out or false');
}

/** Traces the roots forward and stores the recall with its lots and reached customers. */
async function openRecall(app: App, trx: Tx, id: string, input: RecallInput, eventId: string | null, started: number): Promise<void> {
  const roots = await resolveLots(trx, input.lots, 'invalid');
  const data = await collectTrace(app, trx, roots, 'forward');
  const hold = !input.drill && input.hold !== false;
  const rootIds = new Set(roots.map((r) => r.id));
  if (hold) await setHoldState(trx, data.lots.map((l) => l.id), 'recalled', `recall ${id}: ${input.reason}`);
  await insertRecall(
    trx,
    {
      id,
      reason: input.reason,
      status: 'open',
      drill: input.drill ? 1 : 0,
      hold: hold ? 1 : 0,
      event_id: eventId,
      duration_ms: Math.round(performance.now() - started),
      created_at: app.clock.now().toISOString(),
      closed_at: null,
      close_note: null,
    },
    data.lots.map((l) => ({ lot_id: l.id, is_root: rootIds.has(l.id) ? 1 : 0 })),
    [...customerExposures(data).values()].map((e) => ({ party: e.code, shipped: e.shipped })),
  );
}

/**
 * Opens a recall of one or more lots: the forward closure names every affected lot, customer and
 * on-hand stock, and (unless `hold: false`) every affected lot becomes `recalled` in the same
 * transaction, so no shipment or production can take it any more. A drill does all of it but
 * holds nothing and records no ledger event, and reports how long it took.
 */
export async function createRecall(app: App, input: RecallInput, idempotencyKey?: string): Promise<{ recall: RecallView; replayed: boolean }> {
  checkRecallInput(input);
  const started = performance.now();
  const id = app.newId();
  if (input.drill) {
    await inLedgerTransaction(app.store, async (trx) => {
      await openRecall(app, trx, id, input, null, started);
      await recordAudit(app, trx, { entity: 'recall', entityId: id, action: 'create', after: { ...input, status: 'open' } });
    });
    return { recall: await getRecall(app, id), replayed: false };
  }
  const recorded = await recordEvent(app, { route: 'recalls', body: input, idempotencyKey }, async (trx, eventId) => {
    await openRecall(app, trx, id, input, eventId, started);
    await notifyRecallOpened(app, trx, id);
    await recordAudit(app, trx, { entity: 'recall', entityId: id, action: 'create', after: { ...input, status: 'open', event: eventId } });
    return {
      type: 'recall',
      time: app.clock.now().toISOString(),
      reason: input.reason,
      documents: [{ type: 'recall', number: id }],
      lines: [],
    };
  });
  const row = await findRecallByEvent(app.store.db, recorded.event.id);
  return { recall: await getRecall(app, row!.id), replayed: recorded.replayed };
}

/** A recall with its live picture: affected lots, customers and progress, stock, effectiveness. */
export async function getRecall(app: App, id: string): Promise<RecallView> {
  const { recall, data, progress } = await inReadTransaction(app.store, async (trx) => {
    const recall = await findRecall(trx, id);
    if (!recall) throw new NotFound(`recall "${id}" not found`);
    const roots = await findLotsByIds(trx, await rootLotIds(trx, id));
    const data = await collectTrace(app, trx, roots.map((r) => ({ ...r, id: Number(r.id) })), 'forward');
    return { recall, data, progress: await recallCustomers(trx, id) };
  });
  return recallView(app, recall, data, progress);
}

export interface RecallSummary extends RecallHeader {
  lots: LotRef[];
  affectedLots: number;
  customers: number;
  customersNotified: number;
  customersAcknowledged: number;
  /** Over the lots affected when the recall was opened (a drill's full view traces again, live). */
  effectiveness: RecallEffectiveness;
}

/** Recalls, newest first, optionally only open/closed ones or only drills. */
export async function listRecalls(app: App, filter: { status?: 'open' | 'closed'; drill?: boolean }, page: PageRequest): Promise<Page<RecallSummary>> {
  const limit = pageLimit(page.limit);
  const before = decodeCursor(page.cursor, isString);
  const db = app.store.db;
  const result = await paginate(limit, (n) => listRecallRows(db, filter, { before, limit: n }), (r) => r, (r) => r.id);
  const rootsOf = new Map<string, LotRef[]>();
  for (const x of await rootLotsOf(db, result.items.map((r) => r.id))) {
    rootsOf.set(x.recall_id, [...(rootsOf.get(x.recall_id) ?? []), { sku: x.sku, lot: x.code }]);
  }
  const recovery = await recoveryOf(db, result.items.map((r) => r.id));
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((r) => {
      const units = recovery.get(r.id) ?? { shipped: 0, returned: 0 };
      return {
        ...recallHeader(r),
        lots: rootsOf.get(r.id) ?? [],
        affectedLots: r.affected_lots,
        customers: r.customers,
        customersNotified: r.customers_notified,
        customersAcknowledged: r.customers_acknowledged,
        effectiveness: effectiveness(units.shipped, units.returned),
      };
    }),
  };
}

async function requireOpenRecall(trx: Tx, id: string): Promise<RecallRow> {
  const recall = await findRecall(trx, id);
  if (!recall) throw new NotFound(`recall "${id}" not found`);
  if (recall.status === 'closed') throw new Conflict(`recall ${id} is closed`);
  return recall;
}

/**
 * Records that a customer was told of the recall, or confirmed it; the first time counts.
 * Acknowledging implies having been notified.
 */
export async function markRecallCustomer(
  app: App,
  id: string,
  party: string,
  step: 'notified' | 'acknowledged',
  input: { note?: string } = {},
): Promise<RecallView> {
  await inLedgerTransaction(app.store, async (trx) => {
    await requireOpenRecall(trx, id);
    const row = (await recallCustomers(trx, id)).find((c) => c.party === party);
    if (!row) throw new NotFound(`customer "${party}" is not part of recall ${id}`);
    const now = app.clock.now().toISOString();
    const after = {
      notified_at: row.notified_at ?? now,
      acknowledged_at: step === 'acknowledged' ? (row.acknowledged_at ?? now) : row.acknowledged_at,
      note: input.note ?? row.note,
    };
    await updateRecallCustomer(trx, id, party, after);
    const before = { notified_at: row.notified_at, acknowledged_at: row.acknowledged_at, note: row.note };
    await recordAudit(app, trx, { entity: 'recall_customer', entityId: `${id}/${party}`, action: step, before, after });
  });
  return getRecall(app, id);
}

/**
 * Closes a recall with a note. The affected lots stay `recalled` (the stock is usually destroyed
 * with a `recall` write-off); once no open recall covers a lot, QA may release it.
 */
export async function closeRecall(app: App, id: string, input: { note?: string }): Promise<RecallView> {
  await inLedgerTransaction(app.store, async (trx) => {
    const recall = await requireOpenRecall(trx, id);
    const closedAt = app.clock.now().toISOString();
    await closeRecallRow(trx, id, closedAt, input.note ?? null);
    await recordAudit(app, trx, {
      entity: 'recall',
      entityId: id,
      action: 'close',
      before: { status: recall.status },
      after: { status: 'closed', closedAt, note: input.note ?? null },
    });
  });
  return getRecall(app, id);
}
