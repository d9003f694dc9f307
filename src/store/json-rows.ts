import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './db.js';

/*
 * Rows that come back as ONE JSON value, an array of arrays of the columns: turning thousands of
 * result rows into JavaScript objects costs a driver a few microseconds each (more than the
 * database's own work), where V8 parses one JSON text of them several times faster.
 */

/** The aggregate of a subquery's rows as one JSON array of arrays of `columns` (`[]` for none). */
export function jsonRows(dialect: Dialect, columns: RawBuilder<unknown>): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`json_group_array(json_array(${columns}))` : sql`coalesce(json_agg(json_build_array(${columns})), '[]'::json)`;
}

export type Tuple = unknown[];

/** The tuples of a `jsonRows` column: SQLite hands JSON back as text, node-postgres has already parsed a `json` column. */
export function tuples(value: unknown): Tuple[] {
  return typeof value === 'string' ? (JSON.parse(value) as Tuple[]) : (value as Tuple[]);
}
