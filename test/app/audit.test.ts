import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAs, SYSTEM_ACTOR } from '../../src/app/actor.js';
import { listAudit } from '../../src/app/audit.js';
import { resetItemAlertThresholds, setItemAlertThresholds } from '../../src/app/alerts.js';
import { createItem } from '../../src/app/items.js';
import { createLocation } from '../../src/app/locations.js';
import { createParty } from '../../src/app/parties.js';
import { closeRecall, createRecall, markRecallCustomer } from '../../src/app/recalls.js';
import { recordReceipt } from '../../src/app/receipts.js';
import { recordShipment } from '../../src/app/shipments.js';
import { saveItemRecipe } from '../../src/app/recipes.js';
import { verifyLedger } from '../../src/app/verify.js';
import { createWebhook, deleteWebhook } from '../../src/app/webhooks.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

const qa = { ...SYSTEM_ACTOR, label: 'user:quinn', role: 'qa' as const, clientAddress: '192.0.2.10' };

for (const dialect of DIALECTS) {
  describe(`audit trail (${dialect})`, () => {
    let t: TestContext;
    beforeEach(async () => {
      t = await openTestApp(dialect);
    });
    afterEach(() => t.close());

    const entries = async (entity?: string) => (await listAudit(t.app, { entity, limit: 1000 })).items.reverse();

    it('records master data changes with who, when, from where and before/after', async () => {
      await runAs(qa, () => createItem(t.app, { sku: 'JAM', name: 'Jam', shelfLifeDays: 365 }));
      await runAs(qa, () => setItemAlertThresholds(t.app, 'JAM', { days: [30, 7] }));
      await runAs(qa, () => resetItemAlertThresholds(t.app, 'JAM'));
      const all = await entries();
      expect(all.map((e) => [e.entity, e.action, e.actor, e.clientAddress])).toEqual([
        ['item', 'create', 'user:quinn', '192.0.2.10'],
        ['item_alert_thresholds', 'set', 'user:quinn', '192.0.2.10'],
        ['item_alert_thresholds', 'reset', 'user:quinn', '192.0.2.10'],
      ]);
      expect(all[0]).toMatchObject({ entityId: 'JAM', before: null, after: expect.objectContaining({ sku: 'JAM', shelfLifeDays: 365 }), at: '2026-06-15T10:00:00.000Z' });
      expect(all[1]).toMatchObject({ before: null, after: { days: [30, 7] } });
      expect(all[2]).toMatchObject({ before: { days: [30, 7] }, after: null });
    });

    it('records recipes and webhooks, and never a webhook secret', async () => {
      await createItem(t.app, { sku: 'SUGAR', name: 'Sugar', uom: 'kg' });
      await createItem(t.app, { sku: 'JAM', name: 'Jam' });
      await runAs(qa, () => saveItemRecipe(t.app, { sku: 'JAM', outputQuantity: 100, inputs: [{ sku: 'SUGAR', quantity: 20 }] }));
      await runAs(qa, () => saveItemRecipe(t.app, { sku: 'JAM', outputQuantity: 100, inputs: [{ sku: 'SUGAR', quantity: 25 }] }));
      const hook = await runAs(qa, () => createWebhook(t.app, { url: 'https://example.com/hook', events: ['recall.opened'], secret: 'do-not-log-me' }));
      await runAs(qa, () => deleteWebhook(t.app, hook.id));
      const recipes = await entries('recipe');
      expect(recipes.map((e) => [e.action, e.actor])).toEqual([['create', 'user:quinn'], ['replace', 'user:quinn']]);
      expect(recipes[1]).toMatchObject({ entityId: 'JAM', before: { version: 1, outputQuantity: 100 }, after: expect.objectContaining({ version: 2 }) });
      const hooks = await entries('webhook');
      expect(hooks.map((e) => [e.action, e.entityId])).toEqual([['create', hook.id], ['delete', hook.id]]);
      expect(JSON.stringify(hooks)).not.toContain('do-not-log-me');
      expect((await verifyLedger(t.app)).ok).toBe(true);
    });

    it('writes nothing when the change fails: the entry shares its transaction', async () => {
      await createItem(t.app, { sku: 'JAM', name: 'Jam' });
      await expect(createItem(t.app, { sku: 'JAM', name: 'Jam again' })).rejects.toThrow(/already exists/);
      await expect(createItem(t.app, { sku: 'OTHER', name: 'x', gtin: '4006381333931' })).resolves.toBeDefined();
      await expect(createItem(t.app, { sku: 'THIRD', name: 'y', gtin: '4006381333931' })).rejects.toThrow(/GTIN/);
      expect((await entries()).map((e) => e.entityId)).toEqual(['JAM', 'OTHER']);
    });

    it('records a recall from opening through notification and acknowledgement to closing', async () => {
      await createLocation(t.app, { code: 'WH1', name: 'Plant' });
      await createItem(t.app, { sku: 'JAM', name: 'Jam' });
      await createParty(t.app, { code: 'FARM', name: 'Farm', roles: ['supplier'] });
      await createParty(t.app, { code: 'SHOP', name: 'Shop', roles: ['customer'] });
      await recordReceipt(t.app, { supplier: 'FARM', location: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 10 }] });
      await recordShipment(t.app, { customer: 'SHOP', location: 'WH1', lines: [{ sku: 'JAM', lot: 'J1', quantity: 4 }] });
      const { recall } = await runAs(qa, () => createRecall(t.app, { lots: [{ sku: 'JAM', lot: 'J1' }], reason: 'glass' }));
      await runAs(qa, () => markRecallCustomer(t.app, recall.id, 'SHOP', 'notified'));
      await runAs(qa, () => markRecallCustomer(t.app, recall.id, 'SHOP', 'acknowledged', { note: 'destroyed' }));
      await runAs(qa, () => closeRecall(t.app, recall.id, { note: 'done' }));
      const trail = [...(await entries('recall')), ...(await entries('recall_customer'))].sort((a, b) => a.seq - b.seq);
      expect(trail.map((e) => `${e.entity}:${e.action}:${e.actor}`)).toEqual(['recall:create:user:quinn', 'recall_customer:notified:user:quinn', 'recall_customer:acknowledged:user:quinn', 'recall:close:user:quinn']);
      expect(trail[2]).toMatchObject({ entityId: `${recall.id}/SHOP`, before: { acknowledged_at: null }, after: { note: 'destroyed' } });
      const recallEvent = await t.app.store.db.selectFrom('events').select('actor').where('type', '=', 'recall').executeTakeFirstOrThrow();
      expect(recallEvent.actor).toBe('user:quinn');
      expect((await verifyLedger(t.app)).ok).toBe(true);
    });

    it('keeps the chain linear under concurrent changes', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => createItem(t.app, { sku: `SKU-${i}`, name: `Item ${i}` })));
      const report = await verifyLedger(t.app);
      expect(report.audit).toMatchObject({ ok: true, entriesChecked: 20 });
    });

    it('pages newest first and filters by actor, entity and time', async () => {
      for (let i = 0; i < 5; i++) {
        t.clock.advanceDays(1);
        await runAs(i % 2 ? qa : SYSTEM_ACTOR, () => createLocation(t.app, { code: `L${i}`, name: `Loc ${i}` }));
      }
      const first = await listAudit(t.app, { limit: 2 });
      expect(first.items.map((e) => e.entityId)).toEqual(['L4', 'L3']);
      const second = await listAudit(t.app, { limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((e) => e.entityId)).toEqual(['L2', 'L1']);
      expect((await listAudit(t.app, { actor: 'user:quinn' })).items.map((e) => e.entityId)).toEqual(['L3', 'L1']);
      expect((await listAudit(t.app, { from: '2026-06-17', to: '2026-06-19' })).items.map((e) => e.entityId)).toEqual(['L2', 'L1']);
      expect((await listAudit(t.app, { entity: 'item' })).items).toEqual([]);
    });
  });
}
