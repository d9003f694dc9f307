import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import {
  allocateFefo,
  describeShortfall,
  expiryCut,
  unusableReason,
  type Allocation,
  type Candidate,
  type ShelfLifePolicy,
} from '../../src/domain/fefo.js';
import type { HoldState } from '../../src/domain/lot-status.js';

const RUNS = { numRuns: 400 };
const SHIP = '2026-11-24';
const UNIT = 1_000_000;

interface Scenario {
  candidates: Candidate[];
  policy: ShelfLifePolicy;
  quantity: number;
}

/** Eligibility written from the rules, independently of `unusableReason`. */
function isEligible(c: Candidate, policy: ShelfLifePolicy): boolean {
  if (c.holdState !== 'available' || c.available <= 0) return false;
  return c.expiryDate === null || c.expiryDate >= addDays(policy.shipDate, policy.minShelfLifeDays);
}

const eligibleTotal = (s: Omit<Scenario, 'quantity'>): number =>
  s.candidates.filter((c) => isEligible(c, s.policy)).reduce((sum, c) => sum + c.available, 0);

// Lots without expiry sort after every dated lot.
const expiryKey = (expiry: string | null): string => expiry ?? '9999-12-31';

// Few distinct expiries and round amounts make ties (same expiry, same size) common.
const candidate = fc.record({
  lotId: fc.integer({ min: 1, max: 100_000 }),
  expiryDate: fc.option(fc.integer({ min: -3, max: 12 }).map((d) => addDays(SHIP, d)), { nil: null, freq: 5 }),
  sequence: fc.integer({ min: 1, max: 50 }),
  available: fc.oneof(
    fc.integer({ min: 0, max: 20 }).map((n) => n * (UNIT / 2)),
    fc.integer({ min: 1, max: 10 * UNIT }),
    fc.integer({ min: -3, max: 0 }),
  ),
  holdState: fc.constantFrom<HoldState>('available', 'available', 'available', 'hold', 'recalled'),
});

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    candidates: fc
      .uniqueArray(candidate, { selector: (c) => c.lotId, minLength: 1, maxLength: 12 })
      .map((cs) => cs.map((c) => ({ ...c, lot: `L${c.lotId}` }))),
    policy: fc.record({ shipDate: fc.constant(SHIP), minShelfLifeDays: fc.integer({ min: 0, max: 7 }) }),
  })
  .chain((s) =>
    fc
      .integer({ min: 1, max: Math.max(1, Math.ceil(eligibleTotal(s) * 1.3)) })
      .map((quantity) => ({ ...s, quantity })),
  );

function allocate(s: Scenario): { allocation: Allocation; byId: Map<number, Candidate>; picked: Set<number> } {
  const allocation = allocateFefo(s.candidates, s.quantity, s.policy);
  return {
    allocation,
    byId: new Map(s.candidates.map((c) => [c.lotId, c])),
    picked: new Set(allocation.picks.map((p) => p.lotId)),
  };
}

/** Eligible lots with stock that the allocation left untouched. */
const unpickedEligible = (s: Scenario, picked: Set<number>): Candidate[] =>
  s.candidates.filter((c) => isEligible(c, s.policy) && !picked.has(c.lotId));

const candidateOf = (byId: Map<number, Candidate>, lotId: number): Candidate => {
  const c = byId.get(lotId);
  if (!c) throw new Error(`pick of unknown lot ${lotId}`);
  return c;
};

