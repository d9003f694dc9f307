import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { App } from '../app/context.js';
import { recordEvents, type BatchedEvent } from '../app/event-batch.js';
import { recordEvent } from '../app/event-writer.js';
import { productionBuilder, type ProductionInput } from '../app/productions.js';
import { receiptBuilder, type ReceiptInput } from '../app/receipts.js';
import { shipmentBuilder, type ShipmentInput } from '../app/shipments.js';
import { addDays } from '../domain/dates.js';
import { isPartyMovement } from '../domain/ledger.js';
import { openBulkWriter, type BulkRow } from '../store/bulk.repository.js';
import type { Random } from '../app/demo/random.js';
import { PRODUCTION_SITE } from './catalog.js';

/**
 * The ingestion workload: rounds of a receipt of ten raw lots, two batches of five of them into a
 * finished lot each, and two shipments of both — 5 events and 26 lines per round — recorded
 * through the use cases' own builders, so validation, balance checks and the hash chain are the
 * production path.
 */
export const EVENTS_PER_ROUND = 5;
export const LINES_PER_ROUND = 26;

export interface Master {
  raw: string[];
  finished: string[];
  suppliers: string[];
  customers: string[];
}

export async function loadMaster(app: App): Promise<Master> {
  const items = await app.store.db.selectFrom('items').select('sku').orderBy('sku').execute();
  const parties = await app.store.db.selectFrom('parties').select(['code', 'is_supplier']).orderBy('code').execute();
  return {
    raw: items.filter((i) => i.sku.startsWith('RM-')).map((i) => i.sku),
    finished: items.filter((i) => i.sku.startsWith('FG-')).map((i) => i.sku),
    suppliers: parties.filter((p) => p.is_supplier === 1).map((p) => p.code),
    customers: parties.filter((p) => p.is_supplier === 0).map((p) => p.code),
  };
}

function round(app: App, master: Master, random: Random, prefix: string, n: number): BatchedEvent[] {
  const expiryDate = addDays(app.today(), 365);
  const raws = Array.from({ length: 10 }, (_, k) => ({ sku: master.raw[random.int(0, master.raw.length - 1)]!, lot: `${prefix}-${n}-R${k}`, quantity: 100, expiryDate }));
  const receipt: ReceiptInput = { supplier: random.pick(master.suppliers), location: PRODUCTION_SITE, lines: raws };
  const outputs = [0, 1].map((b) => ({ sku: random.pick(master.finished), lot: `${prefix}-${n}-B${b}`, quantity: 500 }));
  const productions: ProductionInput[] = outputs.map((o, b) => ({ location: PRODUCTION_SITE, inputs: raws.slice(b * 5, b * 5 + 5).map((r) => ({ sku: r.sku, lot: r.lot, quantity: 10 })), outputs: [o] }));
  const shipments: ShipmentInput[] = [0, 1].map(() => ({ customer: random.pick(master.customers), location: PRODUCTION_SITE, lines: outputs.map((o) => ({ sku: o.sku, lot: o.lot, quantity: 20 })) }));
  return [
    { request: { route: 'receipts', body: receipt }, build: receiptBuilder(app, receipt) },
    ...productions.map((p) => ({ request: { route: 'productions', body: p }, build: productionBuilder(app, p) })),
    ...shipments.map((s) => ({ request: { route: 'shipments', body: s }, build: shipmentBuilder(app, s) })),
  ];
}

export interface IngestionFigures {
  events: number;
  lines: number;
  seconds: number;
  eventsPerSecond: number;
  linesPerSecond: number;
}

function figures(events: number, seconds: number): IngestionFigures {
  const lines = (events / EVENTS_PER_ROUND) * LINES_PER_ROUND;
  return { events, lines, seconds, eventsPerSecond: events / seconds, linesPerSecond: lines / seconds };
}

/**
 * Runs `step(r)` for rounds 0 … n − 1 and returns the seconds they took, with `maintenance` (when
 * given) run every 100 rounds outside the clock: what a database server does in the background.
 */
async function timedRounds(n: number, every: number, step: (r: number) => Promise<void>, maintenance?: () => Promise<void>): Promise<number> {
  let ms = 0;
  for (let r = 0; r < n; r += every) {
    const started = performance.now();
    for (let k = r; k < Math.min(n, r + every); k += 1) await step(k);
    ms += performance.now() - started;
    await maintenance?.();
  }
  return ms / 1000;
}

/** Many events per ledger transaction (`recordEvents`), `roundsPerBatch` rounds at a time. */
export async function ingestBatched(app: App, master: Master, random: Random, rounds: number, roundsPerBatch = 100, maintenance?: () => Promise<void>): Promise<IngestionFigures> {
  const prefix = `IB${randomUUID().slice(0, 8)}`;
  const batches = Math.ceil(rounds / roundsPerBatch);
  const seconds = await timedRounds(
    batches,
    Math.max(1, Math.floor(100 / roundsPerBatch)),
    (b) => recordEvents(app, Array.from({ length: Math.min(roundsPerBatch, rounds - b * roundsPerBatch) }, (_, k) => round(app, master, random, prefix, b * roundsPerBatch + k)).flat()).then(() => {}),
    maintenance,
  );
  return figures(rounds * EVENTS_PER_ROUND, seconds);
}

