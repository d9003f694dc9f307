import { findLotByCode, Gs1Error, looksLikeGs1, lotOfGs1 } from '../../api/gs1';

/** Where a scan or a typed code leads. */
export type ScanResult =
  | { kind: 'lot'; sku: string; lot: string }
  /** Several lots match the typed text: the lot list shows them. */
  | { kind: 'several'; text: string }
  | { kind: 'error'; message: string };

// Enough to tell "one", "several" and an exact code among near-misses; the list page shows the rest.
const MATCH_LIMIT = 50;

async function resolveGs1(data: string): Promise<ScanResult> {
  try {
    return { kind: 'lot', ...(await lotOfGs1(data)) };
  } catch (error) {
    if (error instanceof Gs1Error) return { kind: 'error', message: error.message };
    throw error;
  }
}

async function resolveLotCode(text: string): Promise<ScanResult> {
  const { lots, found } = await findLotByCode(text, { limit: MATCH_LIMIT });
  if (found) return { kind: 'lot', sku: found.sku, lot: found.lot };
  if (lots.length === 0) return { kind: 'error', message: `No lot ${text}.` };
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
