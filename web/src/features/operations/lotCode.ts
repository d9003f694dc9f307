import { api, unwrap } from '../../api/client';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A new lot code for a batch made on `date` (YYYY-MM-DD), in the plant's style: L + YYMMDD + a
 * letter per batch of the day (L261124A, L261124B, …), the first letter no lot of the item uses yet.
 */
export async function suggestLotCode(sku: string, date: string): Promise<string> {
  const prefix = `L${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
  const page = await unwrap(api.GET('/api/v1/lots', { params: { query: { sku, q: prefix, limit: 1000 } } }));
  const taken = new Set(page.items.map((l) => l.lot));
  const letter = [...LETTERS].find((l) => !taken.has(`${prefix}${l}`));
  if (letter) return `${prefix}${letter}`;
  // Past Z the day's batches are numbered instead; a plant rarely makes 26 batches of one item a day.
  let n = LETTERS.length + 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}
