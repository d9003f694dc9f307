import { addDays, isCalendarDate } from '../domain/dates.js';
import { Conflict, Invalid } from '../domain/errors.js';
import type { ItemRow } from '../store/master-data.repository.js';
import { insertLots, type LotRow } from '../store/lots.repository.js';
import type { Tx } from '../store/transaction.js';
import type { App } from './context.js';
import { lotKey, rememberLots } from './references.js';

/** One line's lot, as `LotMaker.lots` takes it. */
export interface LotRequest {
  item: ItemRow;
  code: string;
  given: LotAttributes;
  path: string;
  defaultProductionDate?: string;
  latestDefaultExpiry?: string;
}

/** What a request says of a lot; its dates already checked as calendar dates (`requireDate`). */
export interface LotAttributes {
  productionDate?: string;
  expiryDate?: string;
  supplier?: string;
  supplierLot?: string;
}

/** Lots created in a scope that writes them together (see `withLotsWrittenTogether`), by transaction. */
const held = new WeakMap<Tx, LotRow[]>();

/**
 * Runs `fn` with the lots that `LotMaker` creates in `trx` held back and numbered provisionally
 * (-1, -2, …), then writes them all in multi-row statements, in the order they were made, and
 * gives each its real id; returns what `fn` returned and the real id of every provisional one.
 * A batch of events creates hundreds of lots, a few per event: written together, they take a
 * few statements instead of one per event. Only for `fn`s that use the ids of lots they create
 * nowhere but in what they return, where the caller replaces them, and that find such lots again
 * only through `References` (the reference cache, see `withReferenceCache`).
 */
export async function withLotsWrittenTogether<T>(trx: Tx, fn: () => Promise<T>): Promise<{ result: T; ids: Map<number, number> }> {
  const outer = held.get(trx);
  const lots: LotRow[] = [];
  held.set(trx, lots);
  let result: T;
  try {
    result = await fn();
  } finally {
    if (outer) held.set(trx, outer);
    else held.delete(trx);
  }
  const real = await insertLots(trx, lots.map(({ id: _, ...row }) => row));
  const ids = new Map<number, number>();
  lots.forEach((lot, i) => {
    ids.set(lot.id, real[i]!);
    lot.id = real[i]!;
  });
  return { result, ids };
}

/**
 * Finds or creates the lots an event brings stock into. A lot is created by the first event that
 * names it; later events must agree with what it already says (origin, supplier, dates), since a
 * lot with two expiry dates would make FEFO and recalls lie.
 */
export class LotMaker {
  private readonly made = new Map<string, LotRow>();

  constructor(
    private readonly app: App,
    private readonly trx: Tx,
    private readonly eventId: string,
    private readonly origin: LotRow['origin'],
    private readonly existing: ReadonlyMap<string, LotRow>,
  ) {}

  /**
   * The lots of an event's lines, in line order: a lot named before must agree with the request,
   * a new one is created — all of them in one multi-row insert, or with the rest of a batch's
   * (`withLotsWrittenTogether`). `defaultProductionDate` applies only to a new lot; an existing
   * lot keeps its own. So does `latestDefaultExpiry`: a derived expiry (production date + shelf
   * life, or none) never passes it.
   */
  async lots(requests: readonly LotRequest[]): Promise<LotRow[]> {
    const planned = new Map<string, LotRow>();
    const fresh: LotRow[] = [];
    const out = requests.map((r) => {
      const key = lotKey(r.item.sku, r.code);
      const known = this.made.get(key) ?? planned.get(key) ?? this.existing.get(key);
      if (known) {
        this.checkAgrees(known, r.given, r.path);
        return known;
      }
      const lot = { ...this.newRow(r), id: 0 };
      planned.set(key, lot);
      fresh.push(lot);
      return lot;
    });
    if (fresh.length > 0) {
      const later = held.get(this.trx);
      if (later) {
        for (const lot of fresh) {
          later.push(lot);
          lot.id = -later.length;
        }
      } else {
        const ids = await insertLots(this.trx, fresh.map(({ id: _, ...row }) => row));
        fresh.forEach((lot, i) => (lot.id = ids[i]!));
      }
      for (const [key, lot] of planned) this.made.set(key, lot);
      // Later events of a batch find these lots in the batch's cache, not by reading them back.
      rememberLots(this.trx, fresh);
    }
    return out;
  }

  /** The row of a lot `r` names for the first time, its dates derived and checked. */
  private newRow(r: LotRequest): Omit<LotRow, 'id'> {
    const { item, code, given, path, defaultProductionDate, latestDefaultExpiry } = r;
    const attrs = { ...given, productionDate: given.productionDate ?? defaultProductionDate };
    if (attrs.productionDate && attrs.expiryDate && attrs.expiryDate < attrs.productionDate) {
      throw Invalid.at(`${path}.expiryDate`, 'must not be before productionDate');
    }
    const derived = attrs.productionDate && item.shelf_life_days !== null ? addDays(attrs.productionDate, item.shelf_life_days) : null;
    const capped = latestDefaultExpiry !== undefined && (derived === null || latestDefaultExpiry < derived) ? latestDefaultExpiry : derived;
    const expiryDate = attrs.expiryDate ?? capped;
    const sellByDate = expiryDate !== null && item.sell_by_days !== null ? addDays(expiryDate, -item.sell_by_days) : null;
    // Derived dates can leave the four-digit years every date field promises (a given date was checked).
    if (attrs.expiryDate === undefined && expiryDate !== null && !isCalendarDate(expiryDate)) throw Invalid.at(`${path}.productionDate`, 'plus the shelf life is past 9999-12-31');
    if (sellByDate !== null && !isCalendarDate(sellByDate)) throw Invalid.at(`${path}.expiryDate`, 'minus the sell-by days is too early a date');
    return {
      sku: item.sku,
      code,
      origin: this.origin,
      supplier: attrs.supplier ?? null,
      supplier_lot: attrs.supplierLot ?? null,
      production_date: attrs.productionDate ?? null,
      expiry_date: expiryDate,
      sell_by_date: sellByDate,
      hold_state: 'available' as const,
      hold_reason: null,
      created_event_id: this.eventId,
      created_at: this.app.clock.now().toISOString(),
    };
  }

  private checkAgrees(lot: LotRow, attrs: LotAttributes, path: string): void {
    const label = `lot "${lot.code}" of item "${lot.sku}"`;
    if (lot.origin !== this.origin) {
      throw Conflict.at(`${path}.lot`, `${label} was ${lot.origin === 'receipt' ? 'received from a supplier' : 'produced here'}; it cannot also be ${this.origin === 'receipt' ? 'received' : 'produced'}`);
    }
    const clash = (field: keyof LotAttributes, current: string | null) => {
      const given = attrs[field];
      if (given !== undefined && given !== current) {
        throw Conflict.at(`${path}.${field}`, `${label} already has ${field} ${current ?? 'unset'}, not ${given}`);
      }
    };
    clash('supplier', lot.supplier);
    clash('supplierLot', lot.supplier_lot);
    clash('productionDate', lot.production_date);
    clash('expiryDate', lot.expiry_date);
  }
}
