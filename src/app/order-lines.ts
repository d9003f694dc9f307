import { Invalid } from '../domain/errors.js';
import type { Micro } from '../domain/quantity.js';
import type { Tx } from '../store/transaction.js';
import { positiveQuantity } from './inputs.js';
import { decodeCursor, encodeCursor, isString, pageLimit, type Page, type PageRequest } from './paging.js';

/**
 * Lines of an order or recipe: at least one, each item once (quantities of one item belong on one
 * line, so receiving, allocating and reserving never have to guess which line is meant), positive
 * quantities. Returns the quantities in micro-units.
 */
export function checkItemLines(lines: readonly { sku: string; quantity: number }[], path: string): Micro[] {
  if (lines.length === 0) throw Invalid.at(path, 'must contain at least one line');
  const seen = new Map<string, number>();
  return lines.map((l, i) => {
    const first = seen.get(l.sku);
    if (first !== undefined) throw Invalid.at(`${path}.${i}.sku`, `item "${l.sku}" is already on line ${first}`);
    seen.set(l.sku, i);
    return positiveQuantity(l.quantity, `${path}.${i}.quantity`);
  });
}

/** Newest-first keyset paging over an order table whose views are loaded a page at a time. */
export async function pageOfOrders<R extends { id: string }, V>(
  db: Tx,
  page: PageRequest,
  fetch: (before: string | undefined, limit: number) => Promise<R[]>,
  views: (db: Tx, rows: R[]) => Promise<V[]>,
): Promise<Page<V>> {
  const limit = pageLimit(page.limit);
  const before = decodeCursor(page.cursor, isString);
  const rows = await fetch(before, limit + 1);
  const more = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  return { items: await views(db, pageRows), nextCursor: more ? encodeCursor(pageRows.at(-1)!.id) : null };
}
