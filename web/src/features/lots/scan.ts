import { api, ApiError, unwrap } from '../../api/client';

/** Where a scan or a typed code leads. */
export type ScanResult =
  | { kind: 'lot'; sku: string; lot: string }
  /** Several lots match the typed text: the lot list shows them. */
  | { kind: 'several'; text: string }
  | { kind: 'error'; message: string };

const GS = '\u001d';

/**
 * Whether scanned text is GS1 data rather than a lot code: bracketed AIs, a symbology identifier
 * (`]C1`, `]d2`, `]Q3`), FNC1 sent as GS, a Digital Link URI, or a raw element string that opens
 * with a GTIN (01)/(02) and its 14 digits — a shape no lot code in practice has.
 */
export function looksLikeGs1(text: string): boolean {
  return text.startsWith('(') || text.startsWith(']') || text.includes(GS) || /^https?:\/\//i.test(text) || /^0[12]\d{14}/.test(text);
}

// Enough to tell "one", "several" and an exact code among near-misses; the list page shows the rest.
const MATCH_LIMIT = 50;

async function resolveGs1(data: string): Promise<ScanResult> {
  try {
    const parsed = await unwrap(api.POST('/api/v1/gs1/parse', { body: { data } }));
    if (!parsed.gtin) return { kind: 'error', message: 'The GS1 data carries no GTIN (01), so it names no item.' };
    if (!parsed.item) return { kind: 'error', message: `No item has GTIN ${parsed.gtin}.` };
    if (!parsed.lot) return { kind: 'error', message: `The GS1 data names ${parsed.item.name} (${parsed.item.sku}) but carries no lot (10).` };
    return { kind: 'lot', sku: parsed.item.sku, lot: parsed.lot };
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      // The detail names the AI and the position; the summary repeats it behind a field prefix.
      return { kind: 'error', message: `Invalid GS1 data: ${error.details?.[0]?.message ?? error.message}` };
    }
    throw error;
  }
}

async function resolveLotCode(text: string): Promise<ScanResult> {
  const page = await unwrap(api.GET('/api/v1/lots', { params: { query: { q: text, limit: MATCH_LIMIT } } }));
  const wanted = text.toLowerCase();
  // A full code scanned or typed wins over the longer codes that merely contain it.
  const exact = page.items.filter((l) => l.lot.toLowerCase() === wanted || l.supplierLot?.toLowerCase() === wanted);
  const only = exact.length === 1 ? exact[0] : exact.length === 0 && page.items.length === 1 ? page.items[0] : undefined;
  if (only) return { kind: 'lot', sku: only.sku, lot: only.lot };
  if (page.items.length === 0) return { kind: 'error', message: `No lot ${text}.` };
  return { kind: 'several', text };
}

/**
 * Resolves what was scanned or typed: GS1 data through the server's parser (item by GTIN, lot from
 * (10)), anything else as a lot code or supplier lot. Network and server failures throw.
 */
export async function resolveScan(input: string): Promise<ScanResult> {
  const text = input.trim();
  if (text === '') return { kind: 'error', message: 'Scan a barcode or type a lot code.' };
  return looksLikeGs1(text) ? resolveGs1(text) : resolveLotCode(text);
}
