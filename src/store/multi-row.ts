import { CompiledQuery, type Compilable } from 'kysely';
import { chunks, type Tx } from './transaction.js';

// Distinct statement texts kept (shape × row count); the least recently used is dropped first.
const CACHE_SIZE = 64;
const texts = new Map<string, string>();

/**
 * Runs `statement(part)` — a statement over many rows, such as a multi-row INSERT or a lookup by
 * a list of keys — for each part of `rows`, `perStatement` rows at a time, and returns the rows
 * it returns. Kysely parses and compiles each of a batch's tens of thousands of values on every
 * execution; here the SQL text is compiled once per statement shape and row count and runs with
 * the rows' values as its parameters (and SQLite reuses the statement it prepared for that text,
 * see db.ts). `statement` must take one parameter per key of each row, row by row, in the key
 * order of the first row, and nothing else (checked). A part whose rows differ in keys or hold
 * anything but plain values is left to Kysely as it is (it writes DEFAULT for a missing value).
 */
export async function executeForRows<T extends object, O = unknown>(
  db: Tx,
  rows: readonly T[],
  statement: (rows: readonly T[]) => Compilable<O>,
  perStatement = 500,
): Promise<O[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!) as (keyof T)[];
  // A row whose values are their column numbers stands for any row (the SQL text does not depend
  // on the values) and shows which value the statement takes where.
  const probe = Object.fromEntries(columns.map((c, i) => [c, i])) as T;
  // The one-row text names the shape, dialect included, and costs little to compile.
  const shape = statement([probe]).compile();
  if (shape.parameters.length !== columns.length || shape.parameters.some((p, i) => p !== i)) {
    throw new Error(`executeForRows: the statement must take the values of ${columns.join(', ')}, in that order, and nothing else`);
  }
  const out: O[] = [];
  for (const part of chunks(rows, perStatement)) {
    const parameters = valuesOf(part, columns);
    const query = parameters
      ? CompiledQuery.raw(textFor(shape.sql, part.length, () => statement(part.map(() => probe)).compile().sql), parameters)
      : statement(part).compile();
    out.push(...(await db.executeQuery<O>(query)).rows);
  }
  return out;
}

/** The rows' values column by column, or undefined when a row is not a plain row of `columns`. */
function valuesOf<T extends object>(rows: readonly T[], columns: readonly (keyof T)[]): unknown[] | undefined {
  const out: unknown[] = [];
  for (const row of rows) {
    let keys = 0;
    // Counts without allocating: a batch has tens of thousands of rows.
    for (const _ in row) keys++;
    if (keys !== columns.length) return undefined;
    for (const c of columns) {
      const v = row[c];
      if (v === undefined || (typeof v === 'object' && v !== null)) return undefined;
      out.push(v);
    }
  }
  return out;
}

function textFor(shape: string, rowCount: number, compile: () => string): string {
  const key = `${rowCount}\u0000${shape}`;
  const hit = texts.get(key);
  if (hit !== undefined) {
    texts.delete(key);
    texts.set(key, hit);
    return hit;
  }
  const text = compile();
  texts.set(key, text);
  if (texts.size > CACHE_SIZE) texts.delete(texts.keys().next().value!);
  return text;
}
