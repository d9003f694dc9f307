import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLines, type Pickable } from '../../src/app/reservations.js';
import { addDays, daysBetween } from '../../src/domain/dates.js';
import { InsufficientStock } from '../../src/domain/errors.js';
import { allocate, fifoOrder, totalShelfLifeDays, unusableReason, type AllocationMethod, type Candidate, type ShelfLifePolicy } from '../../src/domain/fefo.js';
import type { HoldState } from '../../src/domain/lot-status.js';
import { allocationStatus, scaleInput } from '../../src/domain/orders.js';
import { applyPostings, balanceKey, type Posting, type Reserved } from '../../src/domain/posting.js';

const RUNS = { numRuns: 400 };
const SHIP = '2026-11-24';
const UNIT = 1_000_000;

const lotOf = (over: Partial<Candidate> & { lot: string }): Candidate => ({
  lotId: Number(over.lot.replace(/\D/g, '')) || 1,
  expiryDate: null,
  sequence: 1,
  available: 10 * UNIT,
  holdState: 'available',
  ...over,
});

describe('FIFO', () => {
  it('takes the lot that came in first, whatever its expiry', () => {
    const candidates = [
      lotOf({ lot: 'L1', firstIn: '2026-11-10T08:00:00.000Z', expiryDate: '2027-06-01', sequence: 1 }),
      lotOf({ lot: 'L2', firstIn: '2026-11-01T08:00:00.000Z', expiryDate: '2028-01-01', sequence: 2 }),
      lotOf({ lot: 'L3', firstIn: '2026-11-20T08:00:00.000Z', expiryDate: '2026-12-01', sequence: 3 }),
    ];
    const result = allocate(candidates, 15 * UNIT, { shipDate: SHIP, minShelfLifeDays: 0 }, 'fifo');
    expect(result.picks.map((p) => [p.lot, p.quantity / UNIT])).toEqual([
      ['L2', 10],
      ['L1', 5],
    ]);
    // FEFO on the same lots starts with the first to expire.
    expect(allocate(candidates, 15 * UNIT, { shipDate: SHIP, minShelfLifeDays: 0 }, 'fefo').picks.map((p) => p.lot)).toEqual(['L3', 'L1']);
  });

  it('still never takes held, recalled or expired lots', () => {
    const candidates = [
      lotOf({ lot: 'L1', firstIn: '2026-01-01T00:00:00.000Z', holdState: 'hold' }),
      lotOf({ lot: 'L2', firstIn: '2026-02-01T00:00:00.000Z', expiryDate: addDays(SHIP, -1) }),
      lotOf({ lot: 'L3', firstIn: '2026-03-01T00:00:00.000Z', holdState: 'recalled' }),
      lotOf({ lot: 'L4', firstIn: '2026-04-01T00:00:00.000Z' }),
    ];
    const result = allocate(candidates, 5 * UNIT, { shipDate: SHIP, minShelfLifeDays: 0 }, 'fifo');
    expect(result.picks.map((p) => p.lot)).toEqual(['L4']);
    expect(result.skipped.map((s) => s.lot)).toEqual(['L1', 'L2', 'L3']);
  });

  it('orders by arrival, then sequence, then the larger lot, then code', () => {
    const at = '2026-11-01T00:00:00.000Z';
    const sorted = [
      lotOf({ lot: 'D', firstIn: at, sequence: 2, available: 5 }),
      lotOf({ lot: 'C', firstIn: at, sequence: 1, available: 5 }),
      lotOf({ lot: 'B', firstIn: at, sequence: 1, available: 9 }),
      lotOf({ lot: 'A', firstIn: '2026-12-01T00:00:00.000Z', sequence: 0 }),
    ].sort(fifoOrder);
    expect(sorted.map((c) => c.lot)).toEqual(['B', 'C', 'D', 'A']);
  });
});

