import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdLot, releaseLot } from '../../src/app/holds.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { createRecall } from '../../src/app/recalls.js';
import { pickableBySku } from '../../src/app/reservations.js';
import { allocateSalesOrder, createSalesOrder } from '../../src/app/sales-orders.js';
import { recordShipment } from '../../src/app/shipments.js';
import { recordTransfer } from '../../src/app/transfers.js';
import { saveBalances } from '../../src/store/balances.repository.js';
import { up as fefoIndexesMigration } from '../../src/store/migrations/2026-12-05-012-fefo-indexes.js';
import { up as coveringPickingIndexMigration } from '../../src/store/migrations/2026-12-08-014-covering-picking-index.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

const M = 1_000_000;

/**
 * What picking reads: the lots of the asked items with stock at one location, what orders
 * reserved of them there and who, found through the sku each stock row carries (copied from its
 * lot by a trigger on every insert, backfilled by migration 012).
 */
for (const dialect of DIALECTS) {
  describe(`pickable stock (${dialect})`, () => {
    let t: TestContext;
    const db = () => t.app.store.db;
    /** The candidates by sku and lot code, without the ids the database chose. */
    const pickable = async (skus: string[], location: string, forOrder?: string) =>
      [...(await pickableBySku(db(), dialect, skus, location, forOrder))]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([sku, p]) => ({
          sku,
          method: p.method,
          lots: p.candidates.map(({ lotId, sequence, ...c }) => ({ ...c, sequenceIsLotId: sequence === lotId })).sort((a, b) => (a.lot < b.lot ? -1 : 1)),
        }));
    /** Stock rows whose sku is not their lot's, and how many rows there are. */
    const skuMismatches = async () => {
      const rows = await sql<{ sku: string | null; lot_sku: string }>`select b.sku, l.sku as lot_sku from balances b join lots l on l.id = b.lot_id`.execute(db());
      return { rows: rows.rows.length, mismatched: rows.rows.filter((r) => r.sku !== r.lot_sku).length };
    };

    beforeEach(async () => {
      t = await openTestApp(dialect);
      const { app } = t;
      await createLocation(app, { code: 'WH1', name: 'Plant' });
      await createLocation(app, { code: 'WH2', name: 'Store' });
      await createItem(app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 });
      await createItem(app, { sku: 'HONEY', name: 'Honey', allocation: 'fifo' });
      await createItem(app, { sku: 'SUGAR', name: 'Sugar', uom: 'kg' });
      await createParty(app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
      await createParty(app, { code: 'SHOP', name: 'Shop', roles: ['customer'] });
      await recordReceipt(app, {
        supplier: 'FARM',
        location: 'WH1',
        lines: [
          { sku: 'JAM', lot: 'J1', quantity: 10, expiryDate: '2026-07-15' },
          { sku: 'JAM', lot: 'J2', quantity: 10, expiryDate: '2026-08-15', productionDate: '2026-05-15' },
          { sku: 'JAM', lot: 'J3', quantity: 10, expiryDate: '2026-09-15' },
          { sku: 'SUGAR', lot: 'S1', quantity: 50 },
        ],
      });
      // H1 is recorded first but came in after H2: FIFO goes by when lots came in.
      await recordReceipt(app, { supplier: 'FARM', location: 'WH1', time: '2026-06-10T08:00:00Z', lines: [{ sku: 'HONEY', lot: 'H1', quantity: 5 }] });
      await recordReceipt(app, { supplier: 'FARM', location: 'WH1', time: '2026-06-01T08:00:00Z', lines: [{ sku: 'HONEY', lot: 'H2', quantity: 5 }] });
      // J1 leaves entirely (its stock row goes); 4 of J3 go to the store (a new stock row).
      await recordShipment(app, { customer: 'SHOP', location: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 10 }] });
      await recordTransfer(app, { from: 'WH1', to: 'WH2', lines: [{ sku: 'JAM', lot: 'J3', quantity: 4 }] });
      // SO-2 takes 3 of J2; SO-1, numbered before it but allocated after, the other 7 and 2 of J3.
      for (const [number, quantity] of [['SO-2', 3], ['SO-1', 9]] as const) {
        const order = await createSalesOrder(app, { number, customer: 'SHOP', location: 'WH1', lines: [{ sku: 'JAM', quantity }] });
        await allocateSalesOrder(app, order.id);
      }
    });
    afterEach(() => t.close());

    const expected = (forSO1: boolean) => [
      {
        sku: 'HONEY',
        method: 'fifo',
        lots: [
          { lot: 'H1', expiryDate: null, productionDate: null, shelfLifeDays: null, firstIn: '2026-06-10T08:00:00.000Z', available: 5 * M, holdState: 'available', reservedFor: [], sequenceIsLotId: true },
          { lot: 'H2', expiryDate: null, productionDate: null, shelfLifeDays: null, firstIn: '2026-06-01T08:00:00.000Z', available: 5 * M, holdState: 'available', reservedFor: [], sequenceIsLotId: true },
        ],
      },
      {
        sku: 'JAM',
        method: 'fefo',
        lots: [
          {
            lot: 'J2',
            expiryDate: '2026-08-15',
            productionDate: '2026-05-15',
            shelfLifeDays: 365,
            firstIn: undefined,
            available: 0,
            holdState: 'available',
            reservedFor: forSO1 ? ['SO-2'] : ['SO-1', 'SO-2'],
            sequenceIsLotId: true,
          },
          {
            lot: 'J3',
            expiryDate: '2026-09-15',
            productionDate: null,
            shelfLifeDays: 365,
            firstIn: undefined,
            available: 4 * M,
            holdState: 'available',
            reservedFor: forSO1 ? [] : ['SO-1'],
            sequenceIsLotId: true,
          },
        ],
      },
    ];

    it('offers the lots of the asked items with stock at the location, with what is free and who holds the rest', async () => {
      expect(await pickable(['JAM', 'HONEY', 'JAM'], 'WH1')).toEqual(expected(false));
      // The allocating order's own reservations are not named as a reason to pass a lot over.
      expect(await pickable(['JAM', 'HONEY'], 'WH1', 'SO-1')).toEqual(expected(true));
      expect(await pickable(['JAM', 'SUGAR', 'HONEY'], 'WH2')).toEqual([
        { sku: 'JAM', method: 'fefo', lots: [{ lot: 'J3', expiryDate: '2026-09-15', productionDate: null, shelfLifeDays: 365, firstIn: undefined, available: 4 * M, holdState: 'available', reservedFor: [], sequenceIsLotId: true }] },
      ]);
      expect(await pickable([], 'WH1')).toEqual([]);
    });

    it('names the holders in a second statement only when some of the stock is reserved', async () => {
      t.resetQueries();
      await pickableBySku(db(), dialect, ['JAM'], 'WH2');
      expect(t.queries).toHaveLength(1);
      t.resetQueries();
      await pickableBySku(db(), dialect, ['JAM'], 'WH1');
      expect(t.queries).toHaveLength(2);
    });

    it.runIf(dialect === 'sqlite')('reads stock from the picking index alone, no table row per lot (migration 014)', async () => {
      t.resetQueries();
      await pickableBySku(db(), dialect, ['JAM', 'HONEY'], 'WH1', undefined, { quantities: new Map([['JAM', M]]), expiringFrom: '2026-01-01' });
      await pickableBySku(db(), dialect, ['JAM', 'HONEY'], 'WH1');
      // The plan does not depend on the values: every parameter is explained as null.
      const explain = async (q: string) => (await sql.raw<{ detail: string }>(`explain query plan ${q.replaceAll('?', 'null')}`).execute(db())).rows.map((r) => r.detail);
      const plans = await Promise.all(t.queries.map(explain));
      const stockReads = plans.flat().filter((d) => /^SEARCH b /.test(d));
      expect(stockReads.length).toBeGreaterThanOrEqual(3);
      for (const d of stockReads) expect(d).toContain('USING COVERING INDEX balances_location_sku');
    });

    it.runIf(dialect === 'sqlite')('leaves the picking index with statistics where the database has them (migration 014)', async () => {
      const stat = async () => (await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where idx = 'balances_location_sku'`.execute(db())).rows[0]!.n;
      await sql`analyze`.execute(db());
      expect(await stat()).toBe(1);
      await coveringPickingIndexMigration(db(), dialect);
      expect(await stat()).toBe(1);
    });

    it("gives every new stock row its lot's sku, also when a row emptied earlier comes back", async () => {
      await recordTransfer(t.app, { from: 'WH2', to: 'WH1', lines: [{ sku: 'JAM', lot: 'J3', quantity: 4 }] });
      expect(await pickable(['JAM'], 'WH2')).toEqual([]);
      await recordTransfer(t.app, { from: 'WH1', to: 'WH2', lines: [{ sku: 'JAM', lot: 'J3', quantity: 1 }] });
      expect((await pickable(['JAM'], 'WH2'))[0]?.lots.map((l) => [l.lot, l.available])).toEqual([['J3', 1 * M]]);
      expect(await skuMismatches()).toEqual({ rows: 6, mismatched: 0 });
    });

    it("carries its lot's code, production date and hold state, following holds, releases and recalls", async () => {
      const facts = async () =>
        (
          await sql<{ same: number; rows: number }>`select sum(case when b.sku = l.sku and b.code = l.code and b.hold_state = l.hold_state
              and coalesce(b.production_date, '') = coalesce(l.production_date, '') and coalesce(b.expiry_date, '') = coalesce(l.expiry_date, '')
              and coalesce(b.sell_by_date, '') = coalesce(l.sell_by_date, '') then 1 else 0 end) as same, count(*) as rows
            from balances b join lots l on l.id = b.lot_id`.execute(db())
        ).rows.map((r) => ({ same: Number(r.same), rows: Number(r.rows) }))[0];
      expect(await facts()).toEqual({ same: 6, rows: 6 });
      await holdLot(t.app, 'JAM', 'J3', { reason: 'check' });
      expect((await pickable(['JAM'], 'WH2'))[0]?.lots.map((l) => [l.lot, l.holdState])).toEqual([['J3', 'hold']]);
      expect(await facts()).toEqual({ same: 6, rows: 6 });
      await releaseLot(t.app, 'JAM', 'J3', {});
      expect((await pickable(['JAM'], 'WH2'))[0]?.lots.map((l) => [l.lot, l.holdState])).toEqual([['J3', 'available']]);
      await createRecall(t.app, { lots: [{ sku: 'JAM', lot: 'J2' }], reason: 'check' });
      expect((await pickable(['JAM'], 'WH1'))[0]?.lots.map((l) => [l.lot, l.holdState])).toEqual([
        ['J2', 'recalled'],
        ['J3', 'available'],
      ]);
      expect(await facts()).toEqual({ same: 6, rows: 6 });
    });

    it("gets its lot's facts also when written without them, as the bulk loader writes stock, and is refused for a lot that does not exist", async () => {
      const j1 = await db().selectFrom('lots').select('id').where('code', '=', 'J1').executeTakeFirstOrThrow();
      await sql`insert into balances (lot_id, location, quantity) values (${j1.id}, 'WH2', 5)`.execute(db());
      const row = await db().selectFrom('balances').selectAll().where('lot_id', '=', j1.id).where('location', '=', 'WH2').executeTakeFirstOrThrow();
      expect([row.sku, row.code, row.expiry_date, row.hold_state]).toEqual(['JAM', 'J1', '2026-07-15', 'available']);
      const before = await db().selectFrom('balances').selectAll().orderBy('lot_id').orderBy('location').execute();
      await expect(saveBalances(db(), dialect, [{ lot_id: 999_999, location: 'WH1', quantity: 1 }])).rejects.toThrow(/foreign key/i);
      expect(await db().selectFrom('balances').selectAll().orderBy('lot_id').orderBy('location').execute()).toEqual(before);
    });

    it.runIf(dialect === 'sqlite')('is written once by the ledger, with its facts, not rewritten by the trigger after it (migration 015)', async () => {
      const j2 = await db().selectFrom('lots').select('id').where('code', '=', 'J2').executeTakeFirstOrThrow();
      // total_changes() counts the rows a trigger changes too: one new stock row, one change.
      const changes = async () => (await sql<{ n: number }>`select total_changes() as n`.execute(db())).rows[0]!.n;
      const before = await changes();
      await saveBalances(db(), dialect, [{ lot_id: Number(j2.id), location: 'WH2', quantity: 3 * M }]);
      expect((await changes()) - before).toBe(1);
      const row = await db().selectFrom('balances').selectAll().where('lot_id', '=', j2.id).where('location', '=', 'WH2').executeTakeFirstOrThrow();
      expect([row.sku, row.code, row.expiry_date, row.production_date, row.hold_state, Number(row.quantity)]).toEqual(['JAM', 'J2', '2026-08-15', '2026-05-15', 'available', 3 * M]);
    });

    it('is backfilled for existing stock by its migration, and new stock rows still get their dates', async () => {
      const before = await pickable(['JAM', 'HONEY'], 'WH1');
      // Back to what migration 011 left: no sku, and 011's trigger copying the dates alone.
      if (dialect === 'sqlite') {
        await sql`drop trigger balances_lot_facts`.execute(db());
        await sql`drop index balances_location_sku`.execute(db());
        await sql`create trigger balances_lot_dates after insert on balances begin
          update balances set expiry_date = (select expiry_date from lots where id = new.lot_id),
            sell_by_date = (select sell_by_date from lots where id = new.lot_id)
          where lot_id = new.lot_id and location = new.location;
        end`.execute(db());
      } else {
        await sql`drop trigger balances_lot_facts on balances`.execute(db());
        await sql`drop function balances_lot_facts()`.execute(db());
        await sql`create function balances_lot_dates() returns trigger language plpgsql as $$
          begin
            select expiry_date, sell_by_date into new.expiry_date, new.sell_by_date from lots where id = new.lot_id;
            return new;
          end $$`.execute(db());
        await sql`create trigger balances_lot_dates before insert on balances for each row execute function balances_lot_dates()`.execute(db());
      }
      await sql`alter table balances drop column sku`.execute(db());
      await fefoIndexesMigration(db(), dialect);
      expect(await skuMismatches()).toEqual({ rows: 6, mismatched: 0 });
      expect(await pickable(['JAM', 'HONEY'], 'WH1')).toEqual(before);
      await recordReceipt(t.app, { supplier: 'FARM', location: 'WH2', lines: [{ sku: 'JAM', lot: 'J4', quantity: 2, expiryDate: '2026-10-15' }] });
      const atStore = await db().selectFrom('balances').select('expiry_date').where('location', '=', 'WH2').orderBy('lot_id').execute();
      expect(atStore.map((r) => r.expiry_date)).toEqual(['2026-09-15', '2026-10-15']);
      expect(await skuMismatches()).toEqual({ rows: 7, mismatched: 0 });
    });
  });
}
