import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, expiryDaysLeft, expiryHref, filtersFromParams, filtersToParams, isExpiredRow, type ExpiryRow } from './expiryApi';

const row = (fields: Partial<ExpiryRow>): ExpiryRow => ({
  sku: 'JAM-370',
  lot: 'L1',
  itemName: 'Strawberry jam 370 g',
  uom: 'ea',
  location: 'WH1',
  quantity: 6,
  expiryDate: '2026-12-10',
  sellByDate: '2026-11-20',
  status: 'available',
  value: '8.7',
  daysLeft: 0,
  ...fields,
});

describe('expiry filters in the address', () => {
  it('round-trips every filter and leaves defaults out', () => {
    const filters = { withinDays: 7, basis: 'sellBy' as const, location: 'WH2', expiredOnly: true };
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersToParams(DEFAULT_FILTERS).toString()).toBe('');
    expect(expiryHref({ expiredOnly: true })).toBe('/expiry?expired=1');
    expect(expiryHref({ withinDays: 30, basis: 'sellBy' })).toBe('/expiry?basis=sellBy');
  });

  it('falls back to the defaults on nonsense', () => {
    expect(filtersFromParams(new URLSearchParams('within=-3&basis=best-before&expired=yes'))).toEqual(DEFAULT_FILTERS);
    expect(filtersFromParams(new URLSearchParams('within=2.5')).withinDays).toBe(30);
  });
});

describe('expired or not, from the days the server reports', () => {
  it('takes days to expiry as they are on the expiry basis', () => {
    expect(isExpiredRow(row({ daysLeft: -1 }), 'expiry')).toBe(true);
    // A lot is usable through its expiry date.
    expect(isExpiredRow(row({ daysLeft: 0 }), 'expiry')).toBe(false);
  });

  it('carries days to sell-by over to the expiry date without the browser clock', () => {
    // Sell-by 2026-11-20 was 4 days ago: the expiry date 2026-12-10 is 20 days after it, so 16 days ahead.
    expect(expiryDaysLeft(row({ daysLeft: -4 }), 'sellBy')).toBe(16);
    expect(isExpiredRow(row({ daysLeft: -4 }), 'sellBy')).toBe(false);
    expect(isExpiredRow(row({ daysLeft: -21 }), 'sellBy')).toBe(true);
    expect(expiryDaysLeft(row({ daysLeft: -4, expiryDate: null }), 'sellBy')).toBeNull();
  });
});