describe('minimum shelf life in percent', () => {
  const policy = (percent: number): ShelfLifePolicy => ({ shipDate: SHIP, minShelfLifeDays: 0, minShelfLifePercent: percent });
  const made = (daysAgo: number, daysLeft: number) => ({ holdState: 'available' as HoldState, productionDate: addDays(SHIP, -daysAgo), expiryDate: addDays(SHIP, daysLeft) });

  it('compares what is left with the whole shelf life, exactly at the limit', () => {
    expect(unusableReason(made(60, 40), policy(40))).toBeUndefined(); // 40%
    expect(unusableReason(made(61, 40), policy(40))).toBe('39% shelf life left, customer requires 40%');
    expect(unusableReason(made(100, 100), policy(60))).toBe('50% shelf life left, customer requires 60%');
    expect(unusableReason(made(0, 100), policy(100))).toBeUndefined();
  });

  it('falls back to the item shelf life without a production date, and does not apply with neither', () => {
    expect(unusableReason({ holdState: 'available', expiryDate: addDays(SHIP, 30), shelfLifeDays: 100 }, policy(40))).toBe('30% shelf life left, customer requires 40%');
    expect(unusableReason({ holdState: 'available', expiryDate: addDays(SHIP, 30) }, policy(99))).toBeUndefined();
    expect(unusableReason({ holdState: 'available', expiryDate: null, shelfLifeDays: 100 }, policy(99))).toBeUndefined();
    expect(totalShelfLifeDays({ holdState: 'available', expiryDate: SHIP, productionDate: SHIP })).toBeNull();
  });

  it('reports the days rule before the percent rule, and expiry before both', () => {
    const p = { shipDate: SHIP, minShelfLifeDays: 50, minShelfLifePercent: 90 };
    expect(unusableReason(made(100, 40), p)).toBe('40 days left, customer requires 50');
    expect(unusableReason(made(100, -1), p)).toBe(`expired on ${addDays(SHIP, -1)}`);
  });

  it('accepts a lot exactly when left × 100 ≥ percent × total (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 100 }), (total, leftRaw, percent) => {
        const left = Math.min(leftRaw, total + 50);
        const lot = { holdState: 'available' as HoldState, productionDate: addDays(SHIP, left - total), expiryDate: addDays(SHIP, left) };
        const reason = unusableReason(lot, policy(percent));
        expect(reason === undefined).toBe(left * 100 >= percent * total);
        if (reason) expect(Number(/^(\d+)%/.exec(reason)![1])).toBeLessThan(percent);
      }),
      RUNS,
    );
  });
});

describe('reserved stock', () => {
  it('names the orders holding a lot that has nothing free when passing it over', () => {
    const result = allocate(
      [lotOf({ lot: 'L1', expiryDate: '2027-01-01', available: 0, reservedFor: ['SO-000001', 'PRD-000002'] }), lotOf({ lot: 'L2', expiryDate: '2027-02-01' })],
      5 * UNIT,
      { shipDate: SHIP, minShelfLifeDays: 0 },
      'fefo',
    );
    expect(result.picks.map((p) => p.lot)).toEqual(['L2']);
    expect(result.skipped).toEqual([{ lot: 'L1', reason: 'reserved for SO-000001, PRD-000002' }]);
  });

  const posting = (lotId: number, quantity: number, path = 'lines.0.quantity'): Posting => ({ lotId, location: 'WH1', quantity, path, label: `SKU/L${lotId}` });
  const reserved = (lotId: number, quantity: number): Map<string, Reserved> => new Map([[balanceKey(lotId, 'WH1'), { quantity, holders: ['SO-000007'] }]]);

  it('refuses a fall below what orders hold, naming them; stock coming in is always fine', () => {
    const current = new Map([[balanceKey(1, 'WH1'), 10 * UNIT]]);
    expect(() => applyPostings(current, [posting(1, -4 * UNIT)], reserved(1, 7 * UNIT))).toThrow('7 of SKU/L1 at WH1 is reserved for SO-000007: 3 free, 4 needed');
    expect(applyPostings(current, [posting(1, -3 * UNIT)], reserved(1, 7 * UNIT)).get(balanceKey(1, 'WH1'))).toBe(7 * UNIT);
    expect(applyPostings(current, [posting(1, 5 * UNIT)], reserved(1, 70 * UNIT)).get(balanceKey(1, 'WH1'))).toBe(15 * UNIT);
    // Going negative is reported as such, not as a reservation problem.
    expect(() => applyPostings(current, [posting(1, -11 * UNIT)], reserved(1, 7 * UNIT))).toThrow(/not enough stock/);
  });

  it('never leaves a touched balance that fell below its reservation (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 5 }),
        (before, held, moves) => {
          const current = new Map([[balanceKey(1, 'WH1'), before]]);
          const postings = moves.map((q, i) => posting(1, q, `lines.${i}.quantity`));
          const after = before + moves.reduce((a, b) => a + b, 0);
          let next: Map<string, number> | undefined;
          try {
            next = applyPostings(current, postings, reserved(1, held));
          } catch (error) {
            expect(error).toBeInstanceOf(InsufficientStock);
          }
          const allowed = after >= 0 && (after >= before || after >= held);
          expect(next !== undefined).toBe(allowed);
          if (next) expect(next.get(balanceKey(1, 'WH1'))).toBe(after);
        },
      ),
      RUNS,
    );
  });
});

