import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { traceRows } from '../../src/store/trace.repository.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';
import { buildJamLedger, lotNames, ok } from './genealogy.js';

for (const dialect of DIALECTS) {
  describe(`trace (${dialect})`, () => {
    let t: ApiTestContext;
    let shipments: Record<string, string>;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      ({ shipments } = await buildJamLedger(t.api));
    });
    afterEach(async () => t.close());

    it('follows a commingled, split raw lot forward through three levels to every customer', async () => {
      const res = await t.api.get('/trace/STRAW/S1?direction=forward');
      expect(res.status).toBe(200);
      const trace = res.body;
      expect(lotNames(trace.lots)).toEqual(['BOX/B1', 'JAM/J1', 'JAM/J2', 'JAM/J3', 'JAM/J4', 'STRAW/S1']);
      const depth = Object.fromEntries(trace.lots.map((l: any) => [`${l.sku}/${l.lot}`, l.depth]));
      expect(depth).toEqual({ 'STRAW/S1': 0, 'JAM/J1': 1, 'JAM/J2': 1, 'JAM/J3': 1, 'BOX/B1': 2, 'JAM/J4': 2 });
      const customers = Object.fromEntries(trace.customers.map((c: any) => [c.code, [c.quantity, c.returned]]));
      // C1 got 50 of J1 and returned 10, which went on to C3; C2 got 5 boxes and 20 of J3.
      expect(customers).toEqual({ C1: [50, 10], C2: [25, 0], C3: [10, 0] });
      expect(trace.customers.find((c: any) => c.code === 'C1')).toMatchObject({ name: 'Big Box', email: 'qa@bigbox.example', phone: '+1 555 0101' });
      const shipmentEvents = trace.shipments.map((s: any) => s.event).sort();
      expect(shipmentEvents).toEqual([shipments.toC1, shipments.boxToC2, shipments.boxToC2, shipments.toC3].sort());
      expect(trace.shipments.find((s: any) => s.customer === 'C1').documents).toEqual([{ type: 'invoice', number: 'INV-100' }]);
      expect(trace.returns).toEqual([expect.objectContaining({ customer: 'C1', lot: 'J1', quantity: 10, shipment: shipments.toC1, location: 'WH2' })]);
      expect(trace.massBalance).toEqual({ closes: true, lots: 6, unbalanced: [] });
    });

    it('keeps lots of other farms out of a forward trace and siblings out of a backward one', async () => {
      const fwd = (await t.api.get('/trace/STRAW/S2?direction=forward')).body;
      expect(lotNames(fwd.lots)).toEqual(['BOX/B1', 'JAM/J1', 'STRAW/S2']);
      expect(fwd.customers.map((c: any) => c.code)).toEqual(['C1', 'C2', 'C3']);
      expect(fwd.customers.find((c: any) => c.code === 'C2').quantity).toBe(5);

      const back = (await t.api.get('/trace/JAM/J3?direction=backward')).body;
      expect(lotNames(back.lots)).toEqual(['JAM/J3', 'STRAW/S1', 'SUGAR/G1']);
    });

    it('traces a finished lot back to its suppliers, supplier lots and purchase documents', async () => {
      const back = (await t.api.get('/trace/BOX/B1?direction=backward')).body;
      expect(lotNames(back.lots)).toEqual(['BOX/B1', 'JAM/J1', 'JAM/J2', 'JAM/J4', 'STRAW/S1', 'STRAW/S2', 'SUGAR/G1']);
      const s1 = back.receipts.find((r: any) => r.lot === 'S1');
      expect(s1).toMatchObject({ supplier: 'FARM-A', supplierName: 'Farm A', supplierLot: 'FA-77', quantity: 100, location: 'WH1' });
      expect(s1.documents).toEqual([{ type: 'PO', number: 'PO-1' }, { type: 'invoice', number: 'INV-1' }]);
      expect([...new Set(back.receipts.map((r: any) => r.supplier))].sort()).toEqual(['FARM-A', 'FARM-B', 'SUGARCO']);
      const links = back.links.map((l: any) => `${l.from.lot}>${l.to.lot}:${l.quantity}`).sort();
      expect(links).toEqual(expect.arrayContaining(['J1>B1:10', 'J2>B1:10', 'S1>J1:40', 'S2>J1:30', 'G1>J1:50', 'S1>J2:20', 'J4>J2:2', 'J2>J4:5']));
    });

    it('terminates on a rework cycle and places each lot at its shortest distance', async () => {
      const both = (await t.api.get('/trace/JAM/J4?direction=both')).body;
      const place = Object.fromEntries(both.lots.map((l: any) => [l.lot, [l.depth, l.side]]));
      expect(place.J4).toEqual([0, 'root']);
      // J2 is both J4's input and its output.
      expect(place.J2).toEqual([1, 'both']);
      expect(place.B1).toEqual([2, 'forward']);
      expect(place.S1).toEqual([2, 'backward']);
      expect(both.massBalance.closes).toBe(true);
    });

    it('reports stock on hand per warehouse, after the transfer, return and re-shipment', async () => {
      const trace = (await t.api.get('/trace/STRAW/S2?direction=forward')).body;
      const j1 = trace.onHand.filter((o: any) => o.lot === 'J1').map((o: any) => [o.location, o.quantity]);
      // J1: 300 made − 10 boxed = 290; 100 moved to WH2, 50 shipped, 10 back, 10 out again.
      expect(j1).toEqual([['WH1', 190], ['WH2', 50]]);
      const lot = (await t.api.get('/lots/JAM/J1')).body;
      expect(lot.massBalance).toMatchObject({ produced: 300, consumed: 10, shipped: 60, returned: 10, onHand: 240, difference: 0, closes: true });
    });

    it('leaves reversed shipments out of the customers', async () => {
      await ok(t.api, `/events/${shipments.toC3}/reverse`, { reason: 'keyed twice' });
      const trace = (await t.api.get('/trace/JAM/J1?direction=forward')).body;
      expect(trace.customers.map((c: any) => c.code)).toEqual(['C1', 'C2']);
    });

    it('answers 404 for an unknown lot and 400 for an unknown direction', async () => {
      expect((await t.api.get('/trace/JAM/NOPE')).status).toBe(404);
      const bad = await t.api.get('/trace/JAM/J1?direction=sideways');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].path).toBe('direction');
    });

    it.runIf(dialect === 'postgres')('is a statement each connection prepares once, whose generic plan traces as its custom plans do', async () => {
      const db = t.app.store.db;
      const roots = (await db.selectFrom('lots').select('id').where('code', 'in', ['S1', 'G1', 'J3']).execute()).map((r) => Number(r.id));
      const traced = (mode: 'force_custom_plan' | 'force_generic_plan') =>
        db.connection().execute(async (conn) => {
          await sql`set plan_cache_mode = ${sql.raw(mode)}`.execute(conn);
          try {
            const runs = [];
            for (const direction of ['forward', 'backward', 'both'] as const) for (let i = 0; i < 3; i++) runs.push(await traceRows(conn, 'postgres', roots, direction));
            const prepared = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where name like 'lotline_%' and statement like 'with recursive%'`.execute(conn);
            return { runs, prepared: prepared.rows[0]!.n };
          } finally {
            await sql`reset plan_cache_mode`.execute(conn);
          }
        });
      const custom = await traced('force_custom_plan');
      const generic = await traced('force_generic_plan');
      // One prepared statement per direction on the connection, however often it ran.
      expect(custom.prepared).toBe(3);
      expect(generic.prepared).toBe(3);
      expect(generic.runs).toEqual(custom.runs);
      expect(custom.runs[0]!.lots.length).toBeGreaterThan(3);
      expect(custom.runs[0]!.movements.length).toBeGreaterThan(0);
    });

    it('runs a fixed number of SQL statements whatever the size of the trace', async () => {
      const count = async (path: string) => {
        t.resetQueries();
        expect((await t.api.get(path)).status).toBe(200);
        return t.queries.length;
      };
      const small = await count('/trace/JAM/J3?direction=both');
      const medium = await count('/trace/STRAW/S1?direction=both');
      // Grow the forward closure of S1 by twenty more levels and fifty more customers.
      let parent = 'J3';
      for (let i = 0; i < 20; i++) {
        await ok(t.api, '/productions', { location: 'WH1', inputs: [{ sku: 'JAM', lot: parent, quantity: 1 }], outputs: [{ sku: 'JAM', lot: `R${i}`, quantity: 1 }] });
        parent = `R${i}`;
      }
      await ok(t.api, '/receipts', { supplier: 'SUGARCO', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'G2', quantity: 100 }] });
      await ok(t.api, '/productions', { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'G2', quantity: 50 }, { sku: 'JAM', lot: 'J3', quantity: 1 }], outputs: [{ sku: 'JAM', lot: 'BIG', quantity: 500 }] });
      for (let i = 0; i < 50; i++) {
        await ok(t.api, '/parties', { code: `X${i}`, name: `Customer ${i}`, roles: ['customer'] });
        await ok(t.api, '/shipments', { customer: `X${i}`, location: 'WH1', lines: [{ sku: 'JAM', lot: 'BIG', quantity: 1 }] });
      }
      const large = await count('/trace/STRAW/S1?direction=both');
      const big = (await t.api.get('/trace/STRAW/S1?direction=both')).body;
      // 6 original lots, 20 rework levels and BIG; G2 is only a sibling (an ancestor of BIG, not of S1).
      expect(big.lots.length).toBe(27);
      expect(big.customers.length).toBe(53);
      expect(new Set([small, medium, large]).size).toBe(1);
    });
  });
}
