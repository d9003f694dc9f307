import { Invalid, type ErrorDetail } from '../domain/errors.js';
import { findItems, findLocations, findParties, type ItemRow, type LocationRow, type PartyRow } from '../store/master-data.repository.js';
import { findLots, type LotKey, type LotRow } from '../store/lots.repository.js';
import { chunks, type Tx } from '../store/transaction.js';
import type { EventDraft } from './event-writer.js';

/** The codes a use case's builder resolves, declared so that a batch can read them all at once. */
export interface ReferencedCodes {
  parties?: readonly string[];
  locations?: readonly string[];
  items?: readonly string[];
  lots?: readonly LotKey[];
}

/**
 * A use case's step that checks and builds its event inside the ledger transaction, optionally
 * declaring the codes it will resolve.
 */
export type EventBuilder = ((trx: Tx, eventId: string) => Promise<EventDraft>) & { readonly references?: ReferencedCodes };

/** `build` declaring the codes it resolves, so a batch reads them with its others (see `withReferenceCache`). */
export function declaringReferences(codes: ReferencedCodes, build: (trx: Tx, eventId: string) => Promise<EventDraft>): EventBuilder {
  return Object.assign(build, { references: codes });
}

/** How one kind of code (`C`) is keyed and read, many codes per statement. */
interface Source<R, C = string> {
  key(code: C): string;
  keyOf(row: R): string;
  find(trx: Tx, codes: readonly C[]): Promise<R[]>;
}

const same = (code: string): string => code;
const parties: Source<PartyRow> = { key: same, keyOf: (p) => p.code, find: findParties };
const locations: Source<LocationRow> = { key: same, keyOf: (l) => l.code, find: findLocations };
const items: Source<ItemRow> = { key: same, keyOf: (i) => i.sku, find: findItems };
const lots: Source<LotRow, LotKey> = {
  key: (l) => lotKey(l.sku, l.code),
  keyOf: (l) => lotKey(l.sku, l.code),
  find: async (trx, codes) => (await findLots(trx, codes)).map((r) => ({ ...r, id: Number(r.id) })),
};

/**
 * What a scope has read so far, by key; null for a key known not to exist. Lots created in the
 * scope are added as they are made (`rememberLots`).
 */
interface ReferenceCache {
  parties: Map<string, PartyRow | null>;
  locations: Map<string, LocationRow | null>;
  items: Map<string, ItemRow | null>;
  lots: Map<string, LotRow | null>;
}

const caches = new WeakMap<Tx, ReferenceCache>();

// Keys per statement: far below both engines' bind-parameter limits (a lot key takes two).
const KEYS_PER_STATEMENT = 500;

/**
 * Runs `fn` with every item, party, location and lot that `References` resolves in `trx`
 * remembered until it returns, the `declared` codes read up front in one statement per kind (per
 * 500 codes): many use cases checked in one transaction (a batch of events) read each code once,
 * and most of them none. Lots that `LotMaker` creates inside `fn` are remembered as it makes
 * them, so later use cases find them. Only for work that changes no item, party, location or
 * existing lot inside `fn` and creates lots only through `LotMaker`: a code found missing stays
 * missing, a row read stays as read.
 */
export async function withReferenceCache<T>(trx: Tx, declared: readonly ReferencedCodes[], fn: () => Promise<T>): Promise<T> {
  // A scope opened inside another (a savepoint in the same transaction) keeps its own cache: what
  // it creates must not outlive it if it rolls back.
  const outer = caches.get(trx);
  const cache: ReferenceCache = { parties: new Map(), locations: new Map(), items: new Map(), lots: new Map() };
  caches.set(trx, cache);
  try {
    await lookUp(trx, parties, cache.parties, declared.flatMap((d) => d.parties ?? []));
    await lookUp(trx, locations, cache.locations, declared.flatMap((d) => d.locations ?? []));
    await lookUp(trx, items, cache.items, declared.flatMap((d) => d.items ?? []));
    await lookUp(trx, lots, cache.lots, declared.flatMap((d) => d.lots ?? []));
    return await fn();
  } finally {
    if (outer) caches.set(trx, outer);
    else caches.delete(trx);
  }
}