describe('allocateFefo properties', () => {
  it('picks only eligible lots, each at most once, never more than is available', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { allocation, byId, picked } = allocate(s);
        expect(picked.size).toBe(allocation.picks.length);
        for (const p of allocation.picks) {
          const c = candidateOf(byId, p.lotId);
          expect(isEligible(c, s.policy)).toBe(true);
          expect(p.quantity).toBeGreaterThan(0);
          expect(p.quantity).toBeLessThanOrEqual(c.available);
          expect(Number.isInteger(p.quantity)).toBe(true);
          expect({ lot: p.lot, expiryDate: p.expiryDate }).toEqual({ lot: c.lot, expiryDate: c.expiryDate });
        }
      }),
      RUNS,
    );
  });

  it('covers the request exactly when eligible stock suffices, else reports the exact shortfall', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { allocation } = allocate(s);
        const total = allocation.picks.reduce((sum, p) => sum + p.quantity, 0);
        expect(total + allocation.shortfall).toBe(s.quantity);
        expect(allocation.shortfall).toBe(Math.max(0, s.quantity - eligibleTotal(s)));
      }),
      RUNS,
    );
  });

  it('takes the earliest expiry first and lots without expiry last', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { allocation, picked } = allocate(s);
        const keys = allocation.picks.map((p) => expiryKey(p.expiryDate));
        expect(keys).toEqual([...keys].sort());
        for (const p of allocation.picks) {
          for (const c of unpickedEligible(s, picked)) {
            expect(expiryKey(p.expiryDate) <= expiryKey(c.expiryDate)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('empties every picked lot but the last, so no lot is opened needlessly', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { allocation, byId } = allocate(s);
        for (const p of allocation.picks.slice(0, -1)) {
          expect(p.quantity).toBe(candidateOf(byId, p.lotId).available);
        }
      }),
      RUNS,
    );
  });

  it('on equal expiry prefers the larger lot', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { allocation, byId, picked } = allocate(s);
        for (const p of allocation.picks) {
          for (const c of unpickedEligible(s, picked)) {
            if (c.expiryDate === p.expiryDate) {
              expect(candidateOf(byId, p.lotId).available).toBeGreaterThanOrEqual(c.available);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('skips only ineligible lots with stock, and names every one of them when short', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { allocation, byId, picked } = allocate(s);
        const skippedLots = allocation.skipped.map((k) => k.lot);
        expect(new Set(skippedLots).size).toBe(skippedLots.length);
        for (const k of allocation.skipped) {
          const c = s.candidates.find((x) => x.lot === k.lot);
          expect(c).toBeDefined();
          expect(c!.available).toBeGreaterThan(0);
          expect(isEligible(c!, s.policy)).toBe(false);
          expect(picked.has(c!.lotId)).toBe(false);
          expect(k.reason).toBe(unusableReason(c!, s.policy));
        }
        if (allocation.shortfall > 0) {
          const ineligibleWithStock = [...byId.values()].filter((c) => c.available > 0 && !isEligible(c, s.policy));
          expect(new Set(skippedLots)).toEqual(new Set(ineligibleWithStock.map((c) => c.lot)));
        }
      }),
      RUNS,
    );
  });

  it('does not depend on the order candidates come in, and leaves them untouched', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.shuffledSubarray(s.candidates, { minLength: s.candidates.length }).map((shuffled) => ({ s, shuffled }))),
        ({ s, shuffled }) => {
          const before = structuredClone(s.candidates);
          const allocation = allocateFefo(s.candidates, s.quantity, s.policy);
          expect(s.candidates).toEqual(before);
          expect(allocateFefo(shuffled, s.quantity, s.policy)).toEqual(allocation);
        },
      ),
      RUNS,
    );
  });
});

describe('allocateFefo examples', () => {
  const lot = (lotId: number, expiryDate: string | null, available: number, extra: Partial<Candidate> = {}): Candidate => ({
    lotId,
    lot: `L${lotId}`,
    expiryDate,
    sequence: lotId,
    available: available * UNIT,
    holdState: 'available',
    ...extra,
  });
  const policy = (minShelfLifeDays = 0): ShelfLifePolicy => ({ shipDate: SHIP, minShelfLifeDays });
  const picksOf = (a: Allocation) => a.picks.map((p) => [p.lot, p.quantity / UNIT]);

  it('spans lots in expiry order', () => {
    const a = allocateFefo([lot(1, '2027-03-01', 10), lot(2, '2026-12-01', 4), lot(3, null, 50), lot(4, '2027-01-01', 5)], 12 * UNIT, policy());
    expect(picksOf(a)).toEqual([['L2', 4], ['L4', 5], ['L1', 3]]);
    expect(a.shortfall).toBe(0);
  });

  it('uses lots without expiry only after all dated ones', () => {
    const a = allocateFefo([lot(1, null, 100), lot(2, '2030-01-01', 1)], 3 * UNIT, policy());
    expect(picksOf(a)).toEqual([['L2', 1], ['L1', 2]]);
  });

  it('on equal expiry fills from one large lot instead of several small ones', () => {
    const a = allocateFefo([lot(1, '2027-01-01', 3), lot(2, '2027-01-01', 4), lot(3, '2027-01-01', 10)], 8 * UNIT, policy());
    expect(picksOf(a)).toEqual([['L3', 8]]);
  });

  it('on equal expiry and size takes the older lot', () => {
    const a = allocateFefo([lot(1, '2027-01-01', 5, { sequence: 9 }), lot(2, '2027-01-01', 5, { sequence: 3 })], UNIT, policy());
    expect(picksOf(a)).toEqual([['L2', 1]]);
  });

  it('ships a lot on its expiry date but not the day after', () => {
    expect(picksOf(allocateFefo([lot(1, SHIP, 5)], UNIT, policy()))).toEqual([['L1', 1]]);
    const a = allocateFefo([lot(1, addDays(SHIP, -1), 5)], UNIT, policy());
    expect(a.picks).toEqual([]);
    expect(a.skipped).toEqual([{ lot: 'L1', reason: 'expired on 2026-11-23' }]);
    expect(a.shortfall).toBe(UNIT);
  });

  it('respects the customer minimum shelf life to the day', () => {
    const a = allocateFefo([lot(1, addDays(SHIP, 9), 5), lot(2, addDays(SHIP, 10), 5)], 6 * UNIT, policy(10));
    expect(picksOf(a)).toEqual([['L2', 5]]);
    expect(a.skipped).toEqual([{ lot: 'L1', reason: '9 days left, customer requires 10' }]);
    expect(a.shortfall).toBe(UNIT);
  });

  it('never picks held or recalled lots, however soon they expire', () => {
    const a = allocateFefo(
      [lot(1, '2026-12-01', 5, { holdState: 'hold' }), lot(2, '2026-12-02', 5, { holdState: 'recalled' }), lot(3, '2027-12-01', 5)],
      5 * UNIT,
      policy(),
    );
    expect(picksOf(a)).toEqual([['L3', 5]]);
    expect(a.skipped).toEqual([
      { lot: 'L1', reason: 'on hold' },
      { lot: 'L2', reason: 'recalled' },
    ]);
  });

  it('ignores lots with nothing available and stops looking once covered', () => {
    const a = allocateFefo([lot(1, '2026-12-01', 0), lot(2, '2026-12-02', 5), lot(3, '2026-12-03', 5, { holdState: 'hold' })], 5 * UNIT, policy());
    expect(picksOf(a)).toEqual([['L2', 5]]);
    expect(a.skipped).toEqual([]);
  });

  it('handles an empty candidate list', () => {
    expect(allocateFefo([], 7, policy())).toEqual({ picks: [], skipped: [], shortfall: 7 });
  });
});

