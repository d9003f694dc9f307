import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdLot } from '../../src/app/holds.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { allocateLines, allocateLinesAt, pickableBySku } from '../../src/app/reservations.js';
import { addDays } from '../../src/domain/dates.js';
import { inReadTransaction } from '../../src/store/transaction.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

const M = 1_000_000;

/**
 * Allocation reads only the lots first in picking order that add up to the demand, and all of an
 * item's lots only when those leave a line short: its result must always be the allocation over
 * every lot with stock — ties on the expiry date, lots without one, held and expired lots included.
 */
for (const dialect of DIALECTS) {
  describe(`allocation over the first lots of each item (${dialect})`, () => {
    let t: TestContext;
    let today: string;
    let run = 0;

    beforeAll(async () => {
      t = await openTestApp(dialect);
      today = t.app.today();
      await createLocation(t.app, { code: 'WH1', name: 'Plant' });
      await createParty(t.app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
    }, 60_000);
    afterAll(() => t.close());

    /** A fresh item with the given lots at WH1, some held. */
    async function stock(lots: readonly { expiresIn: number | null; quantity: number; held: boolean }[]): Promise<string> {
      const sku = `ITEM-${++run}`;
      await createItem(t.app, { sku, name: `Item ${run}` });
      await recordReceipt(t.app, {
        supplier: 'FARM',
        location: 'WH1',
        lines: lots.map((l, i) => ({ sku, lot: `L${i}`, quantity: l.quantity, ...(l.expiresIn === null ? {} : { expiryDate: addDays(today, l.expiresIn) }) })),
      });
      for (const [i, l] of lots.entries()) if (l.held) await holdLot(t.app, sku, `L${i}`, { reason: 'test' });
      return sku;
    }

    const allocations = (lines: { sku: string; quantity: number }[], minShelfLifeDays: number) => {
      const policy = { shipDate: today, minShelfLifeDays };
      return inReadTransaction(t.app.store, async (trx) => ({
        paged: await allocateLinesAt(trx, dialect, 'WH1', lines, policy),
        all: allocateLines(await pickableBySku(trx, dialect, lines.map((l) => l.sku), 'WH1'), lines, policy),
      }));
    };

    it('allocates exactly as over all lots (property)', async () => {
      const lot = fc.record({
        // A narrow range of dates: many lots share an expiry date, some have expired.
        expiresIn: fc.option(fc.integer({ min: -3, max: 10 }), { freq: 8 }),
        quantity: fc.integer({ min: 1, max: 20 }),
        held: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(lot, { minLength: 1, maxLength: 45 }),
          fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 3 }),
          fc.integer({ min: 0, max: 6 }),
          async (lots, wanted, minDays) => {
            const sku = await stock(lots);
            const { paged, all } = await allocations(
              wanted.map((q) => ({ sku, quantity: q * M })),
              minDays,
            );
            expect(paged).toEqual(all);
          },
        ),
        { numRuns: dialect === 'sqlite' ? 40 : 15 },
      );
    }, 120_000);

    it('reads the first lots that add up to the demand, and all lots only when a line needs more', async () => {
      // 40 lots of 5, one per day.
      const sku = await stock(Array.from({ length: 40 }, (_, i) => ({ expiresIn: i, quantity: 5, held: false })));
      const first = await inReadTransaction(t.app.store, (trx) => pickableBySku(trx, dialect, [sku], 'WH1', undefined, { quantities: new Map([[sku, 12 * M]]), expiringFrom: today }));
      expect(first.get(sku)).toMatchObject({ complete: false });
      expect(first.get(sku)!.candidates.map((c) => c.lot)).toEqual(['L0', 'L1', 'L2']);

      t.resetQueries();
      const { paged: covered } = await allocations([{ sku, quantity: 12 * M }], 0);
      const readsCovered = t.queries.length;
      expect(covered[0]!.allocation.picks.map((p) => p.lot)).toEqual(['L0', 'L1', 'L2']);

      // Lots expiring too soon for the customer do not count towards the demand.
      t.resetQueries();
      const { paged: later, all: allLater } = await allocations([{ sku, quantity: 12 * M }], 2);
      expect(later).toEqual(allLater);
      expect(later[0]!.allocation.picks.map((p) => p.lot)).toEqual(['L2', 'L3', 'L4']);
      expect(t.queries.length).toBe(readsCovered);
    });

    it('reads all lots of an item when the first ones leave a line short', async () => {
      // The first three lots are held: only the ledger's lots know it, not the stock index.
      const sku = await stock(Array.from({ length: 40 }, (_, i) => ({ expiresIn: i, quantity: 5, held: i < 3 })));
      const unheld = await stock(Array.from({ length: 40 }, (_, i) => ({ expiresIn: i, quantity: 5, held: false })));
      t.resetQueries();
      await allocations([{ sku: unheld, quantity: 12 * M }], 0);
      const readsOnce = t.queries.length;
      t.resetQueries();
      const { paged, all } = await allocations([{ sku, quantity: 12 * M }], 0);
      expect(paged).toEqual(all);
      expect(paged[0]!.allocation.picks.map((p) => p.lot)).toEqual(['L3', 'L4', 'L5']);
      expect(paged[0]!.allocation.skipped.map((p) => p.reason)).toEqual(['on hold', 'on hold', 'on hold']);
      // The second pass reads the item's stock again, all of it.
      expect(t.queries.length - readsOnce).toBe(1);
    });

    it('counts lots sharing the last expiry date in full, and leaves lots without one for the rest', async () => {
      const sku = await stock([
        ...Array.from({ length: 20 }, () => ({ expiresIn: 4, quantity: 1, held: false })),
        { expiresIn: null, quantity: 50, held: false },
        { expiresIn: 9, quantity: 50, held: false },
        { expiresIn: 12, quantity: 50, held: false },
      ]);
      const first = await inReadTransaction(t.app.store, (trx) => pickableBySku(trx, dialect, [sku], 'WH1', undefined, { quantities: new Map([[sku, 3 * M]]), expiringFrom: today }));
      expect(first.get(sku)!.candidates).toHaveLength(20);
      const { paged, all } = await allocations([{ sku, quantity: 60 * M }], 0);
      expect(paged).toEqual(all);
      expect(paged[0]!.allocation.picks.map((p) => p.lot)).toEqual([...Array.from({ length: 20 }, (_, i) => `L${i}`), 'L21']);
      // More than the dated stock: every lot, the undated one last.
      const { paged: everything, all: allOfIt } = await allocations([{ sku, quantity: 165 * M }], 0);
      expect(everything).toEqual(allOfIt);
      expect(everything[0]!.allocation.picks.at(-1)!.lot).toBe('L20');
    });
  });
}
