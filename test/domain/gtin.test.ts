import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, gtinProblem, toGtin14 } from '../../src/domain/gtin.js';

const RUNS = { numRuns: 300 };

const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const body = fc.constantFrom(7, 11, 12, 13).chain(digits);
const validGtin = body.map((b) => b + gs1CheckDigit(b));

describe('gtinProblem', () => {
  it.each([
    ['GTIN-13', '4006381333931'],
    ['GTIN-8', '96385074'],
    ['GTIN-12', '036000291452'],
    ['GTIN-14', '10614141000415'],
    ['GTIN-13 with check digit 0', '5901234123457'],
  ])('accepts the %s %s', (_kind, gtin) => {
    expect(gtinProblem(gtin)).toBeUndefined();
  });

  it.each([
    ['4006381333932', '1'],
    ['96385073', '4'],
    ['036000291453', '2'],
    ['10614141000416', '5'],
  ])('rejects %s and names the expected check digit %s', (gtin, expected) => {
    expect(gtinProblem(gtin)).toBe(`check digit must be ${expected}`);
  });

  it.each(['400638133393a', '4006 381333931', '+4006381333931', '', '４００６３８１３３３９３１'])('rejects non-digits in %j', (gtin) => {
    expect(gtinProblem(gtin)).toBe('must contain digits only');
  });

  it.each(['1234567', '123456789', '1234567890', '12345678901', '123456789012345'])('rejects the length of %s', (gtin) => {
    expect(gtinProblem(gtin)).toBe('must have 8, 12, 13 or 14 digits');
  });

  it('accepts any body with its computed check digit appended', () => {
    fc.assert(
      fc.property(validGtin, (gtin) => {
        expect(gtinProblem(gtin)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('rejects every other last digit, naming the right one', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 1, max: 9 }), (b, shift) => {
        const right = gs1CheckDigit(b);
        expect(gtinProblem(b + ((right + shift) % 10))).toBe(`check digit must be ${right}`);
      }),
      RUNS,
    );
  });

  it('catches any single mistyped digit', () => {
    fc.assert(
      fc.property(
        validGtin.chain((g) => fc.tuple(fc.constant(g), fc.nat({ max: g.length - 1 }), fc.integer({ min: 1, max: 9 }))),
        ([gtin, position, shift]) => {
          const typo = gtin.slice(0, position) + ((Number(gtin[position]) + shift) % 10) + gtin.slice(position + 1);
          expect(gtinProblem(typo)).toMatch(/^check digit must be \d$/);
        },
      ),
      RUNS,
    );
  });
});

describe('toGtin14', () => {
  it('pads any valid GTIN to a valid GTIN-14 with the same number', () => {
    fc.assert(
      fc.property(validGtin, (gtin) => {
        const long = toGtin14(gtin);
        expect(long).toHaveLength(14);
        expect(long.endsWith(gtin)).toBe(true);
        expect(gtinProblem(long)).toBeUndefined();
      }),
      RUNS,
    );
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('10614141000415')).toBe('10614141000415');
  });
});
