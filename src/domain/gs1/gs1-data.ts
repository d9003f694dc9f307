import type { CalendarDate } from '../dates.js';
import { typedValue, valueProblem, type ValueContext } from './ai-values.js';
import { isDigitalLinkUri, splitDigitalLink } from './digital-link.js';
import { GS, splitBracketed, splitElementString, type AiData, type FoundAi } from './element-string.js';
import { Gs1DataError, type Gs1Problem } from './errors.js';
import { matchesPattern, type SyntaxDictionary } from './syntax-dictionary.js';

export type Gs1Form = 'element-string' | 'bracketed' | 'digital-link';

export interface Gs1Ai {
  ai: string;
  title: string;
  /** The AI's data exactly as encoded (after percent-decoding, for a Digital Link). */
  raw: string;
  value: string | number;
  currency?: string;
}

/** GS1 data read and checked, with the AIs Lotline cares about picked out. */
export interface Gs1Data {
  form: Gs1Form;
  /** The symbology identifier the scanner put in front, e.g. "]d2". */
  symbologyId?: string;
  ais: Gs1Ai[];
  /** The trade item: (01), or for a logistic unit the GTIN of its contents, (02). */
  gtin?: string;
  lot?: string;
  serial?: string;
  expiryDate?: CalendarDate;
  bestBeforeDate?: CalendarDate;
  productionDate?: CalendarDate;
  netWeightKg?: number;
}

/** The symbology identifiers (ISO/IEC 15424) of symbols whose data is a GS1 element string. */
export const GS1_SYMBOLOGY_IDS = [']C1', ']e0', ']d2', ']Q3', ']J1'];

const positionOf = (f: FoundAi, offset: number): number | undefined => {
  const at = f.rawAt?.[Math.min(offset, f.rawAt.length - 1)];
  return at === undefined ? undefined : at + 1;
};
const aiPosition = (f: FoundAi): number | undefined => (f.at === undefined ? undefined : f.at + 1);

const orList = (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/** Mandatory (`req=`) and exclusive (`ex=`) pairings between the AIs present. */
function associationProblems(found: readonly FoundAi[]): Gs1Problem[] {
  const present = found.map((f) => f.entry.ai);
  const problems: Gs1Problem[] = [];
  const reportedPairs = new Set<string>();
  for (const f of found) {
    for (const alternatives of f.entry.requires) {
      if (!alternatives.some((group) => group.every((pattern) => present.some((ai) => matchesPattern(ai, pattern))))) {
        const wanted = orList(alternatives.map((group) => group.map((p) => `(${p})`).join(' with ')));
        problems.push({ ai: f.entry.ai, position: aiPosition(f), message: `requires ${wanted} in the same data` });
      }
    }
    for (const pattern of f.entry.excludes) {
      for (const other of found) {
        const pair = [f.entry.ai, other.entry.ai].sort().join('+');
        if (other.entry.ai === f.entry.ai || !matchesPattern(other.entry.ai, pattern) || reportedPairs.has(pair)) continue;
        reportedPairs.add(pair);
        problems.push({ ai: f.entry.ai, position: aiPosition(f), message: `may not be used together with (${other.entry.ai})` });
      }
    }
  }
  return problems;
}

/**
 * Checks every AI's data and the pairings between AIs, and returns the AIs with their typed
 * values; a repeated AI must repeat the same data and is listed once.
 */
export function checkAiData(found: readonly FoundAi[], ctx: ValueContext): Gs1Ai[] {
  const problems: Gs1Problem[] = [];
  const unique: FoundAi[] = [];
  for (const f of found) {
    const first = unique.find((u) => u.entry.ai === f.entry.ai);
    if (!first) unique.push(f);
    else if (first.raw !== f.raw) problems.push({ ai: f.entry.ai, position: aiPosition(f), message: `repeated with different data ("${first.raw}", then "${f.raw}")` });
  }
  for (const f of unique) {
    const problem = valueProblem(f.entry, f.raw, ctx);
    if (problem) problems.push({ ai: f.entry.ai, position: positionOf(f, problem.offset), message: problem.message });
  }
  if (problems.length === 0) problems.push(...associationProblems(unique));
  if (problems.length > 0) throw new Gs1DataError(problems);
  return unique.map((f) => ({ ai: f.entry.ai, title: f.entry.title, raw: f.raw, ...typedValue(f.entry, f.raw, ctx) }));
}

/** Checks AI data built by Lotline itself (for a label) against the dictionary. */
export function checkBuiltAiData(dictionary: SyntaxDictionary, ais: readonly AiData[], ctx: ValueContext): Gs1Ai[] {
  return checkAiData(
    ais.map(({ ai, raw }) => {
      const entry = dictionary.entries.get(ai);
      if (!entry) throw Gs1DataError.at(undefined, 'unknown AI', ai);
      return { entry, raw };
    }),
    ctx,
  );
}

function split(dictionary: SyntaxDictionary, text: string, base: number): { form: Gs1Form; found: FoundAi[] } {
  if (isDigitalLinkUri(text)) return { form: 'digital-link', found: splitDigitalLink(dictionary, text, base) };
  if (text.startsWith('(')) return { form: 'bracketed', found: splitBracketed(dictionary, text, base) };
  // Some scanners also transmit the FNC1 that starts every GS1 symbol.
  const lead = text.startsWith(GS) ? 1 : 0;
  if (/^\d/.test(text.slice(lead))) return { form: 'element-string', found: splitElementString(dictionary, text.slice(lead), base + lead) };
  throw Gs1DataError.at(base + 1, 'not GS1 data: expected an element string, bracketed AIs such as (01)… or a GS1 Digital Link URI');
}

/**
 * Reads GS1 data in any of its text forms: a scanned element string (optionally behind a
 * symbology identifier), the bracketed human-readable form, or a GS1 Digital Link URI.
 * Throws a Gs1DataError naming the AI and character position of the first problems found.
 */
export function readGs1Data(dictionary: SyntaxDictionary, data: string, ctx: ValueContext): Gs1Data {
  // A keyboard-wedge scanner ends each scan with Enter.
  const text = data.replace(/[\r\n]+$/, '');
  if (text === '') throw Gs1DataError.at(undefined, 'no data');
  let base = 0;
  let symbologyId: string | undefined;
  if (/^\][A-Za-z][0-9A-Za-z]/.test(text)) {
    symbologyId = text.slice(0, 3);
    base = 3;
    const rest = text.slice(3);
    if (!GS1_SYMBOLOGY_IDS.includes(symbologyId) && !isDigitalLinkUri(rest)) {
      throw Gs1DataError.at(1, `symbology identifier ${symbologyId} does not announce GS1 data (expected one of ${GS1_SYMBOLOGY_IDS.join(', ')}, or a Digital Link URI)`);
    }
  }
  const { form, found } = split(dictionary, text.slice(base), base);
  const ais = checkAiData(found, ctx);
  const find = (pattern: string) => ais.find((a) => matchesPattern(a.ai, pattern));
  const asString = (pattern: string) => find(pattern)?.raw;
  const asDate = (ai: string) => find(ai)?.value as CalendarDate | undefined;
  const netWeight = find('310n')?.value as number | undefined;
  return {
    form,
    ...(symbologyId === undefined ? {} : { symbologyId }),
    ais,
    ...defined({
      gtin: asString('01') ?? asString('02'),
      lot: asString('10'),
      serial: asString('21'),
      expiryDate: asDate('17'),
      bestBeforeDate: asDate('15'),
      productionDate: asDate('11'),
      netWeightKg: netWeight,
    }),
  };
}

/** Drops undefined fields, so absent AIs are absent keys rather than undefined values. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
