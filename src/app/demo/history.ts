import { addDays, daysBetween, type CalendarDate } from '../../domain/dates.js';
import type { EventType } from '../../domain/ledger.js';
import { fromMicro, toMicro, type Micro } from '../../domain/quantity.js';
import type { App } from '../context.js';
import type { Recorded } from '../event-writer.js';
import { holdLot } from '../holds.js';
import { recordProduction } from '../productions.js';
import { recordReceipt, type ReceiptInput } from '../receipts.js';
import { recordReturn } from '../returns.js';
import { recordShipment, type ShipmentInput } from '../shipments.js';
import { recordTransfer } from '../transfers.js';
import { recordWriteOff } from '../write-offs.js';
import { businessTime, compactDate, month, weekday } from './calendar.js';
import {
  DISTRIBUTION_CENTRE,
  FARMS,
  MATERIALS,
  PRODUCTION_SITE,
  PRODUCTS,
  RETENTION_AFTER_EXPIRY_DAYS,
  RETENTION_JARS,
  STRAWBERRIES,
  type ProductSpec,
} from './catalog.js';
import type { CustomerSpec } from './customers.js';
import type { Random } from './random.js';
import { StockBook, type BookLot } from './stock-book.js';

const JARS_PER_CASE = 12;
const CASE: Micro = toMicro(JARS_PER_CASE);
/** Make a product when its sellable stock covers fewer days of demand than this. */
const TARGET_COVER_DAYS = 21;
/** …or when it has not been made for this long, so every product has lots of every age. */
const MAX_DAYS_BETWEEN_BATCHES = 14;
const STRAWBERRY_SEASON = [5, 6, 7, 8, 9];
const RETURN_EVERY_DAYS = 30;

interface ShipmentMemo {
  id: string;
  customer: string;
  date: CalendarDate;
  lines: { sku: string; lot: string; quantity: Micro }[];
  returned: boolean;
}

interface Batch {
  product: ProductSpec;
  jars: number;
  lot: string;
}

export interface HistoryCounts {
  events: Record<string, number>;
  lots: number;
  expiredLots: number;
  pastSellByLots: number;
  heldLots: number;
}

const sum = (values: Iterable<number>): number => {
  let s = 0;
  for (const v of values) s += v;
  return s;
};

/** Rounds a quantity up to whole `step`s (crates, cases). */
const roundUp = (quantity: Micro, step: Micro): Micro => Math.ceil(quantity / step) * step;

/**
 * A year in the life of the jam maker, simulated day by day and recorded through the use cases:
 * raw materials bought as production needs them, batches cooked from explicit input lots,
 * finished lots moved to the distribution centre, customer orders shipped first-expiry-first-out
 * within each customer's shelf-life policy, returns, and expired or damaged stock written off.
 * Every movement is planned against the `StockBook`, so none is ever refused.
 */
export class History {
  private readonly book = new StockBook();
  private readonly events: Record<string, number> = {};
  private readonly shipments: ShipmentMemo[] = [];
  private readonly lastBatch = new Map<string, CalendarDate>();
  /** Smoothed jars asked per day, per product: what production plans for. */
  private readonly demand = new Map<string, number>();
  private readonly customerPicker: (r: Random) => CustomerSpec;
  private readonly sellByDays = new Map(PRODUCTS.map((p) => [p.sku, p.sellByDays]));
  private minute = 0;
  private date: CalendarDate = '';
  private readonly counters = new Map<string, number>();
  private returnsDone = 0;

  constructor(
    private readonly app: App,
    private readonly random: Random,
    private readonly seed: number,
    private readonly customers: readonly CustomerSpec[],
    /** The day the history leads up to: the generator stages what that day should show. */
    private readonly today: CalendarDate,
  ) {
    this.customerPicker = weightedPicker(customers, (c) => c.orderWeight);
    // A first guess of daily demand (≈1,500 jars a day across products); orders correct it.
    for (const p of PRODUCTS) this.demand.set(p.sku, 1500 * p.demandShare);
  }

