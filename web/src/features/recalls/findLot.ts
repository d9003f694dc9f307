import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { LotRef } from './api';

export type LotListItem = components['schemas']['LotListItem'];

/** What a typed or scanned text names: one lot, or several for the user to choose from. */
export type LotLookup = { found: LotRef } | { candidates: LotListItem[] };

/**
 * GS1 data as a scanner or a person enters it: bracketed AIs "(01)…", a symbology identifier "]d2…",
 * a Digital Link URL, FNC1 separators, or a bare element string starting with a GTIN (01).
 */
export function looksLikeGs1(text: string): boolean {
  return /^(\(\d{2,4}\)|\]|https?:\/\/)/i.test(text) || text.includes('\u001d') || /^0[12]\d{14}\d{2}/.test(text);
}

export const SEARCH_LIMIT = 20;

/**
 * Finds the lot a text names: GS1 data is read by the server (item by GTIN, lot from AI 10); a
 * plain code is searched among lot and supplier-lot codes, optionally of one item, and taken when
 * exactly one lot has that code.
 */
export async function findLot(text: string, sku: string | null): Promise<LotLookup> {
  if (looksLikeGs1(text)) {
    const scan = await unwrap(api.POST('/api/v1/gs1/parse', { body: { data: text } }));
    if (!scan.lot) throw new Error('The scan holds no lot number (AI 10); scan the lot barcode or type the lot code.');
    if (!scan.item) throw new Error(`No item has the scanned GTIN ${scan.gtin ?? ''}; check the item master data.`);
    return { found: { sku: scan.item.sku, lot: scan.lot } };
  }
  const page = await unwrap(api.GET('/api/v1/lots', { params: { query: { q: text, sku: sku ?? undefined, limit: SEARCH_LIMIT } } }));
  const wanted = text.toLowerCase();
  const exact = page.items.filter((l) => l.lot.toLowerCase() === wanted || l.supplierLot?.toLowerCase() === wanted);
  const only = exact.length === 1 ? exact[0] : exact.length === 0 && page.items.length === 1 ? page.items[0] : undefined;
  if (only) return { found: { sku: only.sku, lot: only.lot } };
  return { candidates: exact.length > 1 ? exact : page.items };
}
