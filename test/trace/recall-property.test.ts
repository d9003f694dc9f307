import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordProduction } from '../../src/app/productions.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { createRecall } from '../../src/app/recalls.js';
import { reverseEvent } from '../../src/app/reversals.js';
import { recordShipment } from '../../src/app/shipments.js';
import { DIALECTS, openTestApp } from '../helpers/test-app.js';

const CUSTOMERS = ['C0', 'C1', 'C2', 'C3', 'C4'];

type Op =
  | { kind: 'produce'; inputs: number[]; output: number }
  | { kind: 'ship'; lot: number; customer: number }
  | { kind: 'reverse'; shipment: number };

/**
 * Random ledgers: a few raw lots, then productions (whose output may be a new lot or, as rework,
 * an existing one), shipments of any lot to any customer, and reversals of earlier shipments.
 * Indices are taken modulo what exists when the op runs, so every generated ledger is valid.
 */
const ledgerArb = fc.record({
  raw: fc.integer({ min: 1, max: 4 }),
  ops: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('produce' as const), inputs: fc.uniqueArray(fc.nat(30), { minLength: 1, maxLength: 3 }), output: fc.nat(40) }),
      fc.record({ kind: fc.constant('ship' as const), lot: fc.nat(30), customer: fc.nat(CUSTOMERS.length - 1) }),
      fc.record({ kind: fc.constant('reverse' as const), shipment: fc.nat(20) }),
    ),
    { maxLength: 25 },
  ),
  root: fc.nat(30),
});

for (const dialect of DIALECTS) {
  describe(`recall property (${dialect})`, () => {
    it('names exactly the customers that a brute-force walk over all events finds', async () => {
      await fc.assert(
        fc.asyncProperty(ledgerArb, async ({ raw, ops, root }) => {
          const t = await openTestApp(dialect);
          try {
            const { app } = t;
            await createItem(app, { sku: 'RAW', name: 'raw' });
            await createItem(app, { sku: 'FG', name: 'finished' });
            await createParty(app, { code: 'SUP', name: 'supplier', roles: ['supplier'] });
            for (const c of CUSTOMERS) await createParty(app, { code: c, name: c, roles: ['customer'] });
            await createLocation(app, { code: 'WH', name: 'wh' });

            // The test's own record of the ledger, independent of the server.
            const lots: { sku: string; lot: string }[] = [];
            const edges: [number, number][] = [];
            const shipped: { event: string; lot: number; customer: string; reversed: boolean }[] = [];
            for (let i = 0; i < raw; i++) lots.push({ sku: 'RAW', lot: `R${i}` });
            await recordReceipt(app, { supplier: 'SUP', location: 'WH', lines: lots.map((l) => ({ ...l, quantity: 1000 })) });

            for (const op of ops) {
              if (op.kind === 'produce') {
                const inputs = [...new Set(op.inputs.map((i) => i % lots.length))];
                const reworkTargets = lots.map((_, i) => i).filter((i) => lots[i]!.sku === 'FG' && !inputs.includes(i));
                const useExisting = op.output < 10 && reworkTargets.length > 0;
                const output = useExisting ? reworkTargets[op.output % reworkTargets.length]! : lots.length;
                if (!useExisting) lots.push({ sku: 'FG', lot: `F${output}` });
                await recordProduction(app, {
                  location: 'WH',
                  inputs: inputs.map((i) => ({ ...lots[i]!, quantity: 1 })),
                  outputs: [{ ...lots[output]!, quantity: 100 }],
                });
                for (const i of inputs) edges.push([i, output]);
              } else if (op.kind === 'ship') {
                const lot = op.lot % lots.length;
                const customer = CUSTOMERS[op.customer]!;
                const { event } = await recordShipment(app, { customer, location: 'WH', lines: [{ ...lots[lot]!, quantity: 1 }] });
                shipped.push({ event: event.id, lot, customer, reversed: false });
              } else {
                const open = shipped.filter((s) => !s.reversed);
                if (open.length === 0) continue;
                const target = open[op.shipment % open.length]!;
                await reverseEvent(app, target.event, { reason: 'test' });
                target.reversed = true;
              }
            }

            const start = root % lots.length;
            const closure = new Set([start]);
            for (let grew = true; grew; ) {
              grew = false;
              for (const [from, to] of edges) {
                if (closure.has(from) && !closure.has(to)) {
                  closure.add(to);
                  grew = true;
                }
              }
            }
            const expected = [...new Set(shipped.filter((s) => !s.reversed && closure.has(s.lot)).map((s) => s.customer))].sort();

            const { recall } = await createRecall(app, { lots: [lots[start]!], reason: 'property', drill: true });
            expect(recall.customers.map((c) => c.code)).toEqual(expected);
            expect(recall.affectedLots.map((l) => `${l.sku}/${l.lot}`).sort()).toEqual([...closure].map((i) => `${lots[i]!.sku}/${lots[i]!.lot}`).sort());
            expect(recall.accountedFor).toBe(true);
          } finally {
            await t.close();
          }
        }),
        { numRuns: dialect === 'sqlite' ? 60 : 15 },
      );
    }, 120_000);
  });
}
