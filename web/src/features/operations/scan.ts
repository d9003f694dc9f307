import { findLotByCode, Gs1Error, looksLikeGs1, parseGs1, type Gs1Data } from '../../api/gs1';

/** What a scan says about one line: the item by GTIN, the lot, its dates and a quantity. */
export interface Scanned {
  sku?: string;
  lot?: string;
  expiryDate?: string;
  productionDate?: string;
  quantity?: number;
}

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
 * through the server's parser, anything else as a plain lot code. Throws Gs1Error with the
 * parser's message (it names the AI and the position) when the data is invalid. With `findItem`
 * (stock going out: the lot exists) a plain lot code also fills the item its lot belongs to.
 */
export async function readScan(input: string, { findItem = false }: { findItem?: boolean } = {}): Promise<Scanned> {
  const text = input.trim();
  if (!looksLikeGs1(text)) return findItem ? itemOfLot(text) : { lot: text };
  const data = await parseGs1(text);
  if (data.gtin !== undefined && !data.item) throw new Gs1Error(`No item has GTIN ${data.gtin}.`);
  const scanned: Scanned = {
    sku: data.item?.sku,
    lot: data.lot,
    expiryDate: data.expiryDate,
    productionDate: data.productionDate,
    quantity: quantityOf(data),
  };
  if (Object.values(scanned).every((v) => v === undefined)) throw new Gs1Error('The barcode carries no item, lot, date or quantity.');
  return scanned;
}

// Enough to tell whether an exact code belongs to one item; longer codes containing it come along.
const LOT_MATCHES = 50;

/** A plain lot code, with its item when exactly one item has a lot of that very code. */
async function itemOfLot(code: string): Promise<Scanned> {
  const { lots } = await findLotByCode(code, { limit: LOT_MATCHES });
  const skus = new Set(lots.filter((l) => l.lot === code).map((l) => l.sku));
  return skus.size === 1 ? { sku: [...skus][0], lot: code } : { lot: code };
}
