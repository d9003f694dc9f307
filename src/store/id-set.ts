import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './db.js';

// A set of ids travels as ONE bind parameter (a JSON array on SQLite, a bigint[] on PostgreSQL):
// sets of any size cost one parameter and one statement, where `in (?, ?, …)` would hit the
// engines' parameter limits on large traces.

/** The ids as rows of one column, e.g. to seed a recursive CTE. */
export function idRows(dialect: Dialect, ids: readonly number[]): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`select value from json_each(${JSON.stringify(ids)})` : sql<number>`select unnest(${[...ids]}::bigint[])`;
}

/**
 * The condition "`column` is one of `ids`". On PostgreSQL it is `= any(array)`, an index condition
 * estimated from the array's actual values, where `in (select unnest(…))` would add a set-returning
 * scan, a de-duplicating aggregate and a semi join to every statement (a quarter to a third of a
 * small trace statement's time).
 */
export function inIdSet(dialect: Dialect, column: string, ids: readonly number[]): RawBuilder<boolean> {
  return dialect === 'sqlite' ? sql<boolean>`${sql.ref(column)} in (${idRows(dialect, ids)})` : sql<boolean>`${sql.ref(column)} = any(${[...ids]}::bigint[])`;
}

/** The condition "`column` is one of `codes`", as one parameter like `inIdSet`. */
export function inCodeSet(dialect: Dialect, column: string, codes: readonly string[]): RawBuilder<boolean> {
  return dialect === 'sqlite'
    ? sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(codes)}))`
    : sql<boolean>`${sql.ref(column)} = any(${[...codes]}::text[])`;
}
