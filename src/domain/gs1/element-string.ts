import { Gs1DataError } from './errors.js';
import { aiAt, fixedLength, type AiEntry, type SyntaxDictionary } from './syntax-dictionary.js';

/** FNC1 as scanners transmit it: the ASCII group separator. */
export const GS = '\u001d';

/** One AI as found in the input, before its data is checked. */
export interface FoundAi {
  entry: AiEntry;
  raw: string;
  /** 0-based index in the input of the AI; absent for AIs not read from text (labels). */
  at?: number;
  /** 0-based index in the input of each character of `raw`, plus one for its end. */
  rawAt?: readonly number[];
}

/** An AI and its data, as rendered into a barcode or link. */
export interface AiData {
  ai: string;
  raw: string;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The AI an unknown code most likely is, for the error message: GS1 allocates AI lengths by
 * their first two digits, so a known AI with the same two leading digits tells the length.
 */
function probableAi(dictionary: SyntaxDictionary, text: string, index: number): string {
  const prefix = text.slice(index, index + 2);
  for (const ai of dictionary.entries.keys()) if (ai.startsWith(prefix)) return text.slice(index, index + ai.length);
  return prefix;
}

/**
 * Splits a GS1 element string (AIs and data run together, FNC1 sent as GS after variable-length
 * data). An AI of predefined length takes exactly its length; any other runs to the next GS.
 * `base` is where `text` starts in the caller's input, for positions.
 */
export function splitElementString(dictionary: SyntaxDictionary, text: string, base = 0): FoundAi[] {
  const found: FoundAi[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === GS) {
      // A separator after a predefined-length AI is redundant but harmless; scanners send it.
      i++;
      continue;
    }
    if (!/\d/.test(text[i]!)) throw Gs1DataError.at(base + i + 1, `expected an AI (digits), found "${text[i]}"`);
    const entry = aiAt(dictionary, text, i);
    if (!entry) throw Gs1DataError.at(base + i + 1, 'unknown AI', probableAi(dictionary, text, i));
    const start = i + entry.ai.length;
    const separator = text.indexOf(GS, start);
    const variableEnd = separator < 0 ? text.length : separator;
    const length = entry.predefinedLength ? fixedLength(entry) : undefined;
    const end = length === undefined ? variableEnd : Math.min(start + length, variableEnd);
    found.push({ entry, raw: text.slice(start, end), at: base + i, rawAt: range(base + start, base + end) });
    i = end;
  }
  if (found.length === 0) throw Gs1DataError.at(base + 1, 'no AIs in the data');
  return found;
}

/**
 * Splits the human-readable form "(01)09506000134352(10)ABC". A "(" inside data is written "\(",
 * as in GS1's own tools, since CSET 82 allows parentheses in data.
 */
export function splitBracketed(dictionary: SyntaxDictionary, text: string, base = 0): FoundAi[] {
  const found: FoundAi[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '(') throw Gs1DataError.at(base + i + 1, 'expected "(" starting an AI');
    const close = text.indexOf(')', i);
    const ai = close < 0 ? '' : text.slice(i + 1, close);
    if (!/^\d{2,4}$/.test(ai)) throw Gs1DataError.at(base + i + 1, 'expected an AI of two to four digits in brackets');
    const entry = dictionary.entries.get(ai);
    if (!entry) throw Gs1DataError.at(base + i + 1, 'unknown AI', ai);
    let raw = '';
    const rawAt: number[] = [];
    let j = close + 1;
    while (j < text.length && text[j] !== '(') {
      const escaped = text[j] === '\\' && text[j + 1] === '(';
      raw += escaped ? '(' : text[j];
      rawAt.push(base + j);
      j += escaped ? 2 : 1;
    }
    rawAt.push(base + j);
    found.push({ entry, raw, at: base + i, rawAt });
    i = j;
  }
  if (found.length === 0) throw Gs1DataError.at(base + 1, 'no AIs in the data');
  return found;
}

function entryOf(dictionary: SyntaxDictionary, ai: string): AiEntry {
  const entry = dictionary.entries.get(ai);
  if (!entry) throw Gs1DataError.at(undefined, 'unknown AI', ai);
  return entry;
}

/** The element string of valid AI data: GS after each variable-length AI but the last. */
export function renderElementString(dictionary: SyntaxDictionary, ais: readonly AiData[]): string {
  return ais
    .map((a, i) => `${a.ai}${a.raw}${i < ais.length - 1 && !entryOf(dictionary, a.ai).predefinedLength ? GS : ''}`)
    .join('');
}

/** The bracketed human-readable form, "(" in data escaped. */
export function renderBracketed(ais: readonly AiData[]): string {
  return ais.map((a) => `(${a.ai})${a.raw.replaceAll('(', '\\(')}`).join('');
}