describe('unusableReason', () => {
  it('puts QA decisions before the calendar', () => {
    const expired = { expiryDate: '2020-01-01' };
    expect(unusableReason({ ...expired, holdState: 'hold' }, { shipDate: SHIP, minShelfLifeDays: 0 })).toBe('on hold');
    expect(unusableReason({ ...expired, holdState: 'recalled' }, { shipDate: SHIP, minShelfLifeDays: 0 })).toBe('recalled');
    expect(unusableReason({ ...expired, holdState: 'available' }, { shipDate: SHIP, minShelfLifeDays: 0 })).toBe('expired on 2020-01-01');
  });

  it('accepts an undated lot whatever shelf life the customer asks for', () => {
    expect(unusableReason({ holdState: 'available', expiryDate: null }, { shipDate: SHIP, minShelfLifeDays: 10_000 })).toBeUndefined();
  });
});

describe('describeShortfall', () => {
  it('names what was eligible and why lots were passed over', () => {
    const allocation: Allocation = {
      picks: [{ lotId: 3, lot: 'L3', expiryDate: null, quantity: 5_500_000 }],
      skipped: [
        { lot: 'L1', reason: 'on hold' },
        { lot: 'L2', reason: 'expired on 2026-11-20' },
      ],
      shortfall: 2_500_000,
    };
    expect(describeShortfall('JAM', 8 * UNIT, allocation)).toBe(
      'only 5.5 of 8 JAM eligible (skipped L1: on hold; L2: expired on 2026-11-20)',
    );
  });

  it('omits the skipped part when nothing was skipped', () => {
    expect(describeShortfall('JAM', 2 * UNIT, { picks: [], skipped: [], shortfall: 2 * UNIT })).toBe('only 0 of 2 JAM eligible');
  });
});

describe('expiryCut', () => {
  const day = (n: number) => addDays('2026-01-01', n);

  it('is the first date by which the lots expiring late enough add up to the demand (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ expiresIn: fc.integer({ min: 0, max: 15 }), quantity: fc.integer({ min: 1, max: 9 }) }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 16 }),
        (lots, demand, fromDay) => {
          const head = lots.map((l) => [day(l.expiresIn), l.quantity] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
          const from = day(fromDay);
          // By definition: the earliest date of the head whose lots from `from` up to it suffice.
          const covering = head
            .map(([date]) => date)
            .filter((date) => head.filter(([d]) => d >= from && d <= date).reduce((sum, [, q]) => sum + q, 0) >= demand);
          expect(expiryCut(head, demand, from)).toBe(covering[0] ?? null);
        },
      ),
    );
  });

  it('passes over lots expiring too soon and is null when the first lots fall short', () => {
    const head = [[day(0), 5], [day(1), 5], [day(1), 2], [day(3), 5]] as const;
    expect(expiryCut(head, 5, day(0))).toBe(day(0));
    expect(expiryCut(head, 6, day(0))).toBe(day(1));
    expect(expiryCut(head, 12, day(1))).toBe(day(3));
    expect(expiryCut(head, 13, day(1))).toBeNull();
    expect(expiryCut([], 0, day(0))).toBeNull();
  });
});
