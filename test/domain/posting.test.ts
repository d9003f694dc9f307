import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InsufficientStock, Invalid } from '../../src/domain/errors.js';
import { applyPostings, balanceKey, type Posting } from '../../src/domain/posting.js';

const RUNS = { numRuns: 400 };
const UNIT = 1_000_000;

// A few lots and locations so that postings collide on the same balance often.
const lotId = fc.integer({ min: 1, max: 3 });
const location = fc.constantFrom('A', 'B', 'WH-1');
const amount = (min: number, max: number) => fc.integer({ min, max }).map((n) => n * (UNIT / 4));

const balances = fc
  .array(fc.tuple(lotId, location, amount(0, 40)), { maxLength: 9 })
  .map((rows) => new Map(rows.map(([lot, loc, q]) => [balanceKey(lot, loc), q])));

const postings = (min: number, max: number) =>
  fc
    .array(fc.tuple(lotId, location, amount(min, max)), { minLength: 1, maxLength: 6 })
    .map((rows) =>
      rows.map(([lot, loc, quantity], i): Posting => ({
        lotId: lot,
        location: loc,
        quantity,
        path: `lines.${i}.quantity`,
        label: `SKU/L${lot}`,
      })),
    );

/** What each touched balance would be after the postings: the plain sum the ledger defines. */
function sumPerKey(start: ReadonlyMap<string, number>, lines: readonly Posting[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const p of lines) {
    const key = balanceKey(p.lotId, p.location);
    sums.set(key, (sums.get(key) ?? start.get(key) ?? 0) + p.quantity);
  }
  return sums;
}

function tryApply(current: ReadonlyMap<string, number>, lines: readonly Posting[]): Map<string, number> | InsufficientStock {
  try {
    return applyPostings(current, lines);
  } catch (error) {
    if (error instanceof InsufficientStock) return error;
    throw error;
  }
}

describe('applyPostings properties', () => {
  it('never lets stock go negative, and on refusal applies nothing', () => {
    fc.assert(
      fc.property(balances, postings(-30, 20), (current, lines) => {
        const before = new Map(current);
        const result = tryApply(current, lines);
        expect(current).toEqual(before);
        const expected = sumPerKey(current, lines);
        const negative = [...expected].filter(([, q]) => q < 0).map(([key]) => key);
        if (result instanceof InsufficientStock) {
          expect(negative.length).toBeGreaterThan(0);
          expect(result.details).toHaveLength(negative.length);
          const keyOfPath = new Map(lines.map((p) => [p.path, balanceKey(p.lotId, p.location)]));
          expect(result.details.map((d) => keyOfPath.get(d.path)).sort()).toEqual(negative.sort());
          expect(result.code).toBe('conflict');
        } else {
          expect(negative).toEqual([]);
          expect(result).not.toBe(current);
          for (const q of result.values()) expect(q).toBeGreaterThanOrEqual(0);
          expect(result).toEqual(expected);
        }
      }),
      RUNS,
    );
  });

  it('applying events one at a time gives the sum of all accepted lines per (lot, location)', () => {
    const events = fc.array(postings(-12, 20), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(events, (evs) => {
        let state = new Map<string, number>();
        const accepted: Posting[] = [];
        for (const ev of evs) {
          const result = tryApply(state, ev);
          if (result instanceof InsufficientStock) continue;
          state = new Map([...state, ...result]);
          accepted.push(...ev);
        }
        expect(state).toEqual(sumPerKey(new Map(), accepted));
        for (const q of state.values()) expect(q).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('accepts any postings that only add stock', () => {
    fc.assert(
      fc.property(balances, postings(0, 20), (current, lines) => {
        expect(applyPostings(current, lines)).toEqual(sumPerKey(current, lines));
      }),
      RUNS,
    );
  });
});

describe('applyPostings examples', () => {
  const line = (lotId: number, location: string, units: number, i = 0): Posting => ({
    lotId,
    location,
    quantity: units * UNIT,
    path: `lines.${i}.quantity`,
    label: `JAM/L${lotId}`,
  });
  const stock = (entries: [number, string, number][]) => new Map(entries.map(([lot, loc, units]) => [balanceKey(lot, loc), units * UNIT]));

  it('returns only the touched balances', () => {
    const result = applyPostings(stock([[1, 'A', 5], [2, 'A', 7]]), [line(1, 'A', -2)]);
    expect(result).toEqual(stock([[1, 'A', 3]]));
  });

  it('allows taking a balance to exactly zero', () => {
    expect(applyPostings(stock([[1, 'A', 5]]), [line(1, 'A', -5)])).toEqual(stock([[1, 'A', 0]]));
  });

  it('nets lines of one event on the same balance before checking', () => {
    const result = applyPostings(new Map(), [line(1, 'A', 4, 0), line(1, 'A', -3, 1)]);
    expect(result).toEqual(stock([[1, 'A', 1]]));
  });

  it('moves stock between locations in one event', () => {
    const result = applyPostings(stock([[1, 'A', 5]]), [line(1, 'A', -5, 0), line(1, 'B', 5, 1)]);
    expect(result).toEqual(stock([[1, 'A', 0], [1, 'B', 5]]));
  });

  it('reports every shortfall at once, once per balance, with the path and amounts', () => {
    const current = stock([[1, 'A', 2.5], [2, 'B', 1]]);
    let error: unknown;
    try {
      applyPostings(current, [line(1, 'A', -2, 0), line(2, 'B', -3, 1), line(1, 'A', -1.25, 2), line(3, 'A', 1, 3)]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsufficientStock);
    const details = (error as InsufficientStock).details;
    expect(details).toEqual([
      { path: 'lines.0.quantity', message: 'not enough stock of JAM/L1 at A: 2.5 on hand, 3.25 needed' },
      { path: 'lines.1.quantity', message: 'not enough stock of JAM/L2 at B: 1 on hand, 3 needed' },
    ]);
    expect((error as InsufficientStock).message).toBe(details.map((d) => d.message).join('; '));
  });

  it('refuses stock that is not there at all', () => {
    expect(() => applyPostings(new Map(), [line(1, 'A', -0.000001)])).toThrow(
      'not enough stock of JAM/L1 at A: 0 on hand, 0.000001 needed',
    );
  });

  it('refuses a total too large to stay exact', () => {
    const current = new Map([[balanceKey(1, 'A'), Number.MAX_SAFE_INTEGER]]);
    expect(() => applyPostings(current, [{ ...line(1, 'A', 0), quantity: 1 }])).toThrow(Invalid);
  });
});

describe('balanceKey', () => {
  it('never confuses two (lot, location) pairs', () => {
    const code = fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !s.includes('\u0000'));
    fc.assert(
      fc.property(fc.nat(), code, fc.nat(), code, (lotA, locA, lotB, locB) => {
        fc.pre(lotA !== lotB || locA !== locB);
        expect(balanceKey(lotA, locA)).not.toBe(balanceKey(lotB, locB));
      }),
      RUNS,
    );
    expect(balanceKey(1, '1A')).not.toBe(balanceKey(11, 'A'));
  });
});
