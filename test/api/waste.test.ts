import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { created, expectError, JAM, micro, ok, receive, seedWorld, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

const OIL = 'OIL';
const COST = { [JAM]: 1.25, [OIL]: 2.4 } as const;

/** The test's own figures: exact quantities as bigint micro-units, value as bigint 10⁻¹². */
class Expect {
  writtenOff = 0n;
  shipped = 0n;
  value = 0n;
  waste(sku: keyof typeof COST, quantity: number): this {
    this.writtenOff += micro(quantity);
    this.value += micro(quantity) * micro(COST[sku]);
    return this;
  }
  ship(quantity: number): this {
    this.shipped += micro(quantity);
    return this;
  }
  /** The rate as the API rounds it, from the test's own integers. */
  static rate(writtenOff: bigint, outflow: bigint): number | null {
    return outflow === 0n ? null : Math.round((Number(writtenOff) / Number(outflow)) * 10_000) / 10_000;
  }
  figures(rateOver?: bigint) {
    const valueText = (() => {
      const whole = this.value / 10n ** 12n;
      const frac = (this.value % 10n ** 12n).toString().padStart(12, '0').replace(/0+$/, '');
      return frac ? `${whole}.${frac}` : `${whole}`;
    })();
    return {
      writtenOff: Number(this.writtenOff) / 1e6,
      value: valueText,
      shipped: Number(this.shipped) / 1e6,
      wasteRate: Expect.rate(this.writtenOff, rateOver ?? this.writtenOff + this.shipped),
    };
  }
}

for (const dialect of DIALECTS) {
  describe(`waste analytics (${dialect})`, () => {
    let t: ApiTestContext;
    const at = async (instant: string) => t.clock.set(instant);

    /**
     * Half a year of a jam maker in Berlin (all times UTC; Berlin is UTC+1 in winter, +2 in summer):
     *   Jan  1   receive JAM J1 100 (expires 1 Mar), J2 200, OIL O1 50 l (expires 15 Feb)
     *   31 Jan 23:30 UTC = 1 Feb 00:30 Berlin: JAM 4 damaged            → February
     *   10 Feb   ship 30 JAM (J1) to SHOP                                → February
     *   28 Feb 23:30 UTC = 1 Mar 00:30 Berlin: OIL 10 damaged           → March
     *   10 Mar   bulk write-off of expired stock: JAM J1 66, OIL 40      → March
     *    5 Apr   SHOP returns 2 JAM J1 for scrap; ship 50 JAM J2; JAM 1 "other" written off
     *    3 May   that "other" write-off is reversed                     → nets to 0 in April
     */
    beforeAll(async () => {
      t = await openApiTest(dialect, { timeZone: 'Europe/Berlin', now: '2026-01-01T08:00:00Z' });
      await seedWorld(t.api);
      await created(t.api.post('/items', { sku: OIL, name: 'Sunflower oil', uom: 'l', unitCost: COST[OIL] }));
      await receive(t.api, [
        { sku: JAM, lot: 'J1', quantity: 100, expiryDate: '2026-03-01' },
        { sku: JAM, lot: 'J2', quantity: 200, expiryDate: '2026-12-31' },
        { sku: OIL, lot: 'O1', quantity: 50, expiryDate: '2026-02-15' },
      ]);
      await at('2026-02-01T06:00:00Z');
      await created(t.api.post('/write-offs', { location: WH1, reason: 'damaged', time: '2026-01-31T23:30:00Z', lines: [{ sku: JAM, lot: 'J1', quantity: 4 }] }));
      await at('2026-02-10T12:00:00Z');
      await created(t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'J1', quantity: 30 }] }));
      await at('2026-03-01T06:00:00Z');
      await created(t.api.post('/write-offs', { location: WH1, reason: 'damaged', time: '2026-02-28T23:30:00Z', lines: [{ sku: OIL, lot: 'O1', quantity: 10 }] }));
      await at('2026-03-10T12:00:00Z');
      const bulk = await created(t.api.post('/write-offs/expired', {}));
      expect(bulk.events.flatMap((e: any) => e.lines.map((l: any) => [l.sku, l.quantity]))).toEqual([
        [JAM, -66],
        [OIL, -40],
      ]);
      await at('2026-04-05T12:00:00Z');
      await created(t.api.post('/returns', { customer: 'SHOP', location: WH1, disposition: 'scrap', lines: [{ sku: JAM, lot: 'J1', quantity: 2 }] }));
      await created(t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'J2', quantity: 50 }] }));
      const mistake = await created(t.api.post('/write-offs', { location: WH1, reason: 'other', lines: [{ sku: JAM, lot: 'J2', quantity: 1 }] }));
      await at('2026-05-03T12:00:00Z');
      await created(t.api.post(`/events/${mistake.id}/reverse`, { reason: 'miscounted' }));
      await at('2026-06-15T10:00:00Z');
    });
    afterAll(async () => t.close());
    afterEach(() => t.clock.set('2026-06-15T10:00:00Z'));

    const report = (query: string) => ok(t.api.get(`/analytics/waste?${query}`));

    it('values write-offs per Berlin month, with a waste rate computed independently', async () => {
      const feb = new Expect().waste(JAM, 4).ship(30);
      const mar = new Expect().waste(OIL, 10).waste(JAM, 66).waste(OIL, 40);
      const apr = new Expect().waste(JAM, 2).ship(50);
      const none = new Expect();
      const total = new Expect().waste(JAM, 4).ship(30).waste(OIL, 10).waste(JAM, 66).waste(OIL, 40).waste(JAM, 2).ship(50);

      const r = await report('from=2026-01&to=2026-06');
      expect(r).toMatchObject({ from: '2026-01', to: '2026-06', groupBy: 'month', timeZone: 'Europe/Berlin', location: null, sku: null, units: ['ea', 'l'], mixedUnits: true });
      expect(r.note).toMatch(/different units/);
      const strip = ({ valueComplete: _, ...rest }: any) => rest;
      expect(r.rows.map(strip)).toEqual([
        { period: '2026-01', ...none.figures() },
        { period: '2026-02', ...feb.figures() },
        { period: '2026-03', ...mar.figures() },
        { period: '2026-04', ...apr.figures() },
        { period: '2026-05', ...none.figures() },
        { period: '2026-06', ...none.figures() },
      ]);
      expect(strip(r.totals)).toEqual(total.figures());
      // The figures the test's own arithmetic arrives at, spelled out once.
      expect(r.rows[1]).toMatchObject({ writtenOff: 4, value: '5', shipped: 30, wasteRate: 0.1176 });
      expect(r.rows[2]).toMatchObject({ writtenOff: 116, value: '202.5', shipped: 0, wasteRate: 1 });
      expect(r.totals).toMatchObject({ writtenOff: 122, value: '210', shipped: 80, wasteRate: 0.604, valueComplete: true });
      expect(r.rows[0].wasteRate).toBeNull();
    });

    it('groups by item, with units and names, and by reason with shares of all outflow', async () => {
      const byItem = await report('from=2026-01&to=2026-06&groupBy=item');
      expect(byItem.rows).toEqual([
        { sku: JAM, itemName: 'Strawberry jam 500 g', uom: 'ea', valueComplete: true, ...new Expect().waste(JAM, 72).ship(80).figures() },
        { sku: OIL, itemName: 'Sunflower oil', uom: 'l', valueComplete: true, ...new Expect().waste(OIL, 50).figures() },
      ]);
      const outflow = micro(122) + micro(80);
      const byReason = await report('from=2026-01&to=2026-06&groupBy=reason');
      expect(byReason.rows).toEqual([
        { reason: 'damaged', valueComplete: true, ...new Expect().waste(JAM, 4).waste(OIL, 10).ship(80).figures(outflow) },
        { reason: 'expired', valueComplete: true, ...new Expect().waste(JAM, 66).waste(OIL, 40).ship(80).figures(outflow) },
        { reason: 'returned and scrapped', valueComplete: true, ...new Expect().waste(JAM, 2).ship(80).figures(outflow) },
      ]);
      expect(byReason.totals).toEqual(byItem.totals);
    });

    it('filters by item and location; one item means one unit', async () => {
      const jam = await report(`from=2026-01&to=2026-06&sku=${JAM}`);
      expect(jam).toMatchObject({ sku: JAM, units: ['ea'], mixedUnits: false, note: null });
      expect(jam.totals).toMatchObject({ writtenOff: 72, value: '90', shipped: 80 });
      const wh2 = await report(`from=2026-01&to=2026-06&location=${WH2}`);
      expect(wh2.totals).toEqual({ writtenOff: 0, value: '0', valueComplete: true, shipped: 0, wasteRate: null });
      expect(wh2.rows).toHaveLength(6);
    });

    it('puts a reversal in the month of what it reverses, and defaults to the twelve months up to now', async () => {
      const april = await report('from=2026-04&to=2026-05&groupBy=reason');
      expect(april.rows.map((r: any) => r.reason)).toEqual(['returned and scrapped']);
      const preset = await report('');
      expect(preset).toMatchObject({ from: '2025-07', to: '2026-06' });
      expect(preset.rows).toHaveLength(12);
      expect(preset.totals.value).toBe('210');
    });

    it('marks values that leave out items without a unit cost', async () => {
      await created(t.api.post('/items', { sku: 'SALT', name: 'Salt', uom: 'kg' }));
      await receive(t.api, [{ sku: 'SALT', lot: 'N1', quantity: 5 }]);
      await created(t.api.post('/write-offs', { location: WH1, reason: 'damaged', lines: [{ sku: 'SALT', lot: 'N1', quantity: 5 }] }));
      const june = await report('from=2026-06&to=2026-06&groupBy=item');
      expect(june.rows).toEqual([{ sku: 'SALT', itemName: 'Salt', uom: 'kg', writtenOff: 5, value: '0', valueComplete: false, shipped: 0, wasteRate: 1 }]);
      expect(june.totals.valueComplete).toBe(false);
    });

    it('refuses malformed or reversed ranges and unknown groupings', async () => {
      expectError(await t.api.get('/analytics/waste?from=2026-13'), 400, 'invalid_request', 'from');
      expectError(await t.api.get('/analytics/waste?from=2026-1'), 400, 'invalid_request', 'from');
      expectError(await t.api.get('/analytics/waste?from=2026-06&to=2026-01'), 400, 'invalid_request', 'from');
      expectError(await t.api.get('/analytics/waste?from=2000-01&to=2026-01'), 400, 'invalid_request', 'from');
      expectError(await t.api.get('/analytics/waste?groupBy=week'), 400, 'invalid_request', 'groupBy');
    });
  });
}