  /** Simulates one business day; `daysLeft` counts the days of history after this one. */
  async day(date: CalendarDate, daysLeft: number): Promise<void> {
    this.date = date;
    this.minute = 6 * 60;
    const wd = weekday(date);
    const workday = wd >= 1 && wd <= 5;
    if (wd === 1) await this.writeOffExpired();
    if (workday) {
      const batches = this.planBatches();
      await this.procure(batches);
      await this.produce(batches);
      this.at(11 * 60);
      if (this.random.chance(0.12)) await this.palletFromPlant();
      this.at(12 * 60);
      await this.transferToDistribution();
    }
    this.at(13 * 60);
    if (wd !== 0) await this.shipOrders(workday ? this.random.int(6, 10) : this.random.int(2, 4));
    this.at(17 * 60 + 30);
    if (daysLeft === 2) await this.complaintReturn();
    else if (daysLeft % RETURN_EVERY_DAYS === 15) await this.routineReturn();
    if (wd !== 0 && this.random.chance(0.03)) await this.damagedWriteOff();
  }

  /** The present: QA quarantines a raw-material lot, then the tallies. */
  async finish(): Promise<HistoryCounts> {
    const today = this.today;
    const pectin = this.book.lotsAt('RM-PECTIN', PRODUCTION_SITE).filter((l) => !l.held).at(-1);
    if (pectin) {
      this.count(await holdLot(this.app, pectin.sku, pectin.lot, { reason: 'certificate of analysis missing; quarantined until the supplier sends it' }, this.key('hold', pectin.lot)));
      this.book.hold(pectin.sku, pectin.lot);
    }
    const live = this.book.allLive();
    const sellBy = (l: BookLot) => {
      const days = this.sellByDays.get(l.sku);
      return l.expiryDate === null || days === undefined ? null : addDays(l.expiryDate, -days);
    };
    return {
      events: { ...this.events },
      lots: this.book.size,
      expiredLots: live.filter((l) => l.expiryDate !== null && l.expiryDate < today).length,
      pastSellByLots: live.filter((l) => {
        const s = sellBy(l);
        return s !== null && s < today && l.expiryDate! >= today;
      }).length,
      heldLots: live.filter((l) => l.held).length,
    };
  }

  // ── helpers ────────────────────────────────────────────────────────────────

  /** Moves the day's clock to at least `minuteOfDay`; events get strictly increasing times. */
  private at(minuteOfDay: number): void {
    this.minute = Math.max(this.minute, minuteOfDay);
  }

  private time(): string {
    this.minute += 3;
    return businessTime(this.date, this.minute, this.app.timeZone);
  }

  private next(series: string): number {
    const n = (this.counters.get(series) ?? 0) + 1;
    this.counters.set(series, n);
    return n;
  }

  /** A document number such as `SO-26-00042`: series, year of the event, running number. */
  private documentNumber(series: string, digits: number): string {
    return `${series}-${this.date.slice(2, 4)}-${String(this.next(series)).padStart(digits, '0')}`;
  }

  /** Idempotency keys derive from the seed and the event's own numbers, never from time or ids. */
  private key(kind: string, ref: string): string {
    return `demo-${this.seed}-${kind}-${ref}`;
  }

  private count(recorded: Recorded): Recorded {
    const type: EventType = recorded.event.type;
    this.events[type] = (this.events[type] ?? 0) + 1;
    return recorded;
  }

  private async record(recorded: Promise<Recorded>): Promise<Recorded> {
    const result = this.count(await recorded);
    this.book.post(result.event.lines);
    return result;
  }

  // ── production ─────────────────────────────────────────────────────────────

  /**
   * Jars of a product that can still be sold: distribution stock with at least a month left, and
   * the last days' batches still at the plant, retention samples aside.
   */
  private sellable(sku: string): number {
    const atDc = this.book.fefo(sku, DISTRIBUTION_CENTRE, this.date, 30).map((l) => this.book.onHand(l, DISTRIBUTION_CENTRE));
    const atPlant = this.book
      .lotsAt(sku, PRODUCTION_SITE)
      .filter((l) => l.productionDate !== null && daysBetween(l.productionDate, this.date) <= 3)
      .map((l) => Math.max(0, this.book.onHand(l, PRODUCTION_SITE) - toMicro(RETENTION_JARS)));
    return fromMicro(sum([...atDc, ...atPlant]));
  }

