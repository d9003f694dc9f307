import { Invalid } from '../domain/errors.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw Invalid.at('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, valid: (key: unknown) => key is T): T | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw Invalid.at('cursor', 'is not a cursor this server issued');
  }
  if (!valid(key)) throw Invalid.at('cursor', 'is not a cursor this server issued');
  return key;
}

/**
 * Runs a keyset query for one more row than asked, so the next cursor is only offered when a
 * next page really exists.
 */
export async function paginate<R, T>(
  limit: number,
  fetch: (limitPlusOne: number) => Promise<R[]>,
  view: (row: R) => T,
  keyOf: (row: R) => unknown,
): Promise<Page<T>> {
  const rows = await fetch(limit + 1);
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(view), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

export const isString = (k: unknown): k is string => typeof k === 'string';
export const isNumber = (k: unknown): k is number => typeof k === 'number' && Number.isInteger(k);
