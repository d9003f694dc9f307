import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../../src/domain/errors.js';
import { addMicro, formatMicro, fromMicro, quantityProblem, SCALE, toMicro } from '../../src/domain/quantity.js';

const RUNS = { numRuns: 500 };

// Doubles hold every 6-decimal number exactly-enough to round-trip only below 2^33 units; above
// that their spacing exceeds one micro-unit, so that is the largest range a JSON quantity can have.
const MAX_EXACT_MICRO = 2 ** 33 * SCALE - 1;

const micro = fc.integer({ min: -MAX_EXACT_MICRO, max: MAX_EXACT_MICRO });
const safeMicro = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const path = fc.stringMatching(/^[a-z]{1,8}(\.\d{1,2}\.[a-z]{1,8})?$/);

/** Runs `fn` and returns what it threw, failing the test when it did not throw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('toMicro / fromMicro', () => {
  it('round-trips every number with at most 6 decimals', () => {
    fc.assert(
      fc.property(micro, (n) => {
        const value = fromMicro(n);
        expect(toMicro(value)).toBe(n);
        expect(fromMicro(toMicro(value))).toBe(value);
      }),
      RUNS,
    );
  });

  it('converts typical values exactly', () => {
    expect(toMicro(0)).toBe(0);
    expect(toMicro(-0)).toBe(0);
    expect(toMicro(1)).toBe(1_000_000);
    expect(toMicro(0.000001)).toBe(1);
    expect(toMicro(1e-6)).toBe(1);
    expect(toMicro(-1.5)).toBe(-1_500_000);
    expect(toMicro(100.5)).toBe(100_500_000);
    expect(toMicro(1.234567)).toBe(1_234_567);
    expect(toMicro(8589934591.999999)).toBe(MAX_EXACT_MICRO);
  });

  it('handles float traps exactly: 0.1 + 0.2 is 0.3 and ten times 0.1 is 1', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addMicro(toMicro(0.1), toMicro(0.2))).toBe(toMicro(0.3));
    expect(fromMicro(addMicro(toMicro(0.1), toMicro(0.2)))).toBe(0.3);
    const tenth = toMicro(0.1);
    let total = 0;
    for (let i = 0; i < 10; i++) total = addMicro(total, tenth);
    expect(fromMicro(total)).toBe(1);
    expect(fromMicro(toMicro(1.1) - toMicro(0.9))).toBe(0.2);
  });

  it('rejects the float sum 0.1 + 0.2 itself: it is not a 6-decimal number', () => {
    expect(quantityProblem(0.1 + 0.2)).toBe('must have at most 6 decimal places');
  });

  it('rejects more than 6 decimals with Invalid naming the given path', () => {
    // Below 1e8 units doubles still tell 7-decimal numbers apart, so each generated value really has 7.
    const sevenDecimals = fc
      .integer({ min: -(10 ** 15), max: 10 ** 15 })
      .filter((n) => n % 10 !== 0)
      .map((n) => n / 10 ** 7);
    fc.assert(
      fc.property(sevenDecimals, path, (value, p) => {
        const error = thrown(() => toMicro(value, p));
        expect(error).toBeInstanceOf(Invalid);
        expect((error as Invalid).code).toBe('invalid_request');
        expect((error as Invalid).details[0]).toEqual({ path: p, message: 'must have at most 6 decimal places' });
        expect((error as Invalid).message).toBe(`${p}: must have at most 6 decimal places`);
      }),
      RUNS,
    );
  });

  it.each([0.1234567, 1e-7, 1.0000001, -0.0000005, 5e-324])('rejects %s', (value) => {
    const error = thrown(() => toMicro(value, 'lines.2.quantity'));
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).details[0]?.path).toBe('lines.2.quantity');
  });

  it('names the default path "quantity"', () => {
    expect((thrown(() => toMicro(0.1234567)) as Invalid).details[0]?.path).toBe('quantity');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects non-finite %s', (value) => {
    expect(quantityProblem(value)).toBe('must be a finite number');
    expect(thrown(() => toMicro(value))).toBeInstanceOf(Invalid);
  });

  it.each([1e21, -1e21, 9007199254.740992, 8589934592, -8589934592, Number.MAX_VALUE])(
    'rejects %s as too large to be exact',
    (value) => {
      expect(quantityProblem(value)).toBe('is too large');
    },
  );

  it('refuses a value whose decimals JSON parsing already changed instead of storing another quantity', () => {
    const parsed = JSON.parse('9000000000.000001') as number;
    expect(String(parsed)).toBe('9000000000.000002');
    expect(thrown(() => toMicro(parsed, 'lines.0.quantity'))).toBeInstanceOf(Invalid);
  });

  it('accepts every exact value and rejects everything beyond the exact range', () => {
    fc.assert(
      fc.property(micro, (n) => {
        expect(quantityProblem(fromMicro(n))).toBeUndefined();
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.double({ min: 2 ** 33, max: 1e300, noNaN: true }), fc.boolean(), (value, negative) => {
        expect(quantityProblem(negative ? -value : value)).toBe('is too large');
      }),
      RUNS,
    );
  });
});

describe('formatMicro', () => {
  it('gives the exact decimal text of any safe micro amount', () => {
    fc.assert(
      fc.property(safeMicro, (n) => {
        const text = formatMicro(n);
        expect(text).toMatch(/^-?(0|[1-9]\d*)(\.\d{0,5}[1-9])?$/);
        const [integer = '', fraction = ''] = text.replace('-', '').split('.');
        const magnitude = BigInt(integer) * BigInt(SCALE) + BigInt(fraction.padEnd(6, '0'));
        expect(text.startsWith('-') ? -magnitude : magnitude).toBe(BigInt(n));
      }),
      RUNS,
    );
  });

  it('agrees with the JSON number within the exact range', () => {
    fc.assert(
      fc.property(micro, (n) => {
        expect(Number(formatMicro(n))).toBe(fromMicro(n));
      }),
      RUNS,
    );
  });

  it.each([
    [0, '0'],
    [1, '0.000001'],
    [-1, '-0.000001'],
    [1_000_000, '1'],
    [1_500_000, '1.5'],
    [1_234_567, '1.234567'],
    [-100_500_000, '-100.5'],
    [Number.MAX_SAFE_INTEGER, '9007199254.740991'],
  ])('formats %s as %s', (n, text) => {
    expect(formatMicro(n)).toBe(text);
  });
});

describe('addMicro', () => {
  it('adds exactly while the result stays a safe integer', () => {
    fc.assert(
      fc.property(safeMicro, safeMicro, (a, b) => {
        fc.pre(Number.isSafeInteger(a + b));
        expect(addMicro(a, b)).toBe(a + b);
        expect(addMicro(b, a)).toBe(addMicro(a, b));
      }),
      RUNS,
    );
  });

  it('refuses results outside the safe integer range', () => {
    const huge = fc.integer({ min: Math.ceil(Number.MAX_SAFE_INTEGER / 2) + 1, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(huge, huge, fc.boolean(), (a, b, negative) => {
        const sign = negative ? -1 : 1;
        expect(thrown(() => addMicro(sign * a, sign * b))).toBeInstanceOf(Invalid);
      }),
      RUNS,
    );
    expect(thrown(() => addMicro(Number.MAX_SAFE_INTEGER, 1))).toBeInstanceOf(Invalid);
    expect(thrown(() => addMicro(Number.MIN_SAFE_INTEGER, -1))).toBeInstanceOf(Invalid);
    expect(addMicro(Number.MAX_SAFE_INTEGER, -1)).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});
