import { showChar } from './ai-values.js';
import type { AiData, FoundAi } from './element-string.js';
import { Gs1DataError } from './errors.js';
import type { AiEntry, SyntaxDictionary } from './syntax-dictionary.js';

/**
 * GS1 Digital Link URIs: https://{any domain}/{optional path prefix}/{primary key AI}/{value}
 * [/{qualifier AI}/{value}…][?{attribute AI}={value}&…]. Which AIs are primary keys, which
 * qualifiers each takes in which order, and which may be query attributes all come from the
 * dictionary (`dlpkey=`, the "?" flag).
 */

const URI_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

export function isDigitalLinkUri(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

interface Piece {
  text: string;
  at: number;
}

/** Splits `text` (found at `at`) on `separator`, keeping where each piece starts. */
function pieces(text: string, at: number, separator: string): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  for (const part of text.split(separator)) {
    out.push({ text: part, at: at + start });
    start += part.length + 1;
  }
  return out;
}

/** Percent-decodes one path segment or query value; a "%" not followed by two hex digits stays. */
function decode(piece: Piece, query: boolean, ai: string): { raw: string; rawAt: number[] } {
  let raw = '';
  const rawAt: number[] = [];
  for (let i = 0; i < piece.text.length; ) {
    const hex = piece.text[i] === '%' ? /^[0-9A-Fa-f]{2}/.exec(piece.text.slice(i + 1, i + 3)) : null;
    let ch = piece.text[i]!;
    if (hex) ch = String.fromCharCode(parseInt(hex[0], 16));
    else if (query && ch === '+') ch = ' ';
    if (ch === '\u0000') throw Gs1DataError.at(piece.at + i + 1, 'percent-encoded NUL is not allowed', ai);
    raw += ch;
    rawAt.push(piece.at + i);
    i += hex ? 3 : 1;
  }
  rawAt.push(piece.at + piece.text.length);
  return { raw, rawAt };
}

/** Digital Link allows a GTIN-8, -12 or -13 for (01); element strings always carry 14 digits. */
function padGtin(ai: string, value: { raw: string; rawAt: number[] }): { raw: string; rawAt: number[] } {
  if (ai !== '01' || ![8, 12, 13].includes(value.raw.length) || !/^\d+$/.test(value.raw)) return value;
  const zeros = 14 - value.raw.length;
  return { raw: '0'.repeat(zeros) + value.raw, rawAt: [...Array<number>(zeros).fill(value.rawAt[0]!), ...value.rawAt] };
}

/** Whether `qualifiers` appear, in order, within one of the key's qualifier sequences. */
function isQualifierSequence(key: AiEntry, qualifiers: readonly string[]): boolean {
  return (key.dlQualifiers ?? []).some((sequence) => {
    let next = 0;
    for (const q of qualifiers) {
      next = sequence.indexOf(q, next);
      if (next < 0) return false;
      next++;
    }
    return true;
  });
}

const describeSequences = (key: AiEntry): string =>
  (key.dlQualifiers ?? [])
    .filter((s) => s.length > 0)
    .map((s) => s.map((q) => `(${q})`).join(', '))
    .join(' or ') || 'none';

