import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { DomainError } from '../../src/domain/errors.js';
import { dueAlerts, normaliseThresholds, parseThresholdList, type DueAlert } from '../../src/domain/expiry-alerts.js';
import type { HoldState } from '../../src/domain/lot-status.js';

const TODAY = '2026-06-15';
const lot = (expiryIn: number | null, sellByIn: number | null = null, holdState: HoldState = 'available') => ({
  expiryDate: expiryIn === null ? null : addDays(TODAY, expiryIn),
  sellByDate: sellByIn === null ? null : addDays(TODAY, sellByIn),
  holdState,
});
const kinds = (alerts: DueAlert[]) => alerts.map((a) => `${a.kind}:${a.threshold}`);

describe('dueAlerts', () => {
  it('raises the tightest expiring threshold crossed, nothing before the first', () => {
    expect(dueAlerts(lot(31), TODAY, [30, 7])).toEqual([]);
    expect(kinds(dueAlerts(lot(30), TODAY, [30, 7]))).toEqual(['lot.expiring:30']);
    expect(kinds(dueAlerts(lot(8), TODAY, [30, 7]))).toEqual(['lot.expiring:30']);
    expect(kinds(dueAlerts(lot(7), TODAY, [30, 7]))).toEqual(['lot.expiring:7']);
    expect(dueAlerts(lot(0), TODAY, [30, 7])[0]).toEqual({ kind: 'lot.expiring', threshold: 7, date: TODAY, daysLeft: 0 });
  });

  it('says expired from the day after the expiry date, for held and recalled lots too, and nothing else then', () => {
    for (const hold of ['available', 'hold', 'recalled'] as const) {
      expect(dueAlerts(lot(-1, -20, hold), TODAY, [30, 7])).toEqual([{ kind: 'lot.expired', threshold: 0, date: addDays(TODAY, -1), daysLeft: -1 }]);
    }
  });

  it('raises sell_by from the sell-by date on, alongside expiring', () => {
    expect(kinds(dueAlerts(lot(40, 1), TODAY, [30, 7]))).toEqual([]);
    expect(kinds(dueAlerts(lot(40, 0), TODAY, [30, 7]))).toEqual(['lot.sell_by:0']);
    expect(kinds(dueAlerts(lot(20, -10), TODAY, [30, 7]))).toEqual(['lot.expiring:30', 'lot.sell_by:0']);
    expect(kinds(dueAlerts(lot(null, -1), TODAY, [30, 7]))).toEqual(['lot.sell_by:0']);
  });

  it('gives recalled lots no expiring or sell-by alerts, and lots without dates none at all', () => {
    expect(dueAlerts(lot(3, -1, 'recalled'), TODAY, [30, 7])).toEqual([]);
    expect(kinds(dueAlerts(lot(3, -1, 'hold'), TODAY, [30, 7]))).toEqual(['lot.expiring:7', 'lot.sell_by:0']);
    expect(dueAlerts(lot(null), TODAY, [30, 7])).toEqual([]);
    expect(dueAlerts(lot(1), TODAY, [])).toEqual([]);
  });

  it('never raises a larger threshold after a smaller one as the days pass (once per lot and threshold holds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 60 }), fc.uniqueArray(fc.integer({ min: 0, max: 45 }), { maxLength: 4 }), (expiryIn, days) => {
        const thresholds = normaliseThresholds(days);
        let previous = Infinity;
        for (let day = 0; day <= 70; day++) {
          const today = addDays(TODAY, day);
          const expiring = dueAlerts({ ...lot(expiryIn), holdState: 'available' }, today, thresholds).find((a) => a.kind === 'lot.expiring');
          if (expiring) {
            expect(expiring.threshold).toBeLessThanOrEqual(previous);
            expect(expiring.daysLeft).toBeLessThanOrEqual(expiring.threshold);
            previous = expiring.threshold;
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('thresholds', () => {
  it('parses the environment form, deduplicated and largest first', () => {
    expect(parseThresholdList('7, 30,7')).toEqual([30, 7]);
    expect(parseThresholdList('')).toEqual([]);
    expect(parseThresholdList('0')).toEqual([0]);
  });

  it('refuses anything but whole days from 0 to 3650, at most ten of them', () => {
    for (const bad of ['30,x', '-1', '1.5', '30,,7', '3651']) expect(() => parseThresholdList(bad)).toThrow(DomainError);
    expect(() => normaliseThresholds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toThrow(/at most 10/);
    expect(() => normaliseThresholds([1.5])).toThrow(/whole numbers/);
  });
});
