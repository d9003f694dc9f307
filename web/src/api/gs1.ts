import { api, ApiError, unwrap } from './client';
import type { components } from './schema';

export type Gs1Data = components['schemas']['Gs1Data'];
export type LotListItem = components['schemas']['LotListItem'];

const GS = '\u001d';

/**
 * Whether scanned text is GS1 data rather than a lot code: bracketed AIs, a symbology identifier
 * (`]C1`, `]d2`, `]Q3`), FNC1 sent as GS, a Digital Link URI, or a raw element string that opens
 * with a GTIN (01)/(02) and its 14 digits — a shape no lot code in practice has.
 */
export function looksLikeGs1(text: string): boolean {
  return text.startsWith('(') || text.startsWith(']') || text.includes(GS) || /^https?:\/\//i.test(text) || /^0[12]\d{14}/.test(text);
}

/** A scan that names no usable lot or line, with the reason to show next to the scan box. */
export class Gs1Error extends Error {}

/** Reads GS1 data through the server's parser; data it refuses throws Gs1Error with the parser's reason. */
export async function parseGs1(data: string): Promise<Gs1Data> {
  try {
    return await unwrap(api.POST('/api/v1/gs1/parse', { body: { data } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      // The detail names the AI and the position; the summary repeats it behind a field prefix.
      throw new Gs1Error(`Invalid GS1 data: ${error.details?.[0]?.message ?? error.message}`);
    }
    throw error;
  }
}

/** The lot a GS1 scan names: its item by GTIN (01) and its lot (10); Gs1Error says which is missing. */
export async function lotOfGs1(data: string): Promise<{ sku: string; lot: string }> {
  const parsed = await parseGs1(data);
  if (!parsed.gtin) throw new Gs1Error('The GS1 data carries no GTIN (01), so it names no item.');
  if (!parsed.item) throw new Gs1Error(`No item has GTIN ${parsed.gtin}.`);
  if (!parsed.lot) throw new Gs1Error(`The GS1 data names ${parsed.item.name} (${parsed.item.sku}) but carries no lot (10).`);
  return { sku: parsed.item.sku, lot: parsed.lot };
}

export interface LotSearch {
  /** Lots whose code or supplier lot contains the text, at most the limit asked for. */
  lots: LotListItem[];
  /** Those whose code or supplier lot is the text itself, in any case. */
  exact: LotListItem[];
  /** The one lot the text names: the only exact match, else the only lot found at all. */
  found: LotListItem | undefined;
}

/** Looks a typed or scanned lot code (or a supplier's lot code) up among the lots, optionally of one item. */
export async function findLotByCode(text: string, { sku, limit }: { sku?: string; limit: number }): Promise<LotSearch> {
  const page = await unwrap(api.GET('/api/v1/lots', { params: { query: { q: text, sku, limit } } }));
  const wanted = text.toLowerCase();
  // A full code scanned or typed wins over the longer codes that merely contain it.
  const exact = page.items.filter((l) => l.lot.toLowerCase() === wanted || l.supplierLot?.toLowerCase() === wanted);
  const found = exact.length === 1 ? exact[0] : exact.length === 0 && page.items.length === 1 ? page.items[0] : undefined;
  return { lots: page.items, exact, found };
}
