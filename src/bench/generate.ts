import { createHash } from 'node:crypto';
import { Random } from '../app/demo/random.js';
import { eventHash, GENESIS_HASH, type HashedEventRecord, type HashedLine, type HashedLink } from '../app/event-writer.js';
import { addDays } from '../domain/dates.js';
import { isPartyMovement, type Movement } from '../domain/ledger.js';
import { openBulkWriter, type BulkRow, type BulkWriter } from '../store/bulk.repository.js';
import { createStore } from '../store/db.js';
import { migrateToLatest } from '../store/migrate.js';
import { benchCatalog, BENCH_LOCATIONS, DISTRIBUTION_CENTRE, PRODUCTION_SITE, type BenchCatalog } from './catalog.js';

/**
 * The benchmark's data set: the jam maker grown to a million lots and ten million movement
 * lines, generated deterministically from a seed and written in large batches straight into the
 * tables. It is a valid ledger: events hashed and chained exactly as the event writer does, stock
 * never negative in ledger order, and the balance projection equal to the sum of the lines.
 */

export interface GenerateOptions {
  lots: number;
  seed: number;
  /** Bring the schema up to date first (default); false when the caller already has. */
  migrate?: boolean;
  /** Called after every flushed batch with the lots written so far. */
  onProgress?: (lots: number, total: number) => void;
}

export interface GenerateSummary {
  lots: number;
  events: number;
  lines: number;
  links: number;
  balances: number;
  hubLots: number;
  maxReworkDepth: number;
  days: number;
  from: string;
  to: string;
  seconds: number;
}

/** The last day of every generated history: fixed, so a seed always gives the same data. */
export const BENCH_LAST_DAY = '2026-06-30';
export const MAX_REWORK_DEPTH = 20;
const UNIT = 1_000_000;
/** Most one batch takes of one raw lot, in units: a raw lot is received with uses × this. */
const MAX_USE = 50;
const FLUSH_LINES = 250_000;

/** Days of history: about a thousand lots a day, at least two months. */
export function historyDays(lots: number): number {
  return Math.max(60, Math.ceil(lots / 1000));
}

/**
 * Event ids shaped like the UUIDv7s the app makes (time-ordered) but derived from the sequence
 * number, so the same seed gives the same ids.
 */