/** Splits a GS1 Digital Link URI into its AIs, checking the Digital Link rules on the way. */
export function splitDigitalLink(dictionary: SyntaxDictionary, text: string, base = 0): FoundAi[] {
  for (let i = 0; i < text.length; i++) {
    if (!URI_CHAR.test(text[i]!)) throw Gs1DataError.at(base + i + 1, `character ${showChar(text[i]!)} is not allowed in a URI; percent-encode it`);
  }
  const scheme = /^https?:\/\//i.exec(text)![0].length;
  const hostEnd = text.slice(scheme).search(/[/?#]/);
  if (hostEnd === 0) throw Gs1DataError.at(base + scheme + 1, 'the URI has no domain');
  if (hostEnd < 0 || text[scheme + hostEnd] !== '/') throw Gs1DataError.at(base + text.length + 1, 'the URI has no path with GS1 keys');
  const pathStart = scheme + hostEnd;
  const fragment = text.indexOf('#', pathStart);
  const end = fragment < 0 ? text.length : fragment;
  const queryMark = text.indexOf('?', pathStart);
  const pathEnd = queryMark >= 0 && queryMark < end ? queryMark : end;

  // The primary key is the rightmost key AI such that every segment pair after it is an AI and
  // its value; whatever precedes it is the owner's own path prefix.
  const segments = pieces(text.slice(pathStart + 1, pathEnd), base + pathStart + 1, '/');
  let keyIndex = -1;
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    const entry = /^\d+$/.test(segments[i]!.text) ? dictionary.entries.get(segments[i]!.text) : undefined;
    if (!entry) break;
    if (entry.dlQualifiers) {
      keyIndex = i;
      break;
    }
  }
  if (keyIndex < 0) throw Gs1DataError.at(base + pathStart + 1, 'no GS1 Digital Link primary key in the path, e.g. /01/{GTIN}');

  const found: FoundAi[] = [];
  for (let i = keyIndex; i < segments.length; i += 2) {
    const [key, value] = [segments[i]!, segments[i + 1]!];
    const entry = dictionary.entries.get(key.text)!;
    if (value.text === '') throw Gs1DataError.at(value.at + 1, 'has no value in the path', entry.ai);
    found.push({ entry, at: key.at, ...padGtin(entry.ai, decode(value, false, entry.ai)) });
  }
  const [primary, ...qualifiers] = found;
  for (let n = 1; n <= qualifiers.length; n++) {
    if (!isQualifierSequence(primary!.entry, qualifiers.slice(0, n).map((q) => q.entry.ai))) {
      const q = qualifiers[n - 1]!;
      throw Gs1DataError.at(q.at! + 1, `is not a qualifier of (${primary!.entry.ai}) here; its qualifiers, in order: ${describeSequences(primary!.entry)}`, q.entry.ai);
    }
  }

  if (pathEnd < end) {
    for (const param of pieces(text.slice(pathEnd + 1, end), base + pathEnd + 1, '&')) {
      const eq = param.text.indexOf('=');
      const key = eq < 0 ? '' : param.text.slice(0, eq);
      // Non-AI parameters (linkType, context, …) belong to the resolver, not to the data.
      if (!/^\d+$/.test(key)) continue;
      const entry = dictionary.entries.get(key);
      if (!entry) throw Gs1DataError.at(param.at + 1, 'unknown AI in the query string', key);
      const value = { text: param.text.slice(eq + 1), at: param.at + eq + 1 };
      if (value.text === '') throw Gs1DataError.at(value.at + 1, 'has no value in the query string', key);
      if (!entry.dlAttribute) throw Gs1DataError.at(param.at + 1, 'is not permitted as a Digital Link query attribute', key);
      const pathAis = found.slice(0, qualifiers.length + 1).map((f) => f.entry.ai);
      for (let j = 1; j <= pathAis.length; j++) {
        if (isQualifierSequence(primary!.entry, [...pathAis.slice(1, j), key, ...pathAis.slice(j)])) {
          throw Gs1DataError.at(param.at + 1, `is a key qualifier of (${primary!.entry.ai}); put it in the path`, key);
        }
      }
      found.push({ entry, at: param.at, ...padGtin(key, decode(value, true, key)) });
    }
  }
  return found;
}

const encode = (raw: string): string =>
  [...raw].map((ch) => (UNRESERVED.test(ch) ? ch : `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/**
 * The Digital Link URI of valid AI data: the first primary key AI and as many of its qualifiers
 * as one qualifier sequence allows in the path, every other AI as a query attribute.
 */
export function renderDigitalLink(dictionary: SyntaxDictionary, ais: readonly AiData[], stem = 'https://id.gs1.org'): string {
  const entries = ais.map((a) => dictionary.entries.get(a.ai));
  const keyIndex = entries.findIndex((e) => e?.dlQualifiers);
  if (keyIndex < 0) throw Gs1DataError.at(undefined, 'a Digital Link needs a primary key AI such as (01)');
  const key = entries[keyIndex]!;
  const present = new Set(ais.map((a) => a.ai));
  const sequence = (key.dlQualifiers ?? [[]]).reduce((best, s) => (s.filter((q) => present.has(q)).length > best.filter((q) => present.has(q)).length ? s : best));
  const pathAis = [key.ai, ...sequence.filter((q) => present.has(q))];
  const byAi = new Map(ais.map((a) => [a.ai, a.raw]));
  const path = pathAis.map((ai) => `/${ai}/${encode(byAi.get(ai)!)}`).join('');
  const query = ais
    .filter((a) => !pathAis.includes(a.ai))
    .map((a) => {
      if (!dictionary.entries.get(a.ai)?.dlAttribute) throw Gs1DataError.at(undefined, 'is not permitted in a Digital Link', a.ai);
      return `${a.ai}=${encode(a.raw)}`;
    })
    .join('&');
  return `${stem.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
}