/** One event per ledger transaction, as the HTTP API records them. */
export async function ingestOneByOne(app: App, master: Master, random: Random, rounds: number, maintenance?: () => Promise<void>): Promise<IngestionFigures> {
  const prefix = `IO${randomUUID().slice(0, 8)}`;
  const seconds = await timedRounds(
    rounds,
    100,
    async (r) => {
      for (const e of round(app, master, random, prefix, r)) await recordEvent(app, e.request, e.build);
    },
    maintenance,
  );
  return figures(rounds * EVENTS_PER_ROUND, seconds);
}

/**
 * The baseline: the rows the app wrote after `afterSeq` (lots, events, lines, links and the two
 * projections kept with them) inserted again
 * bare — renumbered, multi-row, no validation, no hashing, no balance upkeep — in one transaction
 * that is rolled back, so the database is left as it was.
 */
export async function bareInsert(app: App, url: string, afterSeq: number): Promise<IngestionFigures> {
  const db = app.store.db;
  const events = await db.selectFrom('events').selectAll().where('seq', '>', afterSeq).orderBy('seq').execute();
  const ids = new Map(events.map((e) => [e.id, randomUUID()]));
  const { rows: lines } = await sql<{ event_id: string; line_no: number; lot_id: number; location: string; quantity: number; movement: string }>`select l.event_id, l.line_no, l.lot_id, l.location, l.quantity, l.movement from event_lines l join events e on e.id = l.event_id where e.seq > ${afterSeq}`.execute(db);
  const { rows: links } = await sql<{ event_id: string; from_lot_id: number; to_lot_id: number; quantity: number }>`select k.event_id, k.from_lot_id, k.to_lot_id, k.quantity from lot_links k join events e on e.id = k.event_id where e.seq > ${afterSeq}`.execute(db);
  const { rows: lots } = await sql<Record<string, string | number | null>>`select lots.* from lots join events e on e.id = lots.created_event_id where e.seq > ${afterSeq}`.execute(db);
  const top = await sql<{ lot: number; seq: number }>`select (select max(id) from lots) as lot, (select max(seq) from events) as seq`.execute(db);
  const lotShift = Number(top.rows[0]!.lot);
  const seqShift = Number(top.rows[0]!.seq);
  const lot = (id: number | string | null) => Number(id) + lotShift;
  const eventRows: BulkRow[] = events.map((e) => [ids.get(e.id)!, Number(e.seq) + seqShift, e.type, e.time, e.recorded_at, ids.get(e.id)!, e.request_hash, e.party, e.location, e.to_location, e.reason, e.disposition, e.lot_id === null ? null : lot(e.lot_id), null, null, e.documents, e.allocation, e.prev_hash, e.hash]);
  const lineRows: BulkRow[] = lines.map((l) => [ids.get(l.event_id)!, l.line_no, lot(l.lot_id), l.location, Number(l.quantity), l.movement]);
  const linkRows: BulkRow[] = links.map((k) => [ids.get(k.event_id)!, lot(k.from_lot_id), lot(k.to_lot_id), Number(k.quantity)]);
  // The lot-flow projection the event writer keeps with the lines, summed here in memory.
  const flowSums = new Map<string, BulkRow>();
  for (const l of lineRows) {
    const key = `${l[2]}\u0000${l[5]}`;
    const row = flowSums.get(key);
    if (row) row[2] = Number(row[2]) + Number(l[4]);
    else flowSums.set(key, [l[2]!, l[5]!, l[4]!]);
  }
  // The party-movement projection the event writer keeps with the lines.
  const eventOf = new Map(events.map((e) => [e.id, e]));
  const movementRows: BulkRow[] = lines.flatMap((l) => {
    const e = eventOf.get(l.event_id)!;
    return e.party !== null && isPartyMovement(e.type, l.movement) ? [[lot(l.lot_id), Number(e.seq) + seqShift, l.line_no, ids.get(e.id)!, e.type, e.time, e.party, l.location, Number(l.quantity), null, e.documents]] : [];
  });
  const lotRows: BulkRow[] = lots.map((l) => [lot(l.id!), l.sku!, `${l.code}-bare`, l.origin!, l.supplier ?? null, l.supplier_lot ?? null, l.production_date ?? null, l.expiry_date ?? null, l.sell_by_date ?? null, l.hold_state!, null, ids.get(String(l.created_event_id))!, l.created_at!]);

  const writer = await openBulkWriter(url);
  try {
    const started = performance.now();
    await writer.begin();
    await writer.insert('lots', lotRows);
    await writer.insert('events', eventRows);
    await writer.insert('event_lines', lineRows);
    await writer.insert('lot_links', linkRows);
    await writer.insert('lot_flows', [...flowSums.values()]);
    await writer.insert('party_movements', movementRows);
    const seconds = (performance.now() - started) / 1000;
    await writer.rollback();
    return { events: eventRows.length, lines: lineRows.length, seconds, eventsPerSecond: eventRows.length / seconds, linesPerSecond: lineRows.length / seconds };
  } finally {
    await writer.close();
  }
}

