import type { Insertable, Selectable } from 'kysely';
import type { ItemsTable, LocationsTable, PartiesTable } from './schema.js';
import { containsText } from './search.js';
import type { Tx } from './transaction.js';

export type ItemRow = Selectable<ItemsTable>;
export type PartyRow = Selectable<PartiesTable>;
export type LocationRow = Selectable<LocationsTable>;

export async function insertItem(db: Tx, row: Insertable<ItemsTable>): Promise<void> {
  await db.insertInto('items').values(row).execute();
}

export async function findItems(db: Tx, skus: readonly string[]): Promise<ItemRow[]> {
  if (skus.length === 0) return [];
  return db.selectFrom('items').selectAll().where('sku', 'in', [...new Set(skus)]).execute();
}

export async function findItemByGtin(db: Tx, gtin: string): Promise<ItemRow | undefined> {
  return db.selectFrom('items').selectAll().where('gtin', '=', gtin).executeTakeFirst();
}

export async function findItemsByGtins(db: Tx, gtins: readonly string[]): Promise<ItemRow[]> {
  if (gtins.length === 0) return [];
  return db.selectFrom('items').selectAll().where('gtin', 'in', [...new Set(gtins)]).execute();
}

export async function listItems(db: Tx, page: { after?: string; limit: number }): Promise<ItemRow[]> {
  let q = db.selectFrom('items').selectAll().orderBy('sku').limit(page.limit);
  if (page.after !== undefined) q = q.where('sku', '>', page.after);
  return q.execute();
}

export async function insertParty(db: Tx, row: Insertable<PartiesTable>): Promise<void> {
  await db.insertInto('parties').values(row).execute();
}

export async function findParties(db: Tx, codes: readonly string[]): Promise<PartyRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('parties').selectAll().where('code', 'in', [...new Set(codes)]).execute();
}

export async function listParties(
  db: Tx,
  filter: { role?: 'supplier' | 'customer'; search?: string },
  page: { after?: string; limit: number },
): Promise<PartyRow[]> {
  let q = db.selectFrom('parties').selectAll().orderBy('code').limit(page.limit);
  if (filter.role === 'supplier') q = q.where('is_supplier', '=', 1);
  if (filter.role === 'customer') q = q.where('is_customer', '=', 1);
  if (filter.search !== undefined) q = q.where(containsText(['code', 'name'], filter.search));
  if (page.after !== undefined) q = q.where('code', '>', page.after);
  return q.execute();
}

export async function insertLocation(db: Tx, row: Insertable<LocationsTable>): Promise<void> {
  await db.insertInto('locations').values(row).execute();
}

export async function findLocations(db: Tx, codes: readonly string[]): Promise<LocationRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('locations').selectAll().where('code', 'in', [...new Set(codes)]).execute();
}

export async function listLocations(db: Tx, page: { after?: string; limit: number }): Promise<LocationRow[]> {
  let q = db.selectFrom('locations').selectAll().orderBy('code').limit(page.limit);
  if (page.after !== undefined) q = q.where('code', '>', page.after);
  return q.execute();
}
