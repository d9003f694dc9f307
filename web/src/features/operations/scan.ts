import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { looksLikeGs1 } from '../lots/scan';

type Gs1Data = components['schemas']['Gs1Data'];

/** What a scan says about one line: the item by GTIN, the lot, its dates and a quantity. */
export interface Scanned {
  sku?: string;
  lot?: string;
  expiryDate?: string;
  productionDate?: string;
  quantity?: number;
}

/** A scan that cannot fill a line, with the reason to show under the scan field. */
export class ScanError extends Error {}

// Counts of trade items (30) and of contained units (37) are quantities in the item's unit.
const COUNT_AIS = new Set(['30', '37']);

/**
 * The quantity a scan carries, as the server reads scan lines (src/app/scan-lines.ts): a count,
 * or for items kept in kg their net weight.
 */
function quantityOf(data: Gs1Data): number | undefined {
  const count = data.ais.find((a) => COUNT_AIS.has(a.ai) && typeof a.value === 'number');
  if (count) return count.value as number;
  if (data.item?.uom === 'kg' && data.netWeightKg !== undefined) return data.netWeightKg;
  return undefined;
}

/**
 * Reads a scan or typed code: GS1 data (element string with GS, bracketed AIs or a Digital Link)
 * through the server's parser, anything else as a plain lot code. Throws ScanError with the
 * parser's message (it names the AI and the position) when the data is invalid. With `findItem`
 * (stock going out: the lot exists) a plain lot code also fills the item its lot belongs to.
 */
export async function readScan(input: string, { findItem = false }: { findItem?: boolean } = {}): Promise<Scanned> {
  const text = input.trim();
  if (!looksLikeGs1(text)) return findItem ? itemOfLot(text) : { lot: text };
  let data: Gs1Data;
  try {
    data = await unwrap(api.POST('/api/v1/gs1/parse', { body: { data: text } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) throw new ScanError(error.details?.[0]?.message ?? error.message);
    throw error;
  }
  if (data.gtin !== undefined && !data.item) throw new ScanError(`No item has GTIN ${data.gtin}.`);
  const scanned: Scanned = {
    sku: data.item?.sku,
    lot: data.lot,
    expiryDate: data.expiryDate,
    productionDate: data.productionDate,
    quantity: quantityOf(data),
  };
  if (Object.values(scanned).every((v) => v === undefined)) throw new ScanError('The barcode carries no item, lot, date or quantity.');
  return scanned;
}

// Enough to tell whether an exact code belongs to one item; longer codes containing it come along.
const LOT_MATCHES = 50;

/** A plain lot code, with its item when exactly one item has a lot of that very code. */
async function itemOfLot(code: string): Promise<Scanned> {
  const page = await unwrap(api.GET('/api/v1/lots', { params: { query: { q: code, limit: LOT_MATCHES } } }));
  const skus = new Set(page.items.filter((l) => l.lot === code).map((l) => l.sku));
  return skus.size === 1 ? { sku: [...skus][0], lot: code } : { lot: code };
}
