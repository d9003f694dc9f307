import { readFileSync } from 'node:fs';
import { Invalid } from '../domain/errors.js';
import { describeGs1Problem, Gs1DataError } from '../domain/gs1/errors.js';
import { readGs1Data, type Gs1Data } from '../domain/gs1/gs1-data.js';
import { parseSyntaxDictionary, type SyntaxDictionary } from '../domain/gs1/syntax-dictionary.js';
import type { ValueContext } from '../domain/gs1/ai-values.js';
import { findItemByGtin } from '../store/master-data.repository.js';
import type { App } from './context.js';

const DICTIONARY_FILE = new URL('../../resources/gs1/gs1-syntax-dictionary.txt', import.meta.url);

let dictionary: SyntaxDictionary | undefined;

/** The GS1 Barcode Syntax Dictionary shipped in resources/gs1, read and parsed on first use. */
export function gs1Dictionary(): SyntaxDictionary {
  dictionary ??= parseSyntaxDictionary(readFileSync(DICTIONARY_FILE, 'utf8'));
  return dictionary;
}

/** Two-digit GS1 years are read relative to the business's current year. */
export function gs1Context(app: App): ValueContext {
  return { referenceYear: Number(app.today().slice(0, 4)) };
}

/** GS1 problems as a 400 naming the request field the data came from. */
function gs1Invalid(error: Gs1DataError, path: string): Invalid {
  const details = error.problems.map((p) => ({ path, message: describeGs1Problem(p) }));
  return new Invalid(details.map((d) => `${path}: ${d.message}`).join('; '), details);
}

/** Reads GS1 data given in request field `path`; bad data is a 400 naming that field. */
export function readGs1(app: App, data: string, path: string): Gs1Data {
  try {
    return readGs1Data(gs1Dictionary(), data, gs1Context(app));
  } catch (error) {
    if (error instanceof Gs1DataError) throw gs1Invalid(error, path);
    throw error;
  }
}

export interface Gs1ParseView extends Gs1Data {
  /** The Lotline item whose GTIN the data carries, if any. */
  item?: { sku: string; name: string; uom: string };
}

/** Parses scanned or typed GS1 data (element string, bracketed AIs or Digital Link) and finds its item. */
export async function parseGs1(app: App, data: string): Promise<Gs1ParseView> {
  const parsed = readGs1(app, data, 'data');
  const item = parsed.gtin === undefined ? undefined : await findItemByGtin(app.store.db, parsed.gtin);
  return item ? { ...parsed, item: { sku: item.sku, name: item.name, uom: item.uom } } : parsed;
}