/** Adds lots just created in `trx` to the scope's cache, when a scope is open (see `withReferenceCache`). */
export function rememberLots(trx: Tx, created: readonly LotRow[]): void {
  const cache = caches.get(trx)?.lots;
  if (cache) for (const l of created) cache.set(lots.keyOf(l), l);
}

/** Every lot the open scope of `trx` has resolved or created so far, by id. */
export function rememberedLots(trx: Tx): Map<number, LotRow> {
  const out = new Map<number, LotRow>();
  for (const l of caches.get(trx)?.lots.values() ?? []) if (l) out.set(l.id, l);
  return out;
}

/** The rows of `codes` that exist, by key: from `cache` where it knows the code, the rest read (and remembered). */
async function lookUp<R, C>(trx: Tx, source: Source<R, C>, cache: Map<string, R | null> | undefined, codes: readonly C[]): Promise<Map<string, R>> {
  if (!cache) return new Map((codes.length === 0 ? [] : await source.find(trx, codes)).map((row) => [source.keyOf(row), row]));
  const found = new Map<string, R>();
  // Most codes of a batch's events were read up front or made earlier in it: nothing to read.
  let missing: Map<string, C> | undefined;
  for (const c of codes) {
    const key = source.key(c);
    const row = cache.get(key);
    if (row) found.set(key, row);
    else if (row === undefined) (missing ??= new Map()).set(key, c);
  }
  if (!missing) return found;
  for (const part of chunks([...missing], KEYS_PER_STATEMENT)) {
    for (const [key] of part) cache.set(key, null);
    for (const row of await source.find(trx, part.map(([, c]) => c))) {
      const key = source.keyOf(row);
      cache.set(key, row);
      found.set(key, row);
    }
  }
  return found;
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
    const row = (await lookUp(this.trx, parties, caches.get(this.trx)?.parties, [code])).get(code);
    if (!row) this.fail(path, `unknown party "${code}"`);
    else if (!(role === 'supplier' ? row.is_supplier : row.is_customer)) this.fail(path, `party "${code}" is not a ${role}`);
    return row;
  }

  async locations(refs: readonly { code: string; path: string }[]): Promise<Map<string, LocationRow>> {
    const byCode = await lookUp(this.trx, locations, caches.get(this.trx)?.locations, refs.map((r) => r.code));
    for (const r of refs) if (!byCode.has(r.code)) this.fail(r.path, `unknown location "${r.code}"`);
    return byCode;
  }

  async items(refs: readonly { sku: string; path: string }[]): Promise<Map<string, ItemRow>> {
    const bySku = await lookUp(this.trx, items, caches.get(this.trx)?.items, refs.map((r) => r.sku));
    for (const r of refs) if (!bySku.has(r.sku)) this.fail(r.path, `unknown item "${r.sku}"`);
    return bySku;
  }

  /** Existing lots by `lotKey`; `mustExist` refs that are missing are reported. */
  async lots(refs: readonly { sku: string; lot: string; path: string; mustExist: boolean }[]): Promise<Map<string, LotRow>> {
    const byKey = await lookUp(this.trx, lots, caches.get(this.trx)?.lots, refs.map((r) => ({ sku: r.sku, code: r.lot })));
    for (const r of refs) {
      if (r.mustExist && !byKey.has(lotKey(r.sku, r.lot))) this.fail(r.path, `unknown lot "${r.lot}" of item "${r.sku}"`);
    }
    return byKey;
  }
}

export const lotKey = (sku: string, lot: string): string => `${sku}\u0000${lot}`;

export const lotLabel = (sku: string, lot: string): string => `${sku}/${lot}`;
