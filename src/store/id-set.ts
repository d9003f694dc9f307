import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './db.js';

/**
 * A set of ids as ONE bind parameter, usable as `x in (<idSet>)`: SQLite expands a JSON array with
 * json_each, PostgreSQL unnests a bigint[]. Sets of any size cost one parameter and one statement,
 * where `in (?, ?, …)` would hit the engines' parameter limits on large traces.
 */
export function idSet(dialect: Dialect, ids: readonly number[]): RawBuilder<number> {
  return dialect === 'sqlite'
    ? sql<number>`select value from json_each(${JSON.stringify(ids)})`
    : sql<number>`select unnest(${[...ids]}::bigint[])`;
}
