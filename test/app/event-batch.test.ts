import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordEvents, type BatchedEvent } from '../../src/app/event-batch.js';
import type { App } from '../../src/app/context.js';
import { holdLot } from '../../src/app/holds.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { productionBuilder, type ProductionInput } from '../../src/app/productions.js';
import { receiptBuilder, recordReceipt, type ReceiptInput } from '../../src/app/receipts.js';
import { shipmentBuilder, type ShipmentInput } from '../../src/app/shipments.js';
import { verifyLedger } from '../../src/app/verify.js';
import { Conflict, DomainError, InsufficientStock, Invalid, LotUnavailable } from '../../src/domain/errors.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

const receipt = (app: App, body: ReceiptInput): BatchedEvent => ({ request: { route: 'receipts', body }, build: receiptBuilder(app, body) });
const production = (app: App, body: ProductionInput): BatchedEvent => ({ request: { route: 'productions', body }, build: productionBuilder(app, body) });
const shipment = (app: App, body: ShipmentInput): BatchedEvent => ({ request: { route: 'shipments', body }, build: shipmentBuilder(app, body) });

/** Rounds of the ingestion workload: three raw lots received, two of them made into a jam lot, the jam shipped. */
function rounds(app: App, from: number, count: number): BatchedEvent[] {
  return Array.from({ length: count }, (_, k) => {
    const n = from + k;
    const raws = [0, 1, 2].map((i) => ({ sku: 'SUGAR', lot: `S${n}-${i}`, quantity: 10 }));
    return [
      receipt(app, { supplier: 'FARM', location: 'WH1', lines: raws }),
      production(app, { location: 'WH1', inputs: raws.slice(0, 2).map((r) => ({ ...r, quantity: 4 })), outputs: [{ sku: 'JAM', lot: `J${n}`, quantity: 8 }] }),
      shipment(app, { customer: 'SHOP', location: 'WH1', lines: [{ sku: 'JAM', lot: `J${n}`, quantity: 3 }] }),
    ];
  }).flat();
}

/**
 * A batch resolves its events' codes together and writes the lots they create together; events
 * still see the lots made before them in the batch, are checked one by one, and fail as one.
 */
