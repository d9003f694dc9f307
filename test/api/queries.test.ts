import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, allPages, created, hold, JAM, receive, seedWorld, ship, stock, STRAW, SUGAR, TODAY, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

/**
 * One world, read by every test, built on three days:
 *   2026-06-13  receipt R1 from FARM at WH1: JAM OK (expires in 200 days), JAM SOON (in 10), JAM OLD (expired)
 *   2026-06-14  receipt R2 from TRADER at WH2: STRAW S1 (expires in 5), SUGAR G1 (no expiry)
 *               transfer of 4 OK from WH1 to WH2
 *   2026-06-15  hold on SOON; shipment to SHOP of all of JAM GONE (received the same day); shipment to DELI of 1 OK
 */
const BUILD = ['2026-06-13T09:00:00Z', '2026-06-14T09:00:00Z', '2026-06-15T09:00:00Z'] as const;

const lotsOf = async (t: ApiTestContext, query: string) => (await allPages(t.api, `/lots?${query}`)).map((l: { sku: string; lot: string }) => `${l.sku}/${l.lot}`);
const eventsOf = async (t: ApiTestContext, query: string) => (await allPages(t.api, `/events?${query}`)).map((e: { type: string; seq: number }) => `${e.seq}:${e.type}`);

for (const dialect of DIALECTS) {
  describe(`lot, stock and event queries (${dialect})`, () => {
    let t: ApiTestContext;
    beforeAll(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      t.clock.set(BUILD[0]);
      await receive(t.api, [
        { sku: JAM, lot: 'OK', quantity: 10, expiryDate: addDays(TODAY, 200) },
        { sku: JAM, lot: 'SOON', quantity: 10, expiryDate: addDays(TODAY, 10) },
        { sku: JAM, lot: 'OLD', quantity: 10, expiryDate: addDays(TODAY, -1) },
      ]);
      t.clock.set(BUILD[1]);
      await receive(t.api, [{ sku: STRAW, lot: 'S1', quantity: 2.5, expiryDate: addDays(TODAY, 5) }, { sku: SUGAR, lot: 'G1', quantity: 50 }], { supplier: 'TRADER', location: WH2 });
      await created(t.api.post('/transfers', { from: WH1, to: WH2, lines: [{ sku: JAM, lot: 'OK', quantity: 4 }] }));
      t.clock.set(BUILD[2]);
      await hold(t.api, JAM, 'SOON');
      await receive(t.api, [{ sku: JAM, lot: 'GONE', quantity: 3, expiryDate: addDays(TODAY, 300) }]);
      await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'GONE', quantity: 3 }]);
      await ship(t.api, 'DELI', [{ sku: JAM, lot: 'OK', quantity: 1 }]);
      t.clock.set('2026-06-15T10:00:00Z');
    });
    afterAll(async () => t.close());

    describe('GET /lots', () => {
      it('lists every lot with its total on hand, in creation order', async () => {
        const all = await allPages(t.api, '/lots');
        expect(all.map((l: { lot: string; status: string; onHand: number }) => [l.lot, l.status, l.onHand])).toEqual([
          ['OK', 'available', 9],
          ['SOON', 'hold', 10],
          ['OLD', 'expired', 10],
          ['S1', 'available', 2.5],
          ['G1', 'available', 50],
          ['GONE', 'depleted', 0],
        ]);
        expect(all[0]).toMatchObject({ sku: JAM, origin: 'receipt', supplier: 'FARM', expiryDate: addDays(TODAY, 200), sellByDate: addDays(TODAY, 170), holdReason: null });
        expect(all[1]).toMatchObject({ holdReason: 'QA inspection' });
      });

      it('filters by sku', async () => {
        expect(await lotsOf(t, `sku=${JAM}`)).toEqual([`${JAM}/OK`, `${JAM}/SOON`, `${JAM}/OLD`, `${JAM}/GONE`]);
        expect(await lotsOf(t, `sku=${SUGAR}`)).toEqual([`${SUGAR}/G1`]);
        expect(await lotsOf(t, 'sku=NOPE')).toEqual([]);
      });

      it('filters by status', async () => {
        expect(await lotsOf(t, 'status=available')).toEqual([`${JAM}/OK`, `${STRAW}/S1`, `${SUGAR}/G1`]);
        expect(await lotsOf(t, 'status=hold')).toEqual([`${JAM}/SOON`]);
        expect(await lotsOf(t, 'status=expired')).toEqual([`${JAM}/OLD`]);
        expect(await lotsOf(t, 'status=depleted')).toEqual([`${JAM}/GONE`]);
        expect(await lotsOf(t, 'status=recalled')).toEqual([]);
        expect(await lotsOf(t, `status=available&sku=${JAM}`)).toEqual([`${JAM}/OK`]);
      });

      it('filters by location with stock', async () => {
        expect(await lotsOf(t, `location=${WH1}`)).toEqual([`${JAM}/OK`, `${JAM}/SOON`, `${JAM}/OLD`]);
        expect(await lotsOf(t, `location=${WH2}`)).toEqual([`${JAM}/OK`, `${STRAW}/S1`, `${SUGAR}/G1`]);
        // The total shown is the lot's, not the location's.
        expect((await allPages(t.api, `/lots?location=${WH2}&sku=${JAM}`))[0].onHand).toBe(9);
      });

      it('filters by expiring within N days, expired stock included, depleted and undated lots not', async () => {
        expect(await lotsOf(t, 'expiringWithinDays=0')).toEqual([`${JAM}/OLD`]);
        expect(await lotsOf(t, 'expiringWithinDays=5')).toEqual([`${JAM}/OLD`, `${STRAW}/S1`]);
        expect(await lotsOf(t, 'expiringWithinDays=10')).toEqual([`${JAM}/SOON`, `${JAM}/OLD`, `${STRAW}/S1`]);
        expect(await lotsOf(t, 'expiringWithinDays=100000')).toEqual([`${JAM}/OK`, `${JAM}/SOON`, `${JAM}/OLD`, `${STRAW}/S1`]);
        expect(await lotsOf(t, `expiringWithinDays=10&location=${WH2}`)).toEqual([`${STRAW}/S1`]);
      });

      it('follows the clock: tomorrow SOON and S1 are one day closer and S1 expires after its day', async () => {
        t.clock.advanceDays(6);
        try {
          expect(await lotsOf(t, 'status=expired')).toEqual([`${JAM}/OLD`, `${STRAW}/S1`]);
          expect(await lotsOf(t, 'expiringWithinDays=4')).toEqual([`${JAM}/SOON`, `${JAM}/OLD`, `${STRAW}/S1`]);
        } finally {
          t.clock.set('2026-06-15T10:00:00Z');
        }
      });
    });

    describe('GET /stock', () => {
      it('lists non-zero balances with expiry and status, ordered by sku, lot, location', async () => {
        expect(await stock(t.api)).toEqual([
          { sku: JAM, lot: 'OK', location: WH1, quantity: 5, reserved: 0, free: 5, expiryDate: addDays(TODAY, 200), status: 'available' },
          { sku: JAM, lot: 'OK', location: WH2, quantity: 4, reserved: 0, free: 4, expiryDate: addDays(TODAY, 200), status: 'available' },
          { sku: JAM, lot: 'OLD', location: WH1, quantity: 10, reserved: 0, free: 10, expiryDate: addDays(TODAY, -1), status: 'expired' },
          { sku: JAM, lot: 'SOON', location: WH1, quantity: 10, reserved: 0, free: 10, expiryDate: addDays(TODAY, 10), status: 'hold' },
          { sku: STRAW, lot: 'S1', location: WH2, quantity: 2.5, reserved: 0, free: 2.5, expiryDate: addDays(TODAY, 5), status: 'available' },
          { sku: SUGAR, lot: 'G1', location: WH2, quantity: 50, reserved: 0, free: 50, expiryDate: null, status: 'available' },
        ]);
      });

      it('filters by sku, lot and location, alone and together', async () => {
        const keys = async (q: string) => (await stock(t.api, q)).map((s) => `${s.lot}@${s.location}`);
        expect(await keys(`sku=${JAM}`)).toEqual(['OK@WH1', 'OK@WH2', 'OLD@WH1', 'SOON@WH1']);
        expect(await keys('lot=OK')).toEqual(['OK@WH1', 'OK@WH2']);
        expect(await keys(`location=${WH2}`)).toEqual(['OK@WH2', 'S1@WH2', 'G1@WH2']);
        expect(await keys(`sku=${JAM}&lot=OK&location=${WH2}`)).toEqual(['OK@WH2']);
        expect(await keys('lot=GONE')).toEqual([]);
        expect(await keys(`sku=${SUGAR}&location=${WH1}`)).toEqual([]);
      });
    });

    describe('GET /events', () => {
      it('lists the ledger in order with sequence numbers', async () => {
        expect(await eventsOf(t, '')).toEqual(['1:receipt', '2:receipt', '3:transfer', '4:hold', '5:receipt', '6:shipment', '7:shipment']);
        expect(await eventsOf(t, 'order=desc')).toEqual(['7:shipment', '6:shipment', '5:receipt', '4:hold', '3:transfer', '2:receipt', '1:receipt']);
      });

      it('filters by type', async () => {
        expect(await eventsOf(t, 'type=receipt')).toEqual(['1:receipt', '2:receipt', '5:receipt']);
        expect(await eventsOf(t, 'type=hold')).toEqual(['4:hold']);
        expect(await eventsOf(t, 'type=write_off')).toEqual([]);
      });

      it('filters by sku and lot, including hold events that name the lot', async () => {
        expect(await eventsOf(t, `sku=${JAM}`)).toEqual(['1:receipt', '3:transfer', '4:hold', '5:receipt', '6:shipment', '7:shipment']);
        expect(await eventsOf(t, `sku=${STRAW}`)).toEqual(['2:receipt']);
        expect(await eventsOf(t, 'lot=OK')).toEqual(['1:receipt', '3:transfer', '7:shipment']);
        expect(await eventsOf(t, `sku=${JAM}&lot=SOON`)).toEqual(['1:receipt', '4:hold']);
        expect(await eventsOf(t, `sku=${SUGAR}&lot=OK`)).toEqual([]);
      });

      it('filters by party', async () => {
        expect(await eventsOf(t, 'party=FARM')).toEqual(['1:receipt', '5:receipt']);
        expect(await eventsOf(t, 'party=TRADER')).toEqual(['2:receipt']);
        expect(await eventsOf(t, 'party=SHOP')).toEqual(['6:shipment']);
        expect(await eventsOf(t, 'party=DELI&lot=OK')).toEqual(['7:shipment']);
      });

      it('filters by time: from inclusive, to exclusive, dates or date-times with offsets', async () => {
        expect(await eventsOf(t, 'from=2026-06-14')).toEqual(['2:receipt', '3:transfer', '4:hold', '5:receipt', '6:shipment', '7:shipment']);
        expect(await eventsOf(t, 'to=2026-06-14')).toEqual(['1:receipt']);
        expect(await eventsOf(t, 'from=2026-06-14&to=2026-06-15')).toEqual(['2:receipt', '3:transfer']);
        expect(await eventsOf(t, `from=${encodeURIComponent(BUILD[1])}&to=${encodeURIComponent(BUILD[2])}`)).toEqual(['2:receipt', '3:transfer']);
        // 09:00Z is 11:00 in Paris: from 11:00+02:00 includes it, from 11:00:01+02:00 does not.
        expect(await eventsOf(t, `type=receipt&from=${encodeURIComponent('2026-06-15T11:00:00+02:00')}`)).toEqual(['5:receipt']);
        expect(await eventsOf(t, `type=receipt&from=${encodeURIComponent('2026-06-15T11:00:01+02:00')}`)).toEqual([]);
        expect(await eventsOf(t, 'type=receipt&from=2026-06-13&to=2026-06-16&party=FARM')).toEqual(['1:receipt', '5:receipt']);
      });

      it('shows an event with its lines by id', async () => {
        const [transfer] = await allPages(t.api, '/events?type=transfer');
        const res = await t.api.get(`/events/${transfer.id}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(transfer);
        expect(res.body).toMatchObject({ type: 'transfer', time: '2026-06-14T09:00:00.000Z', location: WH1, to: WH2 });
      });
    });
  });
}
