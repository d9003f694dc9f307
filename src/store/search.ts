import { sql, type RawBuilder } from 'kysely';

/** A LIKE pattern matching `text` anywhere; a backslash escapes the wildcards a code may hold. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * True where any of `columns` contains `text`, case-insensitively, wildcards taken literally.
 * lower() on both sides, so each engine folds case the same way for data and pattern (SQLite's
 * lower() is ASCII-only; a pattern lowered in JavaScript would miss non-ASCII codes there).
 */
export function containsText(columns: readonly string[], text: string): RawBuilder<boolean> {
  const pattern = containsPattern(text);
  return sql<boolean>`(${sql.join(
    columns.map((c) => sql`lower(${sql.ref(c)}) like lower(${pattern}) escape '\\'`),
    sql` or `,
  )})`;
}
