import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullYear } from '../../src/domain/gs1/ai-values.js';
import { renderDigitalLink } from '../../src/domain/gs1/digital-link.js';
import { renderBracketed, renderElementString, type AiData } from '../../src/domain/gs1/element-string.js';
import { matchesPattern, type AiEntry, type ComponentSpec } from '../../src/domain/gs1/syntax-dictionary.js';
import { gs1CheckDigit } from '../../src/domain/gtin.js';
import { dictionary, read } from './gs1-helpers.js';

/**
 * Property: any valid set of AIs, written as an element string, as bracketed text and as a
 * Digital Link, reads back as the same AIs with the same values. The AIs and their data are
 * generated from the dictionary itself, so every format and linter the generator knows is covered.
 */

const REFERENCE_YEAR = 2026;
const CHARSETS: Record<ComponentSpec['charset'], string> = {
  N: '0123456789',
  X: `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`,
  Y: '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  Z: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
};
/** Linters the parser does not apply (they need GS1's separate reference lists). */
const UNCHECKED = ['gcppos1', 'gcppos2', 'iso3166', 'iso3166999', 'iso3166alpha2', 'iso4217', 'packagetype', 'mediatype', 'couponcode', 'couponposoffer'];
const GENERATED = ['csum', 'yymmd0', 'yymmdd', 'yyyymmdd', 'hhmi', 'hh', 'mi', 'ss', 'nonzero', 'pcenc', ...UNCHECKED];

const two = (n: number) => String(n).padStart(2, '0');
const digits = (length: number) => fc.string({ unit: fc.constantFrom(...CHARSETS.N), minLength: length, maxLength: length });

function dateArb(linter: string): fc.Arbitrary<string> {
  const fourDigits = linter === 'yyyymmdd';
  return fc
    .record({ year: fourDigits ? fc.integer({ min: 1900, max: 2199 }) : fc.integer({ min: 0, max: 99 }), month: fc.integer({ min: 1, max: 12 }), seed: fc.nat() })
    .map(({ year, month, seed }) => {
      const full = fourDigits ? year : fullYear(year, REFERENCE_YEAR);
      const days = new Date(Date.UTC(full, month, 0)).getUTCDate();
      // yymmd0 also allows day 00, "the month's last day".
      const day = linter === 'yymmd0' ? seed % (days + 1) : 1 + (seed % days);
      return `${fourDigits ? String(year) : two(year)}${two(month)}${two(day)}`;
    });
}

function componentArb(spec: ComponentSpec): fc.Arbitrary<string> {
  const dateLinter = spec.linters.find((l) => ['yymmd0', 'yymmdd', 'yyyymmdd'].includes(l));
  if (dateLinter) return dateArb(dateLinter);
  const hours = fc.integer({ min: 0, max: 23 }).map(two);
  const minutes = fc.integer({ min: 0, max: 59 }).map(two);
  if (spec.linters.includes('hhmi')) return fc.tuple(hours, minutes).map(([h, m]) => h + m);
  if (spec.linters.includes('hh')) return hours;
  if (spec.linters.includes('mi') || spec.linters.includes('ss')) return minutes;
  if (spec.linters.includes('csum')) return digits(spec.maxLength - 1).map((body) => body + gs1CheckDigit(body));
  const chars = spec.linters.includes('pcenc') ? CHARSETS[spec.charset].replace('%', '') : CHARSETS[spec.charset];
  const text = fc.string({ unit: fc.constantFrom(...chars), minLength: spec.minLength, maxLength: spec.maxLength });
  return spec.linters.includes('nonzero') ? text.filter((t) => !/^0*$/.test(t)) : text;
}

/** Valid data for an AI: its mandatory components, then some of its optional ones. */
function dataArb(entry: AiEntry): fc.Arbitrary<string> {
  const optional = entry.components.filter((c) => c.optional).length;
  return fc
    .integer({ min: 0, max: optional })
    .chain((extra) => fc.tuple(...entry.components.slice(0, entry.components.length - optional + extra).map(componentArb)))
    .map((parts) => parts.join(''));
}

const GTIN = dictionary.entries.get('01')!;
const excludes = (a: AiEntry, b: AiEntry) => a.excludes.some((p) => b.ai !== a.ai && matchesPattern(b.ai, p));
/**
 * AIs that may accompany a GTIN on their own: every `req=` met by (01), no `ex=` clash with it,
 * writable in a Digital Link (an attribute, or a qualifier of the GTIN) and generatable. (235) is
 * left out: it is a qualifier only without (10) and (22), which a Digital Link could not then carry.
 */
const POOL = [...dictionary.entries.values()].filter(
  (e) =>
    e.ai !== '01' &&
    e.ai !== '235' &&
    e.requires.every((alternatives) => alternatives.some((group) => group.every((p) => matchesPattern('01', p)))) &&
    !excludes(e, GTIN) &&
    !excludes(GTIN, e) &&
    (e.dlAttribute || GTIN.dlQualifiers!.flat().includes(e.ai)) &&
    e.components.every((c) => c.linters.every((l) => GENERATED.includes(l))),
);

const aiSet: fc.Arbitrary<AiData[]> = fc
  .tuple(dataArb(GTIN), fc.shuffledSubarray(POOL, { maxLength: 8 }))
  .map(([gtin, entries]) => ({ gtin, entries: entries.filter((e, i) => entries.slice(0, i).every((earlier) => !excludes(e, earlier) && !excludes(earlier, e))) }))
  .chain(({ gtin, entries }) => fc.tuple(fc.constant(gtin), ...entries.map((e) => dataArb(e).map((raw) => ({ ai: e.ai, raw })))))
  .map(([gtin, ...others]) => [{ ai: '01', raw: gtin }, ...others]);

const byAi = <T extends { ai: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.ai < b.ai ? -1 : a.ai > b.ai ? 1 : 0));

describe('GS1 round trip (property)', () => {
  it('draws from a pool of many dictionary AIs', () => {
    expect(POOL.length).toBeGreaterThan(100);
    for (const ai of ['10', '11', '15', '17', '21', '22', '30', '3103', '7003', '7007', '8008']) expect(POOL.map((e) => e.ai), ai).toContain(ai);
  });

  it('reads back the same AIs and values from an element string, bracketed text and a Digital Link', () => {
    fc.assert(
      fc.property(aiSet, (ais) => {
        const element = read(renderElementString(dictionary, ais), REFERENCE_YEAR);
        const bracketed = read(renderBracketed(ais), REFERENCE_YEAR);
        const link = read(renderDigitalLink(dictionary, ais, 'https://id.example.com/p'), REFERENCE_YEAR);
        expect(byAi(element.ais).map(({ ai, raw }) => ({ ai, raw }))).toEqual(byAi(ais));
        expect(bracketed.ais).toEqual(element.ais);
        expect(byAi(link.ais)).toEqual(byAi(element.ais));
        expect({ ...link, form: 'element-string', ais: [] }).toEqual({ ...element, ais: [] });
      }),
      { numRuns: 400 },
    );
  });
});
