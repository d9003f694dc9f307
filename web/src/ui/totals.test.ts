import { describe, expect, it } from 'vitest';
import { formatTotals, totalsByUom, uomLookup } from './totals';

describe('totals per unit of measure', () => {
  it('never adds kilograms to jars, and sums without float noise', () => {
    expect(formatTotals(totalsByUom([{ quantity: 3, uom: 'ea' }, { quantity: 1.5, uom: 'kg' }, { quantity: 2, uom: 'ea' }]))).toBe('5 ea · 1.5 kg');
    expect(formatTotals(totalsByUom([{ quantity: 0.1, uom: 'kg' }, { quantity: 0.2, uom: 'kg' }]))).toBe('0.3 kg');
    expect(formatTotals(new Map())).toBe('0');
  });

  it('finds the unit of a lot by sku and lot code', () => {
    const uomOf = uomLookup([
      { sku: 'JAM', lot: 'L1', uom: 'ea' },
      { sku: 'RM', lot: 'L1', uom: 'kg' },
    ]);
    expect(uomOf({ sku: 'RM', lot: 'L1' })).toBe('kg');
    expect(uomOf({ sku: 'RM', lot: 'L2' })).toBe('');
  });
});
