import { daysBetween, type CalendarDate } from '../../domain/dates.js';
import { toMicro, type Micro } from '../../domain/quantity.js';
import type { EventLineView } from '../event-views.js';

/** What the demo knows about a lot: enough to predict what the ledger will accept. */
export interface BookLot {
  sku: string;
  lot: string;
  expiryDate: CalendarDate | null;
  productionDate: CalendarDate | null;
  held: boolean;
  /** Creation order: FEFO's tie-break after expiry. */
  order: number;
  stock: Map<string, Micro>;
}

/**
 * The generator's own copy of stock per lot and location, kept in step with every recorded
 * event's lines. The generator plans each movement against it — only what is on hand, only lots
 * a customer's shelf-life policy accepts — so the ledger never has to refuse a demo event.
 */
export class StockBook {
  private readonly lots = new Map<string, BookLot>();
  /** Lots with stock somewhere, per sku, in creation order; depleted lots drop out. */
  private readonly live = new Map<string, BookLot[]>();
  private created = 0;

  /** How many lots the demo has created. */
  get size(): number {
    return this.lots.size;
  }

  define(sku: string, lot: string, dates: { expiryDate: CalendarDate | null; productionDate?: CalendarDate | null }): void {
    const key = `${sku}\u0000${lot}`;
    if (this.lots.has(key)) return;
    const entry: BookLot = { sku, lot, expiryDate: dates.expiryDate, productionDate: dates.productionDate ?? null, held: false, order: this.created++, stock: new Map() };
    this.lots.set(key, entry);
  }

  get(sku: string, lot: string): BookLot {
    const entry = this.lots.get(`${sku}\u0000${lot}`);
    if (!entry) throw new Error(`demo bookkeeping: unknown lot ${sku}/${lot}`);
    return entry;
  }

  /** Applies an event's lines exactly as the ledger recorded them. */
  post(lines: readonly EventLineView[]): void {
    for (const l of lines) {
      const entry = this.get(l.sku, l.lot);
      const wasLive = [...entry.stock.values()].some((q) => q !== 0);
      const next = (entry.stock.get(l.location) ?? 0) + toMicro(l.quantity);
      if (next < 0) throw new Error(`demo bookkeeping: ${l.sku}/${l.lot} at ${l.location} went negative`);
      if (next === 0) entry.stock.delete(l.location);
      else entry.stock.set(l.location, next);
      const isLive = entry.stock.size > 0;
      if (isLive && !wasLive) this.live.set(entry.sku, [...(this.live.get(entry.sku) ?? []), entry].sort((a, b) => a.order - b.order));
      if (!isLive && wasLive) this.live.set(entry.sku, (this.live.get(entry.sku) ?? []).filter((e) => e !== entry));
    }
  }

  hold(sku: string, lot: string): void {
    this.get(sku, lot).held = true;
  }

  onHand(entry: BookLot, location: string): Micro {
    return entry.stock.get(location) ?? 0;
  }

  /** Lots of an item with stock at a location, in creation order. */
  lotsAt(sku: string, location: string): BookLot[] {
    return (this.live.get(sku) ?? []).filter((e) => e.stock.has(location));
  }

  /** Every lot with stock anywhere. */
  allLive(): BookLot[] {
    return [...this.live.values()].flat();
  }

  /** Mirrors the ledger's rule (`unusableReason`): not held, and enough days left on `date`. */
  usable(entry: BookLot, date: CalendarDate, minShelfLifeDays: number): boolean {
    if (entry.held) return false;
    return entry.expiryDate === null || daysBetween(date, entry.expiryDate) >= minShelfLifeDays;
  }

  /** Usable lots at a location, first-expiry-first-out (no expiry last, then oldest first). */
  fefo(sku: string, location: string, date: CalendarDate, minShelfLifeDays: number): BookLot[] {
    return this.lotsAt(sku, location)
      .filter((e) => this.usable(e, date, minShelfLifeDays))
      .sort((a, b) => {
        if (a.expiryDate !== b.expiryDate) {
          if (a.expiryDate === null) return 1;
          if (b.expiryDate === null) return -1;
          return a.expiryDate < b.expiryDate ? -1 : 1;
        }
        return a.order - b.order;
      });
  }

  /** What first-expiry-first-out could pick for this customer policy: the ceiling of a shipment line. */
  eligible(sku: string, location: string, date: CalendarDate, minShelfLifeDays: number): Micro {
    return this.fefo(sku, location, date, minShelfLifeDays).reduce((s, e) => s + this.onHand(e, location), 0);
  }
}
