import type { CalendarDate } from '../dates.js';
import { gs1CheckDigit } from '../gtin.js';
import type { AiEntry, CharacterSet, ComponentSpec } from './syntax-dictionary.js';

/**
 * One AI's data checked against its dictionary entry (character set, lengths, linters) and read
 * as a typed value. Offsets are 0-based within the AI's data; callers turn them into positions.
 */

export interface ValueProblem {
  offset: number;
  message: string;
}

export interface ValueContext {
  /** The four-digit year "now": two-digit years are read in a window around it (see `fullYear`). */
  referenceYear: number;
}

const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const CHARSETS: Record<CharacterSet, { chars: Set<string>; fault: string }> = {
  N: { chars: new Set('0123456789'), fault: 'is not a digit' },
  X: { chars: new Set(CSET82), fault: 'is not in the GS1 character set 82' },
  Y: { chars: new Set(CSET39), fault: 'is not in the GS1 character set 39' },
  Z: { chars: new Set(`${CSET64}=`), fault: 'is not in the GS1 character set 64' },
};

/** A character as a message can show it: control and invisible characters by code point. */
export function showChar(ch: string): string {
  return /^[\x20-\x7e]$/.test(ch) ? `"${ch}"` : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The GS1 rule for the century of a two-digit year (General Specifications, "determination of
 * century in dates"): a year 51 to 99 ahead of the current one is in the previous century, one
 * 50 to 99 behind is in the next, any other is in the current century.
 */
export function fullYear(yy: number, referenceYear: number): number {
  const century = referenceYear - (referenceYear % 100);
  const ahead = yy - (referenceYear % 100);
  if (ahead >= 51) return century - 100 + yy;
  if (ahead <= -50) return century + 100 + yy;
  return century + yy;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD`, or undefined if not a date; day 00 (when allowed) means the month's last day. */
function isoDate(year: number, month: number, day: number, zeroDayIsLast: boolean): CalendarDate | undefined {
  if (month < 1 || month > 12) return undefined;
  const last = daysInMonth(year, month);
  if (day === 0 && zeroDayIsLast) day = last;
  if (day < 1 || day > last) return undefined;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A GS1 YYMMDD date read with the century rule; DD = 00 is the last day of the month. */
export function dateFromYymmdd(text: string, referenceYear: number, zeroDayIsLast = true): CalendarDate | undefined {
  if (!/^\d{6}$/.test(text)) return undefined;
  return isoDate(fullYear(Number(text.slice(0, 2)), referenceYear), Number(text.slice(2, 4)), Number(text.slice(4, 6)), zeroDayIsLast);
}

/** The YYMMDD that reads back as `date` under the century rule, or undefined if none does. */
export function yymmddOf(date: CalendarDate, referenceYear: number): string | undefined {
  const text = date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
  return dateFromYymmdd(text, referenceYear, false) === date ? text : undefined;
}

const fromYyyymmdd = (text: string, zeroDayIsLast: boolean): CalendarDate | undefined =>
  /^\d{8}$/.test(text) ? isoDate(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)), zeroDayIsLast) : undefined;

type DateReader = (text: string, ctx: ValueContext) => CalendarDate | undefined;

/** The linters that make a component a date, and how each reads it. */
const DATE_LINTERS: Record<string, DateReader> = {
  yymmd0: (t, ctx) => dateFromYymmdd(t, ctx.referenceYear, true),
  yymmdd: (t, ctx) => dateFromYymmdd(t, ctx.referenceYear, false),
  yyyymmd0: (t) => fromYyyymmdd(t, true),
  yyyymmdd: (t) => fromYyyymmdd(t, false),
};

/** Time-of-day linters and the ISO text each contributes after a date. */
const TIME_LINTERS: Record<string, { valid: (t: string) => boolean; iso: (t: string) => string }> = {
  hhmi: { valid: (t) => /^([01]\d|2[0-3])[0-5]\d$/.test(t), iso: (t) => `T${t.slice(0, 2)}:${t.slice(2)}` },
  hh: { valid: (t) => /^([01]\d|2[0-3])$/.test(t), iso: (t) => `T${t}` },
  mi: { valid: (t) => /^[0-5]\d$/.test(t), iso: (t) => `:${t}` },
  ss: { valid: (t) => /^[0-5]\d$/.test(t), iso: (t) => `:${t}` },
};

/** Weights of the alphanumeric check character pair: primes, one per data character (at most 99). */
const PRIMES: readonly number[] = (() => {
  const found: number[] = [];
  for (let n = 2; found.length < 100; n++) if (found.every((p) => n % p !== 0)) found.push(n);
  return found;
})();

type Linter = (text: string, ctx: ValueContext) => ValueProblem | undefined;

const problemIf = (bad: boolean, offset: number, message: string): ValueProblem | undefined => (bad ? { offset, message } : undefined);

/**
 * Content checks by dictionary linter name. Linters that need reference lists GS1 publishes
 * separately (company prefixes `gcppos1`/`gcppos2`, ISO 3166 and 4217 codes, package types, media
 * types, coupon formats) are not applied: an unknown name passes, as the dictionary format allows.
 */
const LINTERS: Record<string, Linter> = {
  csum: (t) => {
    const expected = gs1CheckDigit(t.slice(0, -1));
    return problemIf(Number(t.at(-1)) !== expected, t.length - 1, `invalid check digit in ${t}: expected ${expected}`);
  },
  csumalpha: (t) => {
    if (t.length < 2) return { offset: 0, message: 'too short for a check character pair' };
    const body = t.slice(0, -2);
    const weights = PRIMES.slice(0, body.length).reverse();
    let sum = 0;
    for (const [i, ch] of [...body].entries()) {
      const value = CSET82.indexOf(ch);
      if (value < 0) return { offset: i, message: `${showChar(ch)} is not in the GS1 character set 82` };
      sum += value * weights[i]!;
    }
    sum %= 1021;
    const expected = CSET32[sum >> 5]! + CSET32[sum & 31]!;
    return problemIf(t.slice(-2) !== expected, t.length - 2, `invalid check character pair in ${t}: expected ${expected}`);
  },
  ...Object.fromEntries(
    Object.entries(DATE_LINTERS).map(([name, read]): [string, Linter] => [name, (t, ctx) => problemIf(read(t, ctx) === undefined, 0, `invalid date ${t}`)]),
  ),
  ...Object.fromEntries(Object.entries(TIME_LINTERS).map(([name, time]): [string, Linter] => [name, (t) => problemIf(!time.valid(t), 0, `invalid time ${t}`)])),
  pcenc: (t) => {
    const at = t.search(/%(?![0-9A-Fa-f]{2})/);
    return problemIf(at >= 0, at, 'invalid percent-encoding');
  },
  latitude: (t) => problemIf(Number(t) > 1_800_000_000, 0, `invalid latitude ${t}`),
  longitude: (t) => problemIf(Number(t) > 3_600_000_000, 0, `invalid longitude ${t}`),
  yesno: (t) => problemIf(t !== '0' && t !== '1', 0, 'must be 0 (no) or 1 (yes)'),
  zero: (t) => problemIf(t !== '0', 0, 'must be 0'),
  nonzero: (t) => problemIf(/^0*$/.test(t), 0, 'must not be zero'),
  winding: (t) => problemIf(!['0', '1', '9'].includes(t), 0, 'winding direction must be 0, 1 or 9'),
  iso5218: (t) => problemIf(!['0', '1', '2', '9'].includes(t), 0, 'sex code must be 0, 1, 2 or 9 (ISO/IEC 5218)'),
  hyphen: (t) => problemIf(!/^-*$/.test(t), 0, 'must be a hyphen'),
  nozeroprefix: (t) => problemIf(t.length > 1 && t.startsWith('0'), 0, 'must not start with 0'),
  hasnondigit: (t) => problemIf(/^\d*$/.test(t), 0, 'must contain a non-digit'),
  importeridx: (t) => problemIf(!/^[-0-9A-Za-z_]$/.test(t), 0, `invalid importer index ${t}`),
  pieceoftotal: (t) => {
    const half = t.length / 2;
    const piece = Number(t.slice(0, half));
    const total = Number(t.slice(half));
    return problemIf(t.length % 2 !== 0 || piece === 0 || total === 0 || piece > total, 0, `invalid piece of total ${t}`);
  },
  posinseqslash: (t) => {
    const m = /^([1-9]\d*)\/([1-9]\d*)$/.exec(t);
    return problemIf(!m || Number(m[1]) > Number(m[2]), 0, `invalid position in sequence ${t}`);
  },
  iban: (t) => {
    if (!/^[A-Z]{2}\d{2}[0-9A-Z]{1,30}$/.test(t)) return { offset: 0, message: `invalid IBAN ${t}` };
    const digits = [...(t.slice(4) + t.slice(0, 4))].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
    let rest = 0;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
    return problemIf(rest !== 1, 2, `invalid IBAN check digits in ${t}`);
  },
};

interface Part {
  spec: ComponentSpec;
  offset: number;
  text: string;
}

/** "14 digits", "1 to 20 characters", "13 to 30 characters". */
function expectedLength(entry: AiEntry): string {
  const min = entry.components.reduce((s, c) => s + (c.optional ? 0 : c.minLength), 0);
  const max = entry.components.reduce((s, c) => s + c.maxLength, 0);
  const noun = entry.components.every((c) => c.charset === 'N') ? 'digits' : 'characters';
  return min === max ? `${max} ${noun}` : `${min} to ${max} ${noun}`;
}

/** Cuts the data into the entry's components; the last one may be variable in length. */
function splitComponents(entry: AiEntry, raw: string): Part[] | ValueProblem {
  if (raw.length === 0) return { offset: 0, message: `has no data; expected ${expectedLength(entry)}` };
  const parts: Part[] = [];
  let offset = 0;
  for (const spec of entry.components) {
    const rest = raw.length - offset;
    if (rest === 0 && spec.optional) break;
    const take = spec.minLength === spec.maxLength ? spec.maxLength : Math.min(rest, spec.maxLength);
    if (rest < take || take < spec.minLength) return { offset: 0, message: `"${raw}" is too short: expected ${expectedLength(entry)}` };
    parts.push({ spec, offset, text: raw.slice(offset, offset + take) });
    offset += take;
  }
  if (offset < raw.length) return { offset, message: `"${raw}" is too long: expected ${expectedLength(entry)}` };
  return parts;
}

function partProblem(part: Part, ctx: ValueContext): ValueProblem | undefined {
  const charset = CHARSETS[part.spec.charset];
  for (const [i, ch] of [...part.text].entries()) {
    if (!charset.chars.has(ch)) return { offset: part.offset + i, message: `${showChar(ch)} ${charset.fault}` };
  }
  if (part.spec.charset === 'Z') {
    // Base64 padding: at most two "=", only at the end.
    const body = part.text.replace(/={1,2}$/, '');
    if (body.includes('=')) return { offset: part.offset + body.indexOf('='), message: 'misplaced base64 padding "="' };
  }
  for (const name of part.spec.linters) {
    const problem = LINTERS[name]?.(part.text, ctx);
    if (problem) return { offset: part.offset + problem.offset, message: problem.message };
  }
  return undefined;
}

/** Why `raw` is not valid data for the AI, or undefined when it is. */
export function valueProblem(entry: AiEntry, raw: string, ctx: ValueContext): ValueProblem | undefined {
  const parts = splitComponents(entry, raw);
  if (!Array.isArray(parts)) return parts;
  for (const part of parts) {
    const problem = partProblem(part, ctx);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The AIs whose data is a count that Lotline reads as a quantity. The dictionary gives formats,
 * not meanings, so which numeric AIs are amounts rather than identifiers (GTINs, variants, serials
 * made of digits, where leading zeros matter) has to be said somewhere.
 */
const COUNT_AIS = new Set(['30', '37']);

/** Digits with an implied decimal point `places` from the right, as a number. */
function decimal(digits: string, places: number): number {
  if (places === 0) return Number(digits);
  const padded = digits.padStart(places + 1, '0');
  return Number(`${padded.slice(0, -places)}.${padded.slice(-places)}`);
}

export interface TypedValue {
  value: string | number;
  /** ISO 4217 numeric currency code of an amount AI (391n, 393n). */
  currency?: string;
}

/**
 * The meaning of valid AI data: a number for decimal-point AIs (the fourth digit applied) and
 * counts, `YYYY-MM-DD` (with `THH:MM` where a time follows, `/` between two dates) for date AIs,
 * otherwise the data itself.
 */
export function typedValue(entry: AiEntry, raw: string, ctx: ValueContext): TypedValue {
  const parts = splitComponents(entry, raw);
  if (!Array.isArray(parts)) return { value: raw };
  if (entry.decimalPlaces !== undefined) {
    const amount = parts.at(-1)!;
    const currency = parts.find((p) => p !== amount && p.spec.linters.includes('iso4217'));
    return { value: decimal(amount.text, entry.decimalPlaces), ...(currency ? { currency: currency.text } : {}) };
  }
  if (COUNT_AIS.has(entry.ai)) return { value: Number(raw) };
  const dated = parts.every((p) => p.spec.linters.some((l) => l in DATE_LINTERS || l in TIME_LINTERS)) && parts[0]!.spec.linters.some((l) => l in DATE_LINTERS);
  if (!dated) return { value: raw };
  let text = '';
  for (const p of parts) {
    const dateLinter = p.spec.linters.find((l) => l in DATE_LINTERS);
    const timeLinter = p.spec.linters.find((l) => l in TIME_LINTERS);
    if (dateLinter) text += (text ? '/' : '') + DATE_LINTERS[dateLinter]!(p.text, ctx);
    else if (timeLinter) text += TIME_LINTERS[timeLinter]!.iso(p.text);
  }
  return { value: text };
}
