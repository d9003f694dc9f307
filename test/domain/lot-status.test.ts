import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { isExpired, LOT_STATUSES, lotStatus, type HoldState } from '../../src/domain/lot-status.js';

const TODAY = '2026-11-24';

const holdState = fc.constantFrom<HoldState>('available', 'hold', 'recalled');
const expiryDate = fc.option(fc.integer({ min: -40, max: 40 }).map((d) => addDays(TODAY, d)), { nil: null });
const onHand = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 ** 12 }));

describe('lotStatus', () => {
  it('follows the precedence QA decision, then depleted, then expired, else available', () => {
    fc.assert(
      fc.property(holdState, expiryDate, onHand, (hold, expiry, stock) => {
        const status = lotStatus({ holdState: hold, expiryDate: expiry }, stock, TODAY);
        expect(LOT_STATUSES).toContain(status);
        if (hold !== 'available') expect(status).toBe(hold);
        else if (stock === 0) expect(status).toBe('depleted');
        else if (expiry !== null && expiry < TODAY) expect(status).toBe('expired');
        else expect(status).toBe('available');
      }),
      { numRuns: 300 },
    );
  });

  it('lets a hold or recall win over depleted and expired stock', () => {
    const expiredLot = { expiryDate: '2026-01-01' };
    expect(lotStatus({ ...expiredLot, holdState: 'hold' }, 0, TODAY)).toBe('hold');
    expect(lotStatus({ ...expiredLot, holdState: 'recalled' }, 5, TODAY)).toBe('recalled');
  });

  it('calls an empty expired lot depleted, since nothing is left to deal with', () => {
    expect(lotStatus({ holdState: 'available', expiryDate: '2026-01-01' }, 0, TODAY)).toBe('depleted');
  });

  it('keeps a lot usable through its expiry date and expired from the day after', () => {
    const lot = (expiry: string) => ({ holdState: 'available' as const, expiryDate: expiry });
    expect(lotStatus(lot(TODAY), 1, TODAY)).toBe('available');
    expect(lotStatus(lot(addDays(TODAY, -1)), 1, TODAY)).toBe('expired');
    expect(lotStatus(lot('2028-02-29'), 1, '2028-02-29')).toBe('available');
    expect(lotStatus(lot('2028-02-29'), 1, '2028-03-01')).toBe('expired');
  });

  it('never expires a lot without an expiry date', () => {
    expect(lotStatus({ holdState: 'available', expiryDate: null }, 1, '2999-12-31')).toBe('available');
  });
});

describe('isExpired', () => {
  it('is true exactly when today is after the expiry date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (offset) => {
        expect(isExpired(addDays(TODAY, offset), TODAY)).toBe(offset < 0);
      }),
      { numRuns: 200 },
    );
    expect(isExpired(null, TODAY)).toBe(false);
    // Text order must not be fooled across month and year boundaries.
    expect(isExpired('2026-09-30', '2026-10-01')).toBe(true);
    expect(isExpired('2026-12-31', '2027-01-01')).toBe(true);
  });
});