  /** Which products to cook today: the stalest, then those with the least cover. */
  private planBatches(): Batch[] {
    const capacity = STRAWBERRY_SEASON.includes(month(this.date)) ? 2 : 1;
    const ranked = PRODUCTS.map((product) => {
      const last = this.lastBatch.get(product.sku);
      const stale = last !== undefined && daysBetween(last, this.date) >= MAX_DAYS_BETWEEN_BATCHES;
      return { product, stale, cover: this.sellable(product.sku) / this.demand.get(product.sku)! };
    })
      .filter((r) => r.stale || r.cover < TARGET_COVER_DAYS)
      .sort((a, b) => (a.stale !== b.stale ? (a.stale ? -1 : 1) : a.cover - b.cover));
    return ranked.slice(0, capacity).map(({ product }, i) => ({
      product,
      jars: roundUp(this.random.int(product.batch[0], product.batch[1]), JARS_PER_CASE),
      lot: `L${compactDate(this.date)}${'ABCD'[i]}`,
    }));
  }

  private needs(batches: readonly Batch[]): Map<string, Micro> {
    const out = new Map<string, Micro>();
    for (const b of batches) for (const r of b.product.recipe) out.set(r.sku, (out.get(r.sku) ?? 0) + toMicro(r.perJar) * b.jars);
    return out;
  }

  private usableAtPlant(sku: string): Micro {
    return this.book.eligible(sku, PRODUCTION_SITE, this.date, 0);
  }

  /** Buys what today's batches need: fresh fruit every cooking day, the rest at reorder points. */
  private async procure(batches: readonly Batch[]): Promise<void> {
    const needs = this.needs(batches);
    const fruitShort = (needs.get(STRAWBERRIES) ?? 0) - this.usableAtPlant(STRAWBERRIES);
    if (fruitShort > 0) await this.buyStrawberries(fruitShort);

    const bySupplier = new Map<string, ReceiptInput['lines']>();
    for (const m of MATERIALS) {
      if (m.supplier === undefined) continue;
      const left = this.usableAtPlant(m.sku) - (needs.get(m.sku) ?? 0);
      if (left >= toMicro(m.reorderPoint)) continue;
      const quantity = toMicro(m.orderQuantity) + Math.max(0, -left);
      const lines = bySupplier.get(m.supplier) ?? [];
      lines.push({
        sku: m.sku,
        lot: `${m.lotPrefix}-${compactDate(this.date)}`,
        quantity: fromMicro(quantity),
        expiryDate: m.shelfLifeDays === undefined ? undefined : addDays(this.date, m.shelfLifeDays - this.random.int(0, 20)),
        supplierLot: `${m.lotPrefix}${this.random.int(10_000, 99_999)}`,
      });
      bySupplier.set(m.supplier, lines);
    }
    for (const [supplier, lines] of bySupplier) await this.receive(supplier, lines);
  }

  /** Fruit from the farms in season, a little over what is short (crates are 10 kg). */
  private async buyStrawberries(short: Micro): Promise<void> {
    const inSeason = FARMS.filter((f) => f.season!.includes(month(this.date)));
    const total = roundUp(Math.round(short * (1 + this.random.int(2, 10) / 100)), toMicro(10));
    const farms = total > toMicro(600) && inSeason.length > 1 ? this.random.shuffle(inSeason).slice(0, 2) : [this.random.pick(inSeason)];
    const first = farms.length === 1 ? total : roundUp(Math.round(total * (0.4 + this.random.float() * 0.2)), toMicro(10));
    const shares = farms.length === 1 ? [total] : [first, total - first];
    for (const [i, farm] of farms.entries()) {
      const tag = farm.code.slice(5, 8);
      await this.receive(farm.code, [
        {
          sku: STRAWBERRIES,
          lot: `STR-${compactDate(this.date)}-${tag}`,
          quantity: fromMicro(shares[i]!),
          expiryDate: addDays(this.date, farm.fruitShelfLifeDays!),
          supplierLot: `${tag}${compactDate(this.date)}`,
        },
      ]);
    }
  }

  private async receive(supplier: string, lines: ReceiptInput['lines']): Promise<void> {
    const po = this.documentNumber('PO', 5);
    for (const l of lines) this.book.define(l.sku, l.lot, { expiryDate: l.expiryDate ?? null });
    await this.record(
      recordReceipt(
        this.app,
        {
          supplier,
          location: PRODUCTION_SITE,
          time: this.time(),
          documents: [
            { type: 'PO', number: po },
            { type: 'invoice', number: `${supplier.split('-')[1]}-${this.random.int(100_000, 999_999)}` },
          ],
          lines,
        },
        this.key('receipt', po),
      ),
    );
  }

