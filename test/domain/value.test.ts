import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMicro } from '../../src/domain/quantity.js';
import { formatValue, valueOf, valueText, wasteRate } from '../../src/domain/value.js';
import { retryDelay, MAX_DELIVERY_ATTEMPTS } from '../../src/domain/webhook-retry.js';

describe('stock value', () => {
  it('multiplies quantity and unit cost exactly, to twelve decimals', () => {
    expect(valueText(toMicro(3), toMicro(1.25))).toBe('3.75');
    expect(valueText(toMicro(0.333333), toMicro(1.111111))).toBe('0.370369962963');
    expect(valueText(toMicro(12), null)).toBeNull();
    expect(formatValue(0n)).toBe('0');
    expect(formatValue(-valueOf(toMicro(2), toMicro(0.5)))).toBe('-1');
    // The largest quantity at almost 10 000 per unit: far beyond 2^63 at 10⁻¹², still exact.
    expect(valueText(toMicro(8_589_934_591), toMicro(9_999.999999))).toBe('85899345901410.065409');
  });

  it('agrees with decimal arithmetic done by hand', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 10 }), (q, c) => {
        const text = formatValue(valueOf(q, c));
        const [int, frac = ''] = text.split('.');
        expect(BigInt(int!) * 10n ** 12n + BigInt(frac.padEnd(12, '0'))).toBe(BigInt(q) * BigInt(c));
      }),
    );
  });
});

describe('wasteRate', () => {
  it('is written off over everything that left, null when nothing did', () => {
    expect(wasteRate(1, 3)).toBe(0.25);
    expect(wasteRate(2, 1)).toBe(0.6667);
    expect(wasteRate(0, 5)).toBe(0);
    expect(wasteRate(0, 0)).toBeNull();
  });
});

describe('webhook retry schedule', () => {
  it('waits 1 min, 5 min, 30 min, 2 h, 12 h, then gives up after the sixth attempt', () => {
    const minutes = [1, 2, 3, 4, 5, 6].map((n) => retryDelay(n)).map((ms) => (ms === null ? null : ms / 60_000));
    expect(minutes).toEqual([1, 5, 30, 120, 720, null]);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(6);
  });
});