for (const dialect of DIALECTS) {
  describe(`batched events (${dialect})`, () => {
    let t: TestContext;
    const db = () => t.app.store.db;
    const counts = async () => ({
      lots: Number((await db().selectFrom('lots').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      events: Number((await db().selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    });
    const refusal = async (events: BatchedEvent[]) => {
      const before = await counts();
      const error = await recordEvents(t.app, events).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect(await counts()).toEqual(before);
      return error as DomainError;
    };

    beforeEach(async () => {
      t = await openTestApp(dialect);
      const { app } = t;
      await createLocation(app, { code: 'WH1', name: 'Plant' });
      await createItem(app, { sku: 'SUGAR', name: 'Sugar', uom: 'kg' });
      await createItem(app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 });
      await createParty(app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
      await createParty(app, { code: 'SHOP', name: 'Shop', roles: ['customer'] });
    });
    afterEach(() => t.close());

    it('finds the lots made earlier in the batch and writes every lot with its own id', async () => {
      await recordReceipt(t.app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'OLD', quantity: 5 }] });
      const recorded = await recordEvents(t.app, [
        ...rounds(t.app, 1, 2),
        // An existing lot and one made earlier in the batch, received again.
        receipt(t.app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'OLD', quantity: 1 }, { sku: 'SUGAR', lot: 'S1-2', quantity: 1 }] }),
        production(t.app, { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'OLD', quantity: 6 }, { sku: 'SUGAR', lot: 'S2-2', quantity: 10 }], outputs: [{ sku: 'JAM', lot: 'J1', quantity: 1 }] }),
      ]);
      expect(recorded.map((r) => r.event.lines.map((l) => `${l.lot} ${l.quantity}`).join(', '))).toEqual([
        'S1-0 10, S1-1 10, S1-2 10',
        'S1-0 -4, S1-1 -4, J1 8',
        'J1 -3',
        'S2-0 10, S2-1 10, S2-2 10',
        'S2-0 -4, S2-1 -4, J2 8',
        'J2 -3',
        'OLD 1, S1-2 1',
        'OLD -6, S2-2 -10, J1 1',
      ]);
      // Lines, links and balances name the lots by the ids the lots table gave them.
      const lines = await db()
        .selectFrom('event_lines')
        .innerJoin('lots', 'lots.id', 'event_lines.lot_id')
        .innerJoin('events', 'events.id', 'event_lines.event_id')
        .select(['events.seq', 'event_lines.line_no', 'lots.code'])
        .orderBy('events.seq')
        .orderBy('event_lines.line_no')
        .execute();
      expect(lines.slice(-3).map((l) => l.code)).toEqual(['OLD', 'S2-2', 'J1']);
      expect(lines).toHaveLength(recorded.flatMap((r) => r.event.lines).length + 1);
      const links = await db()
        .selectFrom('lot_links')
        .innerJoin('lots as f', 'f.id', 'lot_links.from_lot_id')
        .innerJoin('lots as o', 'o.id', 'lot_links.to_lot_id')
        .select(['f.code as from', 'o.code as to'])
        .execute();
      expect(links.map((k) => `${k.from}>${k.to}`).sort()).toEqual(['OLD>J1', 'S1-0>J1', 'S1-1>J1', 'S2-0>J2', 'S2-1>J2', 'S2-2>J1']);
      const lots = await db().selectFrom('lots').select(['code', 'created_event_id', 'origin', 'supplier']).execute();
      expect(lots.find((l) => l.code === 'J2')).toMatchObject({ created_event_id: recorded[4]!.event.id, origin: 'production', supplier: null });
      expect(lots.find((l) => l.code === 'S1-2')).toMatchObject({ created_event_id: recorded[0]!.event.id, origin: 'receipt', supplier: 'FARM' });
      const report = await verifyLedger(t.app);
      expect(report.ok).toBe(true);
    });

    it('reads the codes of a batch in the same few statements, however many events it has', async () => {
      const statements = async (events: BatchedEvent[]) => {
        t.resetQueries();
        await recordEvents(t.app, events);
        return t.queries.length;
      };
      const small = await statements(rounds(t.app, 1, 2));
      expect(await statements(rounds(t.app, 3, 12))).toBe(small);
      expect(t.queries.filter((q) => q.startsWith('select * from "lots"'))).toHaveLength(1);
      expect(t.queries.filter((q) => q.startsWith('insert into "lots"'))).toHaveLength(1);
    });

    it('refuses a lot that does not exist, naming the field, and writes nothing', async () => {
      const error = await refusal([...rounds(t.app, 1, 1), production(t.app, { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'S1-2', quantity: 1 }, { sku: 'SUGAR', lot: 'NOPE', quantity: 1 }], outputs: [{ sku: 'JAM', lot: 'J9', quantity: 1 }] })]);
      expect(error).toBeInstanceOf(Invalid);
      expect(error.details).toEqual([{ path: 'inputs.1.lot', message: 'unknown lot "NOPE" of item "SUGAR"' }]);
    });

    it('holds a lot made earlier in the batch to what it says', async () => {
      const error = await refusal([
        receipt(t.app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'S1', quantity: 1, expiryDate: '2027-01-01' }] }),
        receipt(t.app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'S2', quantity: 1 }, { sku: 'SUGAR', lot: 'S1', quantity: 1, expiryDate: '2027-02-01' }] }),
      ]);
      expect(error).toBeInstanceOf(Conflict);
      expect(error.details.map((d) => d.path)).toEqual(['lines.1.expiryDate']);
    });

    it('checks each event against the stock and lot states left before it', async () => {
      const short = await refusal([
        receipt(t.app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'S1', quantity: 5 }] }),
        production(t.app, { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'S1', quantity: 6 }], outputs: [{ sku: 'JAM', lot: 'J1', quantity: 1 }] }),
      ]);
      expect(short).toBeInstanceOf(InsufficientStock);
      expect(short.details.map((d) => d.path)).toEqual(['inputs.0.quantity']);
      await recordReceipt(t.app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'SUGAR', lot: 'HELD', quantity: 5 }] });
      await holdLot(t.app, 'SUGAR', 'HELD', { reason: 'QA' });
      const held = await refusal([...rounds(t.app, 1, 1), production(t.app, { location: 'WH1', inputs: [{ sku: 'SUGAR', lot: 'HELD', quantity: 1 }], outputs: [{ sku: 'JAM', lot: 'J9', quantity: 1 }] })]);
      expect(held).toBeInstanceOf(LotUnavailable);
      expect(held.details.map((d) => d.path)).toEqual(['inputs.0.lot']);
    });
  });
}
