/** A row of an editable list (order lines, documents, lots): a stable React key, as rows are added and removed. */
export interface Keyed {
  key: number;
}

let nextKey = 1;
export const rowKey = (): number => nextKey++;

export function updateRow<R extends Keyed>(rows: readonly R[], key: number, patch: Partial<R>): R[] {
  return rows.map((r) => (r.key === key ? { ...r, ...patch } : r));
}

export function withoutRow<R extends Keyed>(rows: readonly R[], key: number): R[] {
  return rows.filter((r) => r.key !== key);
}
