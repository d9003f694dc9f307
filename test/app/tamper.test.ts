import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAs, SYSTEM_ACTOR } from '../../src/app/actor.js';
import { auditHash } from '../../src/app/audit.js';
import { holdLot, releaseLot } from '../../src/app/holds.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { recordShipment } from '../../src/app/shipments.js';
import { verifyLedger } from '../../src/app/verify.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

const alice = { ...SYSTEM_ACTOR, label: 'user:alice', role: 'warehouse' as const, clientAddress: '10.0.0.7' };

/**
 * Someone with write access to the database edits history behind Lotline's back: verify must
 * name the first broken link of the event chain, of the audit chain, or the stock projection.
 */
for (const dialect of DIALECTS) {
  describe(`tamper evidence (${dialect})`, () => {
    let t: TestContext;
    const db = () => t.app.store.db;

    beforeEach(async () => {
      t = await openTestApp(dialect);
      const { app } = t;
      await createLocation(app, { code: 'WH1', name: 'Plant' });
      await createItem(app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 });
      await createParty(app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
      await createParty(app, { code: 'SHOP', name: 'Shop', roles: ['customer'] });
      await runAs(alice, async () => {
        // seq 1 receipt (two lines), 2 shipment, 3 hold, 4 release — recorded by alice
        await recordReceipt(app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 100 }, { sku: 'JAM', lot: 'J2', quantity: 50 }] });
        await recordShipment(app, { customer: 'SHOP', location: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 30 }] });
      });
      await holdLot(app, 'JAM', 'J2', { reason: 'swollen lids' });
      await releaseLot(app, 'JAM', 'J2', { reason: 'lids fine' });
    });
    afterEach(() => t.close());

    it('passes untouched: both chains and the balances', async () => {
      const report = await verifyLedger(t.app);
      expect(report.ok).toBe(true);
      expect(report.chain).toMatchObject({ ok: true, eventsChecked: 4 });
      // 1 location, 1 item, 2 parties, hold, release
      expect(report.audit).toMatchObject({ ok: true, entriesChecked: 6, firstBreak: null });
      expect(report.audit.lastHash).toMatch(/^[0-9a-f]{64}$/);
      // J1 receipt and shipment, J2 receipt
      expect(report.lotFlows).toMatchObject({ ok: true, checked: 3, mismatchCount: 0 });
    });

    it('catches an edited event, and an event whose recorder was rewritten', async () => {
      await db().updateTable('events').set({ actor: 'user:mallory' }).where('seq', '=', 1).execute();
      expect((await verifyLedger(t.app)).chain.firstBreak).toMatchObject({ seq: 1, problem: 'hash_mismatch' });
      await db().updateTable('events').set({ actor: 'user:alice', client_address: null }).where('seq', '=', 1).execute();
      expect((await verifyLedger(t.app)).chain.firstBreak).toMatchObject({ seq: 1, problem: 'hash_mismatch' });
    });

    it('catches a deleted event line, even with the balance adjusted to match', async () => {
      const line = await db().selectFrom('event_lines').innerJoin('events', 'events.id', 'event_lines.event_id').select(['event_lines.id', 'event_lines.lot_id', 'event_lines.quantity']).where('events.seq', '=', 1).where('event_lines.line_no', '=', 2).executeTakeFirstOrThrow();
      await db().deleteFrom('event_lines').where('id', '=', line.id).execute();
      const report = await verifyLedger(t.app);
      expect(report.ok).toBe(false);
      expect(report.chain.firstBreak).toMatchObject({ seq: 1, problem: 'hash_mismatch' });
      expect(report.balances.mismatchCount).toBe(1);
      // Covering the tracks in the projection still leaves the chain broken.
      await db().updateTable('balances').set({ quantity: sql`quantity - ${line.quantity}` }).where('lot_id', '=', line.lot_id).execute();
      const covered = await verifyLedger(t.app);
      expect(covered.balances.ok).toBe(true);
      expect(covered.chain.firstBreak).toMatchObject({ seq: 1, problem: 'hash_mismatch' });
    });

    it('catches an inserted event line', async () => {
      const first = await db().selectFrom('events').select('id').where('seq', '=', 2).executeTakeFirstOrThrow();
      const lot = await db().selectFrom('lots').select('id').where('code', '=', 'J1').executeTakeFirstOrThrow();
      await db().insertInto('event_lines').values({ event_id: first.id, line_no: 9, lot_id: Number(lot.id), location: 'WH1', quantity: -1_000_000, movement: 'ship' }).execute();
      const report = await verifyLedger(t.app);
      expect(report.chain.firstBreak).toMatchObject({ seq: 2, problem: 'hash_mismatch' });
      expect(report.balances.ok).toBe(false);
    });

    it('catches a deleted event and an edited balance', async () => {
      await db().updateTable('balances').set({ quantity: sql`quantity + 1` }).execute();
      const ev = await db().selectFrom('events').select('id').where('seq', '=', 3).executeTakeFirstOrThrow();
      await db().updateTable('lots').set({ created_event_id: (await db().selectFrom('events').select('id').where('seq', '=', 1).executeTakeFirstOrThrow()).id }).execute();
      await db().deleteFrom('events').where('id', '=', ev.id).execute();
      const report = await verifyLedger(t.app);
      expect(report.chain.firstBreak).toMatchObject({ seq: 4, problem: 'sequence_gap' });
      expect(report.balances.mismatchCount).toBe(2);
    });

    it('catches an edited, a deleted and an inserted lot-flow total', async () => {
      const j1 = await db().selectFrom('lots').select('id').where('code', '=', 'J1').executeTakeFirstOrThrow();
      await db().updateTable('lot_flows').set({ quantity: sql`quantity + 1` }).where('lot_id', '=', j1.id).where('movement', '=', 'shipment').execute();
      const edited = await verifyLedger(t.app);
      expect(edited.ok).toBe(false);
      expect(edited.chain.ok).toBe(true);
      expect(edited.balances.ok).toBe(true);
      expect(edited.lotFlows).toMatchObject({ ok: false, mismatchCount: 1, mismatches: [{ sku: 'JAM', lot: 'J1', movement: 'shipment', ledger: -30, projection: -29.999999 }] });
      await db().updateTable('lot_flows').set({ quantity: sql`quantity - 1` }).where('lot_id', '=', j1.id).where('movement', '=', 'shipment').execute();
      expect((await verifyLedger(t.app)).ok).toBe(true);

      await db().deleteFrom('lot_flows').where('lot_id', '=', j1.id).where('movement', '=', 'receipt').execute();
      expect((await verifyLedger(t.app)).lotFlows).toMatchObject({ ok: false, mismatchCount: 1, mismatches: [{ lot: 'J1', movement: 'receipt', ledger: 100, projection: 0 }] });
      await db().insertInto('lot_flows').values({ lot_id: j1.id, movement: 'receipt', quantity: 100_000_000 }).execute();
      expect((await verifyLedger(t.app)).ok).toBe(true);

      await db().insertInto('lot_flows').values({ lot_id: j1.id, movement: 'write_off', quantity: -5_000_000 }).execute();
      expect((await verifyLedger(t.app)).lotFlows).toMatchObject({ ok: false, mismatchCount: 1, mismatches: [{ lot: 'J1', movement: 'write_off', ledger: 0, projection: -5 }] });
    });

    it('catches an edited, a deleted and an inserted audit entry', async () => {
      const entries = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
      expect(entries.map((e) => `${e.entity}:${e.action}`)).toEqual(['location:create', 'item:create', 'party:create', 'party:create', 'lot:hold', 'lot:release']);

      await db().updateTable('audit_log').set({ actor: 'user:nobody' }).where('seq', '=', 5).execute();
      expect((await verifyLedger(t.app)).audit).toMatchObject({ ok: false, entriesChecked: 4, firstBreak: { seq: 5, problem: 'hash_mismatch' } });
      await db().updateTable('audit_log').set({ actor: entries[4]!.actor }).where('seq', '=', 5).execute();
      expect((await verifyLedger(t.app)).ok).toBe(true);

      await db().deleteFrom('audit_log').where('seq', '=', 3).execute();
      const deleted = await verifyLedger(t.app);
      expect(deleted.ok).toBe(false);
      expect(deleted.audit.firstBreak).toMatchObject({ seq: 4, problem: 'sequence_gap' });
      expect(deleted.chain.ok).toBe(true);
      await db().insertInto('audit_log').values({ ...entries[2]!, seq: Number(entries[2]!.seq) }).execute();
      expect((await verifyLedger(t.app)).ok).toBe(true);

      // A forged entry appended with a self-consistent hash but not linked to the real head.
      const forged = { seq: 7, at: '2026-06-15T11:00:00.000Z', actor: 'user:alice', client_address: null, entity: 'lot', entity_id: 'JAM/J1', action: 'release', before: null, after: null, prev_hash: '0'.repeat(64) };
      await db().insertInto('audit_log').values({ ...forged, hash: auditHash(forged) }).execute();
      expect((await verifyLedger(t.app)).audit.firstBreak).toMatchObject({ seq: 7, problem: 'prev_hash_mismatch' });
    });
  });
}