  /** Cooks each batch from explicit input lots, oldest expiry first, so genealogy is exact. */
  private async produce(batches: readonly Batch[]): Promise<void> {
    this.at(8 * 60);
    for (const batch of batches) {
      const inputs = batch.product.recipe.flatMap((r) => this.pickInputs(r.sku, toMicro(r.perJar) * batch.jars));
      const expiryDate = addDays(this.date, batch.product.shelfLifeDays);
      this.book.define(batch.product.sku, batch.lot, { expiryDate, productionDate: this.date });
      const order = this.documentNumber('MO', 4);
      await this.record(
        recordProduction(
          this.app,
          {
            location: PRODUCTION_SITE,
            time: this.time(),
            documents: [{ type: 'production order', number: order }],
            inputs,
            // Dates are explicit so the book and the ledger cannot disagree about expiry.
            outputs: [{ sku: batch.product.sku, lot: batch.lot, quantity: batch.jars, productionDate: this.date, expiryDate }],
          },
          this.key('production', order),
        ),
      );
      this.lastBatch.set(batch.product.sku, this.date);
      this.minute += 90;
    }
  }

  private pickInputs(sku: string, needed: Micro): { sku: string; lot: string; quantity: number }[] {
    const picks: { sku: string; lot: string; quantity: number }[] = [];
    let left = needed;
    for (const lot of this.book.fefo(sku, PRODUCTION_SITE, this.date, 0)) {
      if (left === 0) break;
      const take = Math.min(left, this.book.onHand(lot, PRODUCTION_SITE));
      picks.push({ sku, lot: lot.lot, quantity: fromMicro(take) });
      left -= take;
    }
    // Procurement ran just before for exactly these needs; a shortfall is a generator bug.
    if (left > 0) throw new Error(`demo generator: ${sku} short by ${fromMicro(left)} on ${this.date}`);
    return picks;
  }

  /**
   * Moves finished lots to the distribution centre the day after cooking, retention samples
   * aside. Twice in the year an export pallet is kept back at the plant and never collected: one
   * whose lot is past its sell-by date today, one whose lot expired in the last weeks — real
   * quantities for the expiry and waste views, not just retention jars.
   */
  private async transferToDistribution(): Promise<void> {
    const lines = PRODUCTS.flatMap((p) =>
      this.book
        .lotsAt(p.sku, PRODUCTION_SITE)
        .filter((l) => l.productionDate !== null && l.productionDate < this.date)
        .map((l) => ({ sku: l.sku, lot: l.lot, quantity: fromMicro(this.book.onHand(l, PRODUCTION_SITE)) - RETENTION_JARS - this.keepBack(l) }))
        .filter((l) => l.quantity > 0),
    );
    if (lines.length === 0) return;
    const n = this.next('transfer');
    await this.record(recordTransfer(this.app, { from: PRODUCTION_SITE, to: DISTRIBUTION_CENTRE, time: this.time(), lines }, this.key('transfer', String(n))));
  }

  /** Uncollected pallets by lot, and which of the two stories has been staged. */
  private readonly keptBack = new Map<BookLot, number>();
  private readonly staged = new Set<'past-sell-by' | 'expired'>();

  /** Jars of a lot that stay at the plant as an uncollected export pallet (0 for most lots). */
  private keepBack(lot: BookLot): number {
    const kept = this.keptBack.get(lot);
    if (kept !== undefined) return kept;
    const sellByDays = this.sellByDays.get(lot.sku);
    if (lot.expiryDate === null || sellByDays === undefined) return 0;
    const free = fromMicro(this.book.onHand(lot, PRODUCTION_SITE)) - RETENTION_JARS;
    const pallet = 40 * JARS_PER_CASE;
    if (free < 2 * pallet) return 0;
    const pastSellBy = addDays(lot.expiryDate, -sellByDays) < this.today && lot.expiryDate >= this.today;
    // Expired, but recently enough that the weekly clean-up has not destroyed it yet.
    const expired = lot.expiryDate < this.today && daysBetween(lot.expiryDate, this.today) <= RETENTION_AFTER_EXPIRY_DAYS - 10;
    const story = pastSellBy ? 'past-sell-by' : expired ? 'expired' : undefined;
    if (story === undefined || this.staged.has(story)) return 0;
    this.staged.add(story);
    this.keptBack.set(lot, pallet);
    return pallet;
  }

  // ── sales ──────────────────────────────────────────────────────────────────

