import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';
import { buildJamLedger, lotNames, ok } from './genealogy.js';

for (const dialect of DIALECTS) {
  describe(`recalls (${dialect})`, () => {
    let t: ApiTestContext;
    let shipments: Record<string, string>;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      ({ shipments } = await buildJamLedger(t.api));
    });
    afterEach(async () => t.close());

    const status = async (sku: string, lot: string) => (await t.api.get(`/lots/${sku}/${lot}`)).body.status;

    it('names every affected lot, customer and stock, and holds the stock in the same transaction', async () => {
      const res = await t.api.post('/recalls', { lots: [{ sku: 'STRAW', lot: 'S2' }], reason: 'Listeria found at Farm B' });
      expect(res.status).toBe(201);
      const recall = res.body;
      expect(recall).toMatchObject({ status: 'open', hold: true, drill: false, reason: 'Listeria found at Farm B', accountedFor: true });
      expect(lotNames(recall.affectedLots)).toEqual(['BOX/B1', 'JAM/J1', 'STRAW/S2']);
      expect(recall.customers.map((c: any) => [c.code, c.quantity, c.recovered, c.outstanding])).toEqual([
        ['C1', 50, 10, 40],
        ['C2', 5, 0, 5],
        ['C3', 10, 0, 10],
      ]);
      expect(recall.effectiveness).toEqual({ shipped: 65, recovered: 10, outstanding: 55, ratio: 0.1538 });
      expect(recall.onHand.map((o: any) => `${o.lot}@${o.location}:${o.quantity}:${o.status}`).sort()).toEqual([
        'B1@WH1:5:recalled',
        'J1@WH1:190:recalled',
        'J1@WH2:50:recalled',
        'S2@WH1:70:recalled',
      ]);
      for (const [sku, lot] of [['STRAW', 'S2'], ['JAM', 'J1'], ['BOX', 'B1']]) expect(await status(sku!, lot!)).toBe('recalled');
      // Untouched lots stay available.
      expect(await status('JAM', 'J3')).toBe('available');
      const event = (await t.api.get(`/events/${recall.event}`)).body;
      expect(event).toMatchObject({ type: 'recall', reason: 'Listeria found at Farm B', documents: [{ type: 'recall', number: recall.id }] });
    });

    it('refuses to ship, consume or pick recalled stock, explicitly or first-expiry-first-out', async () => {
      await ok(t.api, '/recalls', { lots: [{ sku: 'STRAW', lot: 'S2' }], reason: 'Listeria' });
      const explicit = await t.api.post('/shipments', { customer: 'C3', location: 'WH2', lines: [{ sku: 'JAM', lot: 'J1', quantity: 1 }] });
      expect(explicit.status).toBe(409);
      expect(explicit.body.error.details[0]).toEqual({ path: 'lines.0.lot', message: 'recalled' });
      const consume = await t.api.post('/productions', { location: 'WH1', inputs: [{ sku: 'JAM', lot: 'J1', quantity: 1 }], outputs: [{ sku: 'BOX', lot: 'B9', quantity: 1 }] });
      expect(consume.status).toBe(409);
      // FEFO passes over J1 and takes J2/J3 at WH1.
      const fefo = await ok(t.api, '/shipments', { customer: 'C3', location: 'WH1', lines: [{ sku: 'JAM', quantity: 100 }] });
      expect(fefo.lines.map((l: any) => l.lot).sort()).toEqual(['J2', 'J3']);
      expect(fefo.allocation[0].skipped).toEqual([{ lot: 'J1', reason: 'recalled' }]);
      // Quarantine moves are still allowed.
      await ok(t.api, '/transfers', { from: 'WH2', to: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 50 }] });
    });

    it('tracks notification, acknowledgement, recovery by returns, and closes with a note', async () => {
      const recall = await ok(t.api, '/recalls', { lots: [{ sku: 'STRAW', lot: 'S2' }], reason: 'Listeria' });
      t.clock.set('2026-06-15T11:00:00Z');
      const notified = await ok(t.api, `/recalls/${recall.id}/customers/C3/notified`, { note: 'phoned buyer' });
      expect(notified.customers.find((c: any) => c.code === 'C3')).toMatchObject({ notifiedAt: '2026-06-15T11:00:00.000Z', acknowledgedAt: null, note: 'phoned buyer' });
      t.clock.set('2026-06-15T12:00:00Z');
      const acked = await ok(t.api, `/recalls/${recall.id}/customers/C2/acknowledged`, {});
      expect(acked.customers.find((c: any) => c.code === 'C2')).toMatchObject({ notifiedAt: '2026-06-15T12:00:00.000Z', acknowledgedAt: '2026-06-15T12:00:00.000Z' });
      expect(acked.counts).toMatchObject({ customersNotified: 2, customersAcknowledged: 1, customers: 3 });

      await ok(t.api, '/returns', { customer: 'C3', location: 'WH2', shipment: shipments.toC3, disposition: 'hold', lines: [{ sku: 'JAM', lot: 'J1', quantity: 10 }] });
      const progress = (await t.api.get(`/recalls/${recall.id}`)).body;
      expect(progress.customers.find((c: any) => c.code === 'C3')).toMatchObject({ recovered: 10, outstanding: 0, effectiveness: 1 });
      expect(progress.effectiveness).toEqual({ shipped: 65, recovered: 20, outstanding: 45, ratio: 0.3077 });
      // The list shows the same progress without tracing each recall again.
      const [summary] = (await t.api.get('/recalls')).body.items;
      expect(summary).toMatchObject({ id: recall.id, customers: 3, customersNotified: 2, customersAcknowledged: 1, effectiveness: progress.effectiveness });
      expect(await status('JAM', 'J1')).toBe('recalled');

      expect((await t.api.post('/lots/JAM/J1/release', {})).status).toBe(409);
      const closed = await ok(t.api, `/recalls/${recall.id}/close`, { note: 'remaining stock destroyed' });
      expect(closed).toMatchObject({ status: 'closed', closeNote: 'remaining stock destroyed', closedAt: '2026-06-15T12:00:00.000Z' });
      expect((await t.api.post(`/recalls/${recall.id}/close`, {})).status).toBe(409);
      expect((await t.api.post(`/recalls/${recall.id}/customers/C1/notified`, {})).status).toBe(409);
      // Once no open recall covers the lot, QA may release it.
      await ok(t.api, '/lots/JAM/J1/release', { reason: 'tested negative' });
      expect(await status('JAM', 'J1')).toBe('available');
    });

    it('runs a drill without holding anything and reports its time and whether all units are accounted for', async () => {
      const drill = await ok(t.api, '/recalls', { lots: [{ sku: 'STRAW', lot: 'S1' }, { sku: 'STRAW', lot: 'S2' }], reason: 'annual mock recall', drill: true });
      expect(drill).toMatchObject({ drill: true, hold: false, event: null, accountedFor: true });
      expect(drill.durationMs).toBeGreaterThanOrEqual(0);
      expect(drill.durationMs).toBeLessThan(5000);
      expect(lotNames(drill.lots)).toEqual(['STRAW/S1', 'STRAW/S2']);
      expect(lotNames(drill.affectedLots)).toEqual(['BOX/B1', 'JAM/J1', 'JAM/J2', 'JAM/J3', 'JAM/J4', 'STRAW/S1', 'STRAW/S2']);
      expect(await status('JAM', 'J1')).toBe('available');
      const events = (await t.api.get('/events?type=recall')).body.items;
      expect(events).toEqual([]);

      await ok(t.api, '/recalls', { lots: [{ sku: 'SUGAR', lot: 'G1' }], reason: 'real one' });
      const drills = (await t.api.get('/recalls?drill=true')).body.items;
      expect(drills.map((r: any) => r.id)).toEqual([drill.id]);
      const all = (await t.api.get('/recalls')).body.items;
      expect(all).toHaveLength(2);
      expect(all[1]).toMatchObject({ id: drill.id, affectedLots: 7, customers: 3, lots: [{ sku: 'STRAW', lot: 'S1' }, { sku: 'STRAW', lot: 'S2' }] });
      expect((await t.api.get('/recalls?status=closed')).body.items).toEqual([]);
    });

    it('replays an idempotent recall instead of opening a second one', async () => {
      const body = { lots: [{ sku: 'SUGAR', lot: 'G1' }], reason: 'foreign body' };
      const first = await t.api.post('/recalls', body, { 'idempotency-key': 'rc-1' });
      const again = await t.api.post('/recalls', body, { 'idempotency-key': 'rc-1' });
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body.id).toBe(first.body.id);
      expect((await t.api.get('/recalls')).body.items).toHaveLength(1);
    });

    it('rejects bad requests with the field named and changes nothing', async () => {
      const unknown = await t.api.post('/recalls', { lots: [{ sku: 'JAM', lot: 'J1' }, { sku: 'JAM', lot: 'NOPE' }], reason: 'x' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details[0].path).toBe('lots.1');
      expect(await status('JAM', 'J1')).toBe('available');
      expect((await t.api.post('/recalls', { lots: [], reason: 'x' })).status).toBe(400);
      expect((await t.api.post('/recalls', { lots: [{ sku: 'JAM', lot: 'J1' }], reason: '' })).status).toBe(400);
      expect((await t.api.post('/recalls', { lots: [{ sku: 'JAM', lot: 'J1' }], reason: 'x', drill: true, hold: true })).status).toBe(400);
      expect((await t.api.get('/recalls')).body.items).toEqual([]);
      expect((await t.api.get('/recalls/nope')).status).toBe(404);
      const recall = await ok(t.api, '/recalls', { lots: [{ sku: 'JAM', lot: 'J3' }], reason: 'x' });
      expect((await t.api.post(`/recalls/${recall.id}/customers/C1/notified`, {})).status).toBe(404);
    });
  });
}
