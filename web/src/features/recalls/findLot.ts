import { findLotByCode, looksLikeGs1, lotOfGs1, type LotListItem } from '../../api/gs1';
import type { LotRef } from './api';

/** What a typed or scanned text names: one lot, or several for the user to choose from. */
export type LotLookup = { found: LotRef } | { candidates: LotListItem[] };

export const SEARCH_LIMIT = 20;

/**
 * Finds the lot a text names: GS1 data is read by the server (item by GTIN, lot from AI 10); a
 * plain code is searched among lot and supplier-lot codes, optionally of one item, and taken when
 * exactly one lot has that code.
 */
export async function findLot(text: string, sku: string | null): Promise<LotLookup> {
  if (looksLikeGs1(text)) return { found: await lotOfGs1(text) };
  const { lots, exact, found } = await findLotByCode(text, { sku: sku ?? undefined, limit: SEARCH_LIMIT });
  if (found) return { found: { sku: found.sku, lot: found.lot } };
  return { candidates: exact.length > 1 ? exact : lots };
}