describe('allocating order lines', () => {
  const candidate = fc.record({
    lotId: fc.integer({ min: 1, max: 30 }),
    expiryDate: fc.option(fc.integer({ min: -2, max: 40 }).map((d) => addDays(SHIP, d)), { nil: null }),
    available: fc.integer({ min: -2, max: 20 }).map((n) => n * UNIT),
    holdState: fc.constantFrom<HoldState>('available', 'available', 'hold'),
    firstIn: fc.integer({ min: 0, max: 20 }).map((d) => `${addDays(SHIP, -d)}T00:00:00.000Z`),
  });

  it('never takes more of a lot than is free, across every line, and covers what it reports (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { selector: (c) => c.lotId, maxLength: 10 }),
        fc.constantFrom<AllocationMethod>('fefo', 'fifo'),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 20 }),
        (lots, method, wanted, minDays) => {
          // All lines of one item, as a worst case of lines competing for the same lots.
          const candidates: Candidate[] = lots.map((l) => ({ ...l, lot: `L${l.lotId}`, sequence: l.lotId }));
          const pickable = new Map<string, Pickable>([['X', { method, candidates, complete: true }]]);
          const policy = { shipDate: SHIP, minShelfLifeDays: minDays };
          const results = allocateLines(
            pickable,
            wanted.map((q) => ({ sku: 'X', quantity: q * UNIT })),
            policy,
          );
          const taken = new Map<number, number>();
          results.forEach((r, i) => {
            const picked = r.allocation.picks.reduce((a, p) => a + p.quantity, 0);
            expect(picked + r.allocation.shortfall).toBe(wanted[i]! * UNIT);
            for (const p of r.allocation.picks) {
              taken.set(p.lotId, (taken.get(p.lotId) ?? 0) + p.quantity);
              const lot = candidates.find((c) => c.lotId === p.lotId)!;
              expect(unusableReason(lot, policy)).toBeUndefined();
              if (lot.expiryDate) expect(daysBetween(SHIP, lot.expiryDate)).toBeGreaterThanOrEqual(minDays);
            }
          });
          for (const [lotId, q] of taken) expect(q).toBeLessThanOrEqual(candidates.find((c) => c.lotId === lotId)!.available);
        },
      ),
      RUNS,
    );
  });
});

describe('orders arithmetic', () => {
  it('scales recipe inputs up to the next micro-unit, never down (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 * UNIT }), fc.integer({ min: 1, max: 1000 * UNIT }), fc.integer({ min: 1000, max: 10_000 * UNIT }), (input, ordered, output) => {
        const scaled = BigInt(scaleInput(input, ordered, output));
        const exact = BigInt(input) * BigInt(ordered);
        expect(scaled * BigInt(output) >= exact).toBe(true);
        expect((scaled - 1n) * BigInt(output) < exact).toBe(true);
      }),
      RUNS,
    );
    expect(scaleInput(40 * UNIT, 150 * UNIT, 100 * UNIT)).toBe(60 * UNIT);
    expect(scaleInput(1 * UNIT, 1 * UNIT, 3 * UNIT)).toBe(333_334);
    expect(() => scaleInput(2 ** 33 * UNIT, 2 ** 33 * UNIT, 1)).toThrow(/too large/);
  });

  it('derives the allocation status from what each line holds', () => {
    expect(allocationStatus([{ quantity: 5, reserved: 5 }, { quantity: 2, reserved: 2 }])).toBe('allocated');
    expect(allocationStatus([{ quantity: 5, reserved: 5 }, { quantity: 2, reserved: 0 }])).toBe('partially_allocated');
    expect(allocationStatus([{ quantity: 5, reserved: 0 }])).toBe('open');
  });
});