  private async ship(customer: CustomerSpec, location: string, lines: ShipmentInput['lines']): Promise<Recorded> {
    const order = this.documentNumber('SO', 5);
    const recorded = await this.record(
      recordShipment(
        this.app,
        {
          customer: customer.code,
          location,
          time: this.time(),
          documents: [
            { type: 'order', number: order },
            { type: 'invoice', number: order.replace('SO', 'INV') },
          ],
          lines,
        },
        this.key('shipment', order),
      ),
    );
    this.shipments.push({
      id: recorded.event.id,
      customer: customer.code,
      date: this.date,
      lines: recorded.event.lines.map((l) => ({ sku: l.sku, lot: l.lot, quantity: -toMicro(l.quantity) })),
      returned: false,
    });
    return recorded;
  }

  /** Customer orders from the distribution centre, each line capped by what the customer may get. */
  private async shipOrders(orders: number): Promise<void> {
    const asked = new Map<string, number>();
    const gap = Math.floor((4 * 60) / orders);
    for (let o = 0; o < orders; o++) {
      this.at(13 * 60 + o * gap);
      const customer = this.customerPicker(this.random);
      const products = this.pickProducts(this.random.weighted([[1, 50], [2, 30], [3, 20]]));
      const lines: ShipmentInput['lines'] = [];
      for (const product of products) {
        const wanted = this.random.int(customer.cases[0], customer.cases[1]) * JARS_PER_CASE;
        asked.set(product.sku, (asked.get(product.sku) ?? 0) + wanted);
        const eligible = this.book.fefo(product.sku, DISTRIBUTION_CENTRE, this.date, customer.minShelfLifeDays);
        if (this.random.chance(0.1)) {
          // Some retailers want one lot per delivery: the freshest lot that has enough.
          const lot = eligible.filter((l) => this.book.onHand(l, DISTRIBUTION_CENTRE) >= CASE).at(-1);
          if (lot) lines.push({ sku: product.sku, lot: lot.lot, quantity: Math.min(wanted, fromMicro(this.book.onHand(lot, DISTRIBUTION_CENTRE))) });
          continue;
        }
        const available = fromMicro(sum(eligible.map((l) => this.book.onHand(l, DISTRIBUTION_CENTRE))));
        const quantity = Math.min(wanted, available);
        if (quantity >= JARS_PER_CASE) lines.push({ sku: product.sku, quantity });
      }
      if (lines.length > 0) await this.ship(customer, DISTRIBUTION_CENTRE, lines);
    }
    for (const p of PRODUCTS) this.demand.set(p.sku, 0.95 * this.demand.get(p.sku)! + 0.05 * (asked.get(p.sku) ?? 0));
  }

  /** `n` different products, each as likely as its share of demand. */
  private pickProducts(n: number): ProductSpec[] {
    const left = [...PRODUCTS];
    const out: ProductSpec[] = [];
    while (out.length < n && left.length > 0) {
      const p = this.random.weighted(left.map((q) => [q, q.demandShare] as const));
      out.push(p);
      left.splice(left.indexOf(p), 1);
    }
    return out;
  }

  /** Now and then a large account takes a pallet straight from the plant, of a lot cooked today. */
  private async palletFromPlant(): Promise<void> {
    const large = this.customers.filter((c) => c.orderWeight >= 8);
    if (large.length === 0) return;
    const customer = this.random.pick(large);
    const lot = PRODUCTS.flatMap((p) => this.book.lotsAt(p.sku, PRODUCTION_SITE))
      .filter((l) => l.productionDate === this.date && this.book.usable(l, this.date, customer.minShelfLifeDays))
      .at(0);
    if (!lot) return;
    const free = fromMicro(this.book.onHand(lot, PRODUCTION_SITE)) - RETENTION_JARS;
    const quantity = Math.min(free, this.random.int(40, 80) * JARS_PER_CASE);
    if (quantity < JARS_PER_CASE) return;
    await this.ship(customer, PRODUCTION_SITE, [{ sku: lot.sku, lot: lot.lot, quantity }]);
  }

  // ── returns and waste ──────────────────────────────────────────────────────

  /** A shipment of 2–21 days ago that nothing has been returned from yet. */
  private returnable(): ShipmentMemo | undefined {
    const candidates = this.shipments.filter((s) => {
      const age = daysBetween(s.date, this.date);
      return !s.returned && age >= 2 && age <= 21 && s.lines.length > 0;
    });
    return candidates.length === 0 ? undefined : this.random.pick(candidates);
  }

