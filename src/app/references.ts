import { Invalid, type ErrorDetail } from '../domain/errors.js';
import { findItems, findLocations, findParties, type ItemRow, type LocationRow, type PartyRow } from '../store/master-data.repository.js';
import { findLots, type LotRow } from '../store/lots.repository.js';
import type { Tx } from '../store/transaction.js';

/** Master data read so far in a scope that changes none of it (see `withMasterDataCache`). */
interface MasterDataCache {
  parties: Map<string, PartyRow>;
  locations: Map<string, LocationRow>;
  items: Map<string, ItemRow>;
}

const caches = new WeakMap<Tx, MasterDataCache>();

/**
 * Runs `fn` with the items, parties and locations that `References` finds in `trx` remembered
 * until it returns, so that many use cases checked in one transaction (a batch of events) read
 * each code once. Only for work that changes no item, party or location inside `fn`; codes not
 * found are looked up again each time.
 */
export async function withMasterDataCache<T>(trx: Tx, fn: () => Promise<T>): Promise<T> {
  if (caches.has(trx)) return fn();
  caches.set(trx, { parties: new Map(), locations: new Map(), items: new Map() });
  try {
    return await fn();
  } finally {
    caches.delete(trx);
  }
}

/** The rows of `keys`, from the scope's cache where it has them, the rest read by `find`. */
async function lookUp<R>(
  trx: Tx,
  kind: keyof MasterDataCache,
  keys: readonly string[],
  keyOf: (row: R) => string,
  find: (trx: Tx, keys: readonly string[]) => Promise<R[]>,
): Promise<R[]> {
  const cache = caches.get(trx)?.[kind] as Map<string, R> | undefined;
  if (!cache) return find(trx, keys);
  const missing = [...new Set(keys)].filter((k) => !cache.has(k));
  if (missing.length > 0) for (const row of await find(trx, missing)) cache.set(keyOf(row), row);
  return [...new Set(keys)].flatMap((k) => (cache.has(k) ? [cache.get(k)!] : []));
}

/**
 * Resolves the codes a request refers to, one statement per kind, and reports every unknown
 * reference at once as a 400 naming each field.
 */
export class References {
  private readonly problems: ErrorDetail[] = [];

  constructor(private readonly trx: Tx) {}

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Throws the collected problems, if any, as one Invalid. */
  check(): void {
    if (this.problems.length > 0) {
      throw new Invalid(this.problems.map((p) => `${p.path}: ${p.message}`).join('; '), [...this.problems]);
    }
  }

  async party(code: string, role: 'supplier' | 'customer', path: string): Promise<PartyRow | undefined> {
    const [row] = await lookUp(this.trx, 'parties', [code], (p: PartyRow) => p.code, findParties);
    if (!row) this.fail(path, `unknown party "${code}"`);
    else if (!(role === 'supplier' ? row.is_supplier : row.is_customer)) this.fail(path, `party "${code}" is not a ${role}`);
    return row;
  }

  async locations(refs: readonly { code: string; path: string }[]): Promise<Map<string, LocationRow>> {
    const rows = await lookUp(this.trx, 'locations', refs.map((r) => r.code), (l: LocationRow) => l.code, findLocations);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const r of refs) if (!byCode.has(r.code)) this.fail(r.path, `unknown location "${r.code}"`);
    return byCode;
  }

  async items(refs: readonly { sku: string; path: string }[]): Promise<Map<string, ItemRow>> {
    const rows = await lookUp(this.trx, 'items', refs.map((r) => r.sku), (i: ItemRow) => i.sku, findItems);
    const bySku = new Map(rows.map((r) => [r.sku, r]));
    for (const r of refs) if (!bySku.has(r.sku)) this.fail(r.path, `unknown item "${r.sku}"`);
    return bySku;
  }

  /** Existing lots by `lotKey`; `mustExist` refs that are missing are reported. */
  async lots(refs: readonly { sku: string; lot: string; path: string; mustExist: boolean }[]): Promise<Map<string, LotRow>> {
    const rows = await findLots(this.trx, refs.map((r) => ({ sku: r.sku, code: r.lot })));
    const byKey = new Map(rows.map((r) => [lotKey(r.sku, r.code), { ...r, id: Number(r.id) }]));
    for (const r of refs) {
      if (r.mustExist && !byKey.has(lotKey(r.sku, r.lot))) this.fail(r.path, `unknown lot "${r.lot}" of item "${r.sku}"`);
    }
    return byKey;
  }
}

export const lotKey = (sku: string, lot: string): string => `${sku}\u0000${lot}`;

export const lotLabel = (sku: string, lot: string): string => `${sku}/${lot}`;