function eventId(seq: number, ms: number): string {
  const t = ms.toString(16).padStart(12, '0');
  const s = seq.toString(16).padStart(18, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${s.slice(0, 3)}-8${s.slice(3, 6)}-${s.slice(6, 18)}`;
}

interface Line {
  lot: number;
  location: string;
  quantity: number;
  movement: Movement;
}

interface EventSpec {
  type: 'receipt' | 'production' | 'shipment' | 'transfer' | 'return' | 'write_off';
  day: number;
  party?: string;
  location: string;
  toLocation?: string;
  reason?: string;
  disposition?: string;
  shipmentId?: string;
  documents?: { type: string; number: string }[];
  lines: Line[];
  links?: { from: number; to: number; quantity: number }[];
}

interface PendingShipment {
  customer: string;
  location: string;
  lot: number;
  quantity: number;
}

interface PendingReturn {
  customer: string;
  location: string;
  lot: number;
  quantity: number;
  shipmentId: string;
}

class Generator {
  private readonly random: Random;
  private readonly catalog: BenchCatalog;
  private readonly days: number;
  private readonly firstDay: string;
  private readonly dayStartMs: number;
  private readonly dates: string[];
  readonly summary = { events: 0, lines: 0, links: 0, hubLots: 0, maxReworkDepth: 0, lastDay: 0 };

  private lotCount = 0;
  private seq = 0;
  private prevHash = GENESIS_HASH;
  private eventsToday = 0;
  private currentDay = -1;

  // Per lot, indexed by id: stock at each location, stock promised to scheduled shipments at the
  // production site, uses left (raw lots), expiry day index, rework depth, item index.
  private readonly wh1: Float64Array;
  private readonly wh2: Float64Array;
  private readonly wh1Promised: Float64Array;
  private readonly usesLeft: Int32Array;
  private readonly expiryDay: Int32Array;
  private readonly depth: Int8Array;
  private readonly skuOf: string[];
  private readonly codeOf: string[];

  /** Lots by the day index of their expiry: the daily write-off of expired stock reads one day's. */
  private readonly expiring: number[][] = [];

  /** The lot of each raw item currently being used, and the last batch of each product. */
  private readonly openRawLot: Int32Array;
  private readonly lastBatch: Int32Array;
  private readonly shipQueue: PendingShipment[][] = [];
  private readonly returnQueue: PendingReturn[][] = [];

  /** The lot-flow projection in memory: per movement, the running sum of each lot's lines. */
  private readonly flows = new Map<string, Float64Array>();
  /** Bit i set: the lot has lines of the i-th movement in `flows` (a zero sum still gets its row). */
  private readonly flowSeen: Uint16Array;
  private readonly flowBit = new Map<string, number>();

  private lots: BulkRow[] = [];
  private events: BulkRow[] = [];
  private lines: BulkRow[] = [];
  private links: BulkRow[] = [];
  private partyMovements: BulkRow[] = [];

  constructor(
    private readonly total: number,
    seed: number,
    private readonly writer: BulkWriter,
    private readonly onProgress?: (lots: number, total: number) => void,
  ) {
    // Separate streams: the catalog does not shift when the history's draws change.
    this.catalog = benchCatalog(new Random(seed));
    this.random = new Random(seed + 1);
    this.days = historyDays(total);
    this.firstDay = addDays(BENCH_LAST_DAY, -(this.days - 1));
    this.dayStartMs = Date.parse(`${this.firstDay}T00:00:00Z`);
    this.dates = Array.from({ length: this.days + 60 }, (_, d) => addDays(this.firstDay, d));
    const n = total + 1;
    this.wh1 = new Float64Array(n);
    this.wh2 = new Float64Array(n);
    this.wh1Promised = new Float64Array(n);
    this.usesLeft = new Int32Array(n);
    this.expiryDay = new Int32Array(n);
    this.depth = new Int8Array(n);
    this.skuOf = new Array<string>(n);
    this.codeOf = new Array<string>(n);
    this.openRawLot = new Int32Array(this.catalog.raw.length);
    this.lastBatch = new Int32Array(this.catalog.finished.length);
    this.flowSeen = new Uint16Array(n);
  }

  get from(): string {
    return this.firstDay;
  }

  dateOf(day: number): string {
    return this.dates[day] ?? addDays(this.firstDay, day);
  }

  async masterData(): Promise<void> {
    const at = `${this.firstDay}T00:00:00.000Z`;
    const w = this.writer;
    await w.begin();
    await w.insert('locations', BENCH_LOCATIONS.map((l) => [l.code, l.name, l.gln, null, at]));
    await w.insert('parties', [
      ...this.catalog.suppliers.map((s) => [s.code, s.name, 1, 0, s.email, s.phone, s.address, null, at, null]),
      ...this.catalog.customers.map((c) => [c.code, c.name, 0, 1, c.email, c.phone, c.address, c.minShelfLifeDays, at, null]),
    ]);
    await w.insert('items', [
      ...this.catalog.raw.map((r) => [r.sku, r.name, r.uom, null, r.shelfLifeDays, null, null, at, 'fefo', 0]),
      ...this.catalog.finished.map((f) => [f.sku, f.name, 'ea', f.gtin, f.shelfLifeDays, f.sellByDays, 1_500_000, at, 'fefo', 0]),
    ]);
    await w.commit();
  }

  /** Runs the history day by day until the lots are made, then lets scheduled shipments and returns happen. */
  async run(): Promise<void> {
    const batchesPerDay = Math.max(1, Math.round((this.total * 0.76) / this.days));
    let day = 0;
    let making = true;
    for (; making || this.shipQueue.length > day || this.returnQueue.length > day; day++) {
      const made: number[] = [];
      for (let b = 0; making && b < batchesPerDay; b++) {
        const lot = this.batch(day);
        if (lot === 0) making = false;
        else made.push(lot);
      }
      this.transferAndSchedule(day, made);
      this.shipDue(day);
      this.returnDue(day);
      this.writeOffExpired(day);
      if (this.lines.length >= FLUSH_LINES) await this.flush();
    }
    this.summary.lastDay = day - 1;
    await this.flush();
    await this.writeBalances();
    await this.writeFlows();
  }

  private addFlow(lot: number, movement: string, quantity: number): void {
    let sums = this.flows.get(movement);
    if (!sums) {
      if (this.flows.size >= 16) throw new Error('too many movements for the lot-flow bitmask');
      sums = new Float64Array(this.flowSeen.length);
      this.flowBit.set(movement, this.flows.size);
      this.flows.set(movement, sums);
    }
    sums[lot]! += quantity;
    this.flowSeen[lot]! |= 1 << this.flowBit.get(movement)!;
  }

  /** The lot-flow projection: every (lot, movement) with lines, as the lines add up. */
  private async writeFlows(): Promise<void> {
    const movements = [...this.flows.entries()].map(([movement, sums]) => ({ movement, sums, bit: 1 << this.flowBit.get(movement)! }));
    await this.writer.begin();
    let rows: BulkRow[] = [];
    for (let id = 1; id <= this.lotCount; id++) {
      const seen = this.flowSeen[id]!;
      if (seen === 0) continue;
      for (const m of movements) if (seen & m.bit) rows.push([id, m.movement, m.sums[id]!]);
      if (rows.length >= 100_000) {
        await this.writer.insert('lot_flows', rows);
        rows = [];
      }
    }
    await this.writer.insert('lot_flows', rows);
    await this.writer.commit();
  }

  private newLot(sku: string, code: string, row: (id: number, eventId: string) => BulkRow): { id: number; row: (eventId: string) => void } {
    const id = ++this.lotCount;
    this.skuOf[id] = sku;
    this.codeOf[id] = code;
    return { id, row: (eventId) => void this.lots.push(row(id, eventId)) };
  }

  /** The raw lot to take from, receiving a new one when the open lot is used up or about to expire. */
  private rawLot(item: number, day: number): number {
    const open = this.openRawLot[item]!;
    if (open !== 0 && this.usesLeft[open]! > 0 && this.expiryDay[open]! > day + 1) return open;
    const raw = this.catalog.raw[item]!;
    const r = this.random;
    // Most lots go into a handful of batches, a few into hundreds; hub lots into thousands.
    const uses = raw.hub ? r.int(500, 2000) : r.weighted([[0, 90], [1, 9], [2, 1]] as const) === 0 ? r.int(2, 12) : r.chance(0.9) ? r.int(20, 100) : r.int(150, 1000);
    if (raw.hub) this.summary.hubLots++;
    const date = this.dateOf(day);
    const supplier = r.pick(raw.suppliers);
    const code = `R${date.replaceAll('-', '')}-${this.lotCount + 1}`;
    const expiry = addDays(date, raw.shelfLifeDays);
    const quantity = uses * MAX_USE * UNIT;
    const lot = this.newLot(raw.sku, code, (id, eventId) => [id, raw.sku, code, 'receipt', supplier, `SL-${id}`, addDays(date, -r.int(1, 10)), expiry, null, 'available', null, eventId, this.isoAt(day)]);
    this.usesLeft[lot.id] = uses;
    this.expires(lot.id, day + raw.shelfLifeDays);
    this.openRawLot[item] = lot.id;
    const id = this.emit({ type: 'receipt', day, party: supplier, location: PRODUCTION_SITE, documents: [{ type: 'purchase_order', number: `PO-${this.seq + 1}` }], lines: [{ lot: lot.id, location: PRODUCTION_SITE, quantity, movement: 'receipt' }] });
    lot.row(id);
    this.wh1[lot.id] = quantity;
    return lot.id;
  }

  /** One production batch of a random product; 0 when the lot budget is spent. */
  private batch(day: number): number {
    const r = this.random;
    const p = r.int(0, this.catalog.finished.length - 1);
    const product = this.catalog.finished[p]!;
    const needNew = product.recipe.filter((i) => {
      const open = this.openRawLot[i]!;
      return open === 0 || this.usesLeft[open]! <= 0 || this.expiryDay[open]! <= day + 1;
    }).length;
    if (this.lotCount + needNew + 1 > this.total) return 0;

    const inputs: Line[] = [];
    const links: { from: number; quantity: number }[] = [];
    for (const item of product.recipe) {
      const lot = this.rawLot(item, day);
      const q = r.int(1, MAX_USE) * UNIT;
      this.usesLeft[lot]!--;
      this.wh1[lot]! -= q;
      inputs.push({ lot, location: PRODUCTION_SITE, quantity: -q, movement: 'consumption' });
      links.push({ from: lot, quantity: q });
    }
    // Rework: part of the previous batch of the same product goes back in, making chains.
    const previous = this.lastBatch[p]!;
    let depth = 0;
    if (previous !== 0 && this.depth[previous]! < MAX_REWORK_DEPTH && r.chance(product.reworkChance)) {
      const free = this.wh1[previous]! - this.wh1Promised[previous]!;
      const q = Math.min(free, r.int(1, 20) * UNIT);
      if (q >= UNIT) {
        this.wh1[previous]! -= q;
        inputs.push({ lot: previous, location: PRODUCTION_SITE, quantity: -q, movement: 'consumption' });
        links.push({ from: previous, quantity: q });
        depth = this.depth[previous]! + 1;
      }
    }
    const date = this.dateOf(day);
    const quantity = r.int(200, 5000) * UNIT;
    const code = `B${date.replaceAll('-', '')}-${this.lotCount + 1}`;
    const expiry = addDays(date, product.shelfLifeDays);
    const out = this.newLot(product.sku, code, (id, eventId) => [id, product.sku, code, 'production', null, null, date, expiry, addDays(expiry, -product.sellByDays), 'available', null, eventId, this.isoAt(day)]);
    this.depth[out.id] = depth;
    if (depth > this.summary.maxReworkDepth) this.summary.maxReworkDepth = depth;
    this.expires(out.id, day + product.shelfLifeDays);
    this.lastBatch[p] = out.id;
    const id = this.emit({
      type: 'production',
      day,
      location: PRODUCTION_SITE,
      documents: [{ type: 'production_order', number: `MO-${this.seq + 1}` }],
      lines: [...inputs, { lot: out.id, location: PRODUCTION_SITE, quantity, movement: 'production' }],
      links: links.map((l) => ({ from: l.from, to: out.id, quantity: l.quantity })),
    });
    out.row(id);
    this.wh1[out.id] = quantity;
    return out.id;
  }

  /**
   * Most of a day's batches go to the distribution centre (20 lots per transfer); every batch is
   * then shipped to 1–50 customers over the next three weeks, keeping a tenth at the production
   * site for rework and retention.
   */
  private transferAndSchedule(day: number, made: readonly number[]): void {
    const r = this.random;
    const transferred: number[] = [];
    for (const lot of made) {
      const produced = this.wh1[lot]!;
      const keep = Math.floor(produced / UNIT / 10) * UNIT;
      const moved = r.chance(0.7);
      const source = moved ? DISTRIBUTION_CENTRE : PRODUCTION_SITE;
      if (moved) transferred.push(lot);
      const toShip = produced - keep;
      // Skewed: most lots reach a few customers, some reach fifty.
      const customers = Math.min(1 + Math.floor(49 * r.float() ** 8), toShip / UNIT);
      const each = Math.floor(toShip / UNIT / customers) * UNIT;
      if (!moved) this.wh1Promised[lot] = each * customers;
      for (let c = 0; c < customers; c++) {
        const when = day + r.int(1, 20);
        (this.shipQueue[when] ??= []).push({ customer: r.pick(this.catalog.customers).code, location: source, lot, quantity: each });
      }
    }
    for (let i = 0; i < transferred.length; i += 20) {
      const lines = transferred.slice(i, i + 20).flatMap((lot): Line[] => {
        const q = this.wh1[lot]! - Math.floor(this.wh1[lot]! / UNIT / 10) * UNIT;
        this.wh1[lot]! -= q;
        this.wh2[lot]! += q;
        return [
          { lot, location: PRODUCTION_SITE, quantity: -q, movement: 'transfer_out' },
          { lot, location: DISTRIBUTION_CENTRE, quantity: q, movement: 'transfer_in' },
        ];
      });
      this.emit({ type: 'transfer', day, location: PRODUCTION_SITE, toLocation: DISTRIBUTION_CENTRE, lines });
    }
  }

  /** The day's shipments, one event per customer and location; a few lines come back later. */
  private shipDue(day: number): void {
    const due = this.shipQueue[day];
    if (!due) return;
    delete this.shipQueue[day];
    const groups = new Map<string, PendingShipment[]>();
    for (const s of due) {
      const key = `${s.customer}\u0000${s.location}`;
      const g = groups.get(key);
      if (g) g.push(s);
      else groups.set(key, [s]);
    }
    for (const group of groups.values()) {
      const { customer, location } = group[0]!;
      const stock = location === PRODUCTION_SITE ? this.wh1 : this.wh2;
      for (const s of group) {
        stock[s.lot]! -= s.quantity;
        if (location === PRODUCTION_SITE) this.wh1Promised[s.lot]! -= s.quantity;
      }
      const id = this.emit({
        type: 'shipment',
        day,
        party: customer,
        location,
        documents: [{ type: 'sales_order', number: `SO-${this.seq + 1}` }],
        lines: group.map((s) => ({ lot: s.lot, location, quantity: -s.quantity, movement: 'shipment' })),
      });
      for (const s of group) {
        if (s.quantity >= 2 * UNIT && this.random.chance(0.005)) {
          (this.returnQueue[day + this.random.int(1, 30)] ??= []).push({ ...s, quantity: Math.floor(s.quantity / UNIT / 2) * UNIT, shipmentId: id });
        }
      }
    }
  }

  private expires(lot: number, day: number): void {
    this.expiryDay[lot] = day;
    (this.expiring[day] ??= []).push(lot);
  }

  /**
   * What a business runs every morning (`lotline write-offs expired`): the stock of lots that
   * expired yesterday is written off, one event per location. Without it the retained tenth of
   * every lot would pile up as expired stock that FEFO picking and the expiry list wade through.
   * Stock promised to scheduled shipments stays (they leave within three weeks of production).
   */
  private writeOffExpired(day: number): void {
    const expired = this.expiring[day - 1];
    if (!expired) return;
    delete this.expiring[day - 1];
    for (const [location, stock, promised] of [[PRODUCTION_SITE, this.wh1, this.wh1Promised], [DISTRIBUTION_CENTRE, this.wh2, undefined]] as const) {
      const lines: Line[] = [];
      for (const lot of expired) {
        const q = stock[lot]! - (promised?.[lot] ?? 0);
        if (q <= 0) continue;
        stock[lot]! -= q;
        lines.push({ lot, location, quantity: -q, movement: 'write_off' });
      }
      if (lines.length > 0) this.emit({ type: 'write_off', day, location, reason: 'expired', lines });
    }
  }

  private returnDue(day: number): void {
    const due = this.returnQueue[day];
    if (!due) return;
    delete this.returnQueue[day];
    for (const ret of due) {
      (ret.location === PRODUCTION_SITE ? this.wh1 : this.wh2)[ret.lot]! += ret.quantity;
      // Returned after it expired: written off with tomorrow's run.
      if (this.expiryDay[ret.lot]! < day) (this.expiring[day] ??= []).push(ret.lot);
      this.emit({
        type: 'return',
        day,
        party: ret.customer,
        location: ret.location,
        disposition: 'restock',
        shipmentId: ret.shipmentId,
        lines: [{ lot: ret.lot, location: ret.location, quantity: ret.quantity, movement: 'return' }],
      });
    }
  }

  private isoAt(day: number): string {
    return new Date(this.dayStartMs + day * 86_400_000 + 6 * 3_600_000 + this.eventsToday * 20).toISOString();
  }

  /** Appends one event to the chain (hashed as the event writer hashes) and returns its id. */
  private emit(spec: EventSpec): string {
    if (spec.day !== this.currentDay) {
      this.currentDay = spec.day;
      this.eventsToday = 0;
    }
    this.eventsToday++;
    const seq = ++this.seq;
    const time = this.isoAt(spec.day);
    const id = eventId(seq, Date.parse(time));
    const documents = JSON.stringify(spec.documents ?? []);
    const record: HashedEventRecord = {
      id,
      seq,
      type: spec.type,
      time,
      recorded_at: time,
      idempotency_key: id,
      // The fingerprint of the request the event would have come from; never replayed here.
      request_hash: createHash('sha256').update(`bench:${id}`).digest('hex'),
      party: spec.party ?? null,
      location: spec.location,
      to_location: spec.toLocation ?? null,
      reason: spec.reason ?? null,
      disposition: spec.disposition ?? null,
      lot_id: null,
      reverses: null,
      shipment_id: spec.shipmentId ?? null,
      documents,
      allocation: null,
      prev_hash: this.prevHash,
    };
    const lines: HashedLine[] = spec.lines.map((l, i) => ({ line_no: i + 1, lot_id: l.lot, location: l.location, quantity: l.quantity, movement: l.movement }));
    const links: HashedLink[] = (spec.links ?? []).map((l) => ({ fromLotId: l.from, toLotId: l.to, quantity: l.quantity }));
    const hash = eventHash(record, lines, links);
    this.prevHash = hash;
    const r = record;
    this.events.push([r.id, r.seq, r.type, r.time, r.recorded_at, r.idempotency_key, r.request_hash, r.party, r.location, r.to_location, r.reason, r.disposition, r.lot_id, r.reverses, r.shipment_id, r.documents, r.allocation, r.prev_hash, hash]);
    for (const l of lines) {
      this.lines.push([id, l.line_no, l.lot_id, l.location, l.quantity, l.movement]);
      this.addFlow(l.lot_id, l.movement, l.quantity);
      if (r.party !== null && isPartyMovement(r.type, l.movement)) this.partyMovements.push([l.lot_id, seq, l.line_no, id, r.type, time, r.party, l.location, l.quantity, r.shipment_id, documents]);
    }
    for (const l of links) this.links.push([id, l.fromLotId, l.toLotId, l.quantity]);
    this.summary.events++;
    this.summary.lines += lines.length;
    this.summary.links += links.length;
    return id;
  }

  /** Writes what has accumulated in one transaction: lots first, as lines and links refer to them. */
  private async flush(): Promise<void> {
    const w = this.writer;
    await w.begin();
    await w.insert('lots', this.lots);
    await w.insert('events', this.events);
    await w.insert('event_lines', this.lines);
    await w.insert('lot_links', this.links);
    await w.insert('party_movements', this.partyMovements);
    await w.commit();
    this.partyMovements = [];
    this.lots = [];
    this.events = [];
    this.lines = [];
    this.links = [];
    this.onProgress?.(this.lotCount, this.total);
  }

  /** The projection: every (lot, location) with stock, as the lines add up. */
  private async writeBalances(): Promise<number> {
    let count = 0;
    await this.writer.begin();
    let rows: BulkRow[] = [];
    for (let id = 1; id <= this.lotCount; id++) {
      if (this.wh1[id] !== 0) rows.push([id, PRODUCTION_SITE, this.wh1[id]!]);
      if (this.wh2[id] !== 0) rows.push([id, DISTRIBUTION_CENTRE, this.wh2[id]!]);
      if (rows.length >= 100_000) {
        await this.writer.insert('balances', rows);
        count += rows.length;
        rows = [];
      }
    }
    await this.writer.insert('balances', rows);
    count += rows.length;
    await this.writer.commit();
    this.balanceRows = count;
    return count;
  }

  balanceRows = 0;

  get lotsMade(): number {
    return this.lotCount;
  }
}

/**
 * Generates the benchmark ledger into an empty, migrated database (`sqlite:` or `postgres://`).
 * The same lot count and seed always give the same rows.
 */
export async function generateBench(url: string, options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const store = createStore(url);
  try {
    if (options.migrate !== false) await migrateToLatest(store);
    const existing = await store.db.selectFrom('events').select('id').limit(1).execute();
    const items = await store.db.selectFrom('items').select('sku').limit(1).execute();
    if (existing.length > 0 || items.length > 0) throw new Error('the benchmark is generated only into an empty database');
  } finally {
    await store.close();
  }
  const writer = await openBulkWriter(url);
  try {
    const g = new Generator(options.lots, options.seed, writer, options.onProgress);
    await g.masterData();
    await g.run();
    await writer.finish();
    return {
      lots: g.lotsMade,
      events: g.summary.events,
      lines: g.summary.lines,
      links: g.summary.links,
      balances: g.balanceRows,
      hubLots: g.summary.hubLots,
      maxReworkDepth: g.summary.maxReworkDepth,
      days: g.summary.lastDay + 1,
      from: g.from,
      to: g.dateOf(g.summary.lastDay),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await writer.close();
  }
}