  private async returnFrom(shipment: ShipmentMemo, disposition: 'restock' | 'hold' | 'scrap'): Promise<{ sku: string; lot: string; quantity: number }> {
    const line = this.random.pick(shipment.lines);
    const quantity = Math.min(fromMicro(line.quantity), this.random.int(1, 4) * JARS_PER_CASE);
    shipment.returned = true;
    const n = this.next('return');
    await this.record(
      recordReturn(
        this.app,
        {
          customer: shipment.customer,
          location: DISTRIBUTION_CENTRE,
          shipment: shipment.id,
          time: this.time(),
          disposition,
          lines: [{ sku: line.sku, lot: line.lot, quantity }],
        },
        this.key('return', String(n)),
      ),
    );
    this.returnsDone++;
    return { sku: line.sku, lot: line.lot, quantity };
  }

  /**
   * About monthly a customer sends goods back. The first is a mis-delivery that goes straight
   * out again to another customer (so a lot's trace crosses two customers), the second arrives
   * broken and is scrapped, later ones are restocked or scrapped.
   */
  private async routineReturn(): Promise<void> {
    const shipment = this.returnable();
    if (!shipment) return;
    const nth = this.returnsDone;
    const disposition = nth === 1 ? 'scrap' : nth === 0 ? 'restock' : this.random.weighted<'restock' | 'scrap'>([['restock', 70], ['scrap', 30]]);
    const back = await this.returnFrom(shipment, disposition);
    if (nth !== 0) return;
    const lot = this.book.get(back.sku, back.lot);
    const takers = this.customers.filter((c) => c.code !== shipment.customer && this.book.usable(lot, this.date, c.minShelfLifeDays));
    const quantity = Math.min(back.quantity, fromMicro(this.book.onHand(lot, DISTRIBUTION_CENTRE)));
    if (takers.length > 0 && quantity > 0) await this.ship(this.random.pick(takers), DISTRIBUTION_CENTRE, [{ sku: back.sku, lot: back.lot, quantity }]);
  }

  /** Shortly before today a customer complains and the returned lot goes on hold for QA. */
  private async complaintReturn(): Promise<void> {
    const shipment = this.returnable();
    if (!shipment) return;
    const back = await this.returnFrom(shipment, 'hold');
    this.book.hold(back.sku, back.lot);
  }

  /**
   * The weekly clean-up: expired raw materials and distribution stock go at once; retention
   * samples are kept a while past expiry, as QA requires, so some expired stock is always on hand.
   */
  private async writeOffExpired(): Promise<void> {
    const byLocation = new Map<string, { sku: string; lot: string; quantity: number }[]>();
    const isProduct = new Set(PRODUCTS.map((p) => p.sku));
    for (const lot of this.book.allLive()) {
      if (lot.expiryDate === null || lot.expiryDate >= this.date) continue;
      for (const [location, quantity] of lot.stock) {
        const retained = location === PRODUCTION_SITE && isProduct.has(lot.sku);
        if (retained && daysBetween(lot.expiryDate, this.date) <= RETENTION_AFTER_EXPIRY_DAYS) continue;
        const lines = byLocation.get(location) ?? [];
        lines.push({ sku: lot.sku, lot: lot.lot, quantity: fromMicro(quantity) });
        byLocation.set(location, lines);
      }
    }
    for (const [location, lines] of byLocation) {
      const n = this.next('write-off');
      await this.record(recordWriteOff(this.app, { location, reason: 'expired', time: this.time(), lines }, this.key('write-off', String(n))));
    }
  }

  /** Jars dropped or broken at the distribution centre. */
  private async damagedWriteOff(): Promise<void> {
    const lots = PRODUCTS.flatMap((p) => this.book.lotsAt(p.sku, DISTRIBUTION_CENTRE)).filter((l) => this.book.onHand(l, DISTRIBUTION_CENTRE) >= CASE);
    if (lots.length === 0) return;
    const lot = this.random.pick(lots);
    const quantity = Math.min(fromMicro(this.book.onHand(lot, DISTRIBUTION_CENTRE)), this.random.int(1, 12));
    const n = this.next('write-off');
    await this.record(
      recordWriteOff(this.app, { location: DISTRIBUTION_CENTRE, reason: 'damaged', time: this.time(), lines: [{ sku: lot.sku, lot: lot.lot, quantity }] }, this.key('write-off', String(n))),
    );
  }
}

/** Picks items with probability proportional to their weight, by binary search over the running total. */
function weightedPicker<T>(items: readonly T[], weight: (item: T) => number): (random: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) cumulative.push((total += weight(item)));
  return (random) => {
    const roll = random.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > roll) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}
