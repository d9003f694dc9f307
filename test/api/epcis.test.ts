import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lgtinOf, parseEpcClass, parseGln } from '../../src/domain/epcis/identifiers.js';
import { checkEpcisDocument } from '../../src/domain/epcis/schema.js';
import { ledgerSnapshot } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

const FIXTURES = new URL('../fixtures/epcis/', import.meta.url);
const documents = (kind: 'valid' | 'invalid') =>
  readdirSync(new URL(`${kind}/`, FIXTURES))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, body: JSON.parse(readFileSync(new URL(`${kind}/${name}`, FIXTURES), 'utf8')) as unknown }));

const CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { example: 'http://ns.example.com/epcis/' }];
const SITE = 'urn:epc:id:sgln:4012345.00001.0';
const SUPPLIER = 'urn:epc:id:pgln:0614141.00777';
const CUSTOMER = 'urn:epc:id:pgln:5012345.00001';
const LOT_A = 'urn:epc:class:lgtin:4012345.012345.LOTA';
const LOT_B = 'https://id.gs1.org/01/09521141012345/10/LOTB';
const LOT_C = 'urn:epc:class:lgtin:4012345.077889.LOTC';
const SKU_A = parseEpcClass(LOT_A)!.gtin;
const SKU_B = '09521141012345';
const SKU_C = parseEpcClass(LOT_C)!.gtin;
const PARENT = 'urn:epc:id:sscc:4012345.0000000001';

const epcisDocument = (eventList: unknown[]) => ({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-06-10T10:00:00Z', epcisBody: { eventList } });

/** Receive A, commission B (Digital Link), make C from both, ship some C, ship stock we lack, aggregate. */
const story = () =>
  epcisDocument([
    {
      type: 'ObjectEvent',
      eventID: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      eventTime: '2026-06-01T08:00:00+02:00',
      eventTimeZoneOffset: '+02:00',
      action: 'ADD',
      bizStep: 'receiving',
      disposition: 'in_progress',
      bizLocation: { id: SITE },
      sourceList: [{ type: 'owning_party', source: SUPPLIER }],
      quantityList: [{ epcClass: LOT_A, quantity: 100, uom: 'KGM' }],
      ilmd: { 'cbvmda:lotNumber': 'LOTA', 'cbvmda:itemExpirationDate': '2027-01-31' },
    },
    {
      type: 'ObjectEvent',
      eventID: 'urn:uuid:00000000-0000-4000-8000-000000000002',
      eventTime: '2026-06-02T08:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'ADD',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
      readPoint: { id: SITE },
      quantityList: [{ epcClass: LOT_B, quantity: 50 }],
      ilmd: { 'cbvmda:itemExpirationDate': '2026-12-31' },
    },
    {
      type: 'TransformationEvent',
      eventID: 'urn:uuid:00000000-0000-4000-8000-000000000003',
      eventTime: '2026-06-03T08:00:00Z',
      eventTimeZoneOffset: '+00:00',
      bizLocation: { id: SITE },
      inputQuantityList: [
        { epcClass: LOT_A, quantity: 40, uom: 'KGM' },
        { epcClass: LOT_B, quantity: 10 },
      ],
      outputQuantityList: [{ epcClass: LOT_C, quantity: 30 }],
      ilmd: { 'cbvmda:itemExpirationDate': '2026-11-30' },
    },
    {
      type: 'ObjectEvent',
      eventID: 'urn:uuid:00000000-0000-4000-8000-000000000004',
      eventTime: '2026-06-04T08:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      bizLocation: { id: SITE },
      quantityList: [{ epcClass: LOT_C, quantity: 20 }],
      destinationList: [{ type: 'owning_party', destination: CUSTOMER }],
    },
    {
      type: 'ObjectEvent',
      eventID: 'urn:uuid:00000000-0000-4000-8000-000000000005',
      eventTime: '2026-06-04T09:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      bizStep: 'shipping',
      bizLocation: { id: SITE },
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.NOPE', quantity: 5 }],
      destinationList: [{ type: 'owning_party', destination: CUSTOMER }],
    },
    {
      type: 'AggregationEvent',
      eventTime: '2026-06-05T08:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'ADD',
      bizStep: 'packing',
      parentID: PARENT,
      childQuantityList: [{ epcClass: LOT_C, quantity: 10 }],
      'example:note': 'stored whole',
    },
  ]);

const eventsOf = (body: any): any[] => body.epcisBody.queryResults.resultsBody.eventList;

for (const dialect of DIALECTS) {
  describe(`EPCIS 2.0 test documents (${dialect})`, () => {
    let t: ApiTestContext;
    beforeAll(async () => {
      t = await openApiTest(dialect);
    });
    afterAll(async () => t.close());

    it('rejects every invalid document with 400 problem details naming JSON pointers, recording nothing', async () => {
      const invalid = documents('invalid');
      expect(invalid.length).toBeGreaterThanOrEqual(15);
      for (const doc of invalid) {
        const res = await t.api.post('/epcis/capture', doc.body);
        expect(res.status, doc.name).toBe(400);
        expect(String(res.headers['content-type']), doc.name).toContain('application/problem+json');
        expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
        expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400, detail: expect.any(String) });
        expect(res.body.errors.length, doc.name).toBeGreaterThan(0);
        for (const e of res.body.errors) expect(e.pointer, doc.name).toMatch(/^(\/[^/]*)*$/);
      }
      expect(eventsOf((await t.api.get('/epcis/events')).body)).toEqual([]);
      expect((await ledgerSnapshot(t.api)).events).toEqual([]);
    });

    it('accepts every valid document (as application/ld+json too), and a second capture records nothing new', async () => {
      const valid = documents('valid');
      expect(valid.length).toBeGreaterThanOrEqual(38);
      let total = 0;
      for (const [i, doc] of valid.entries()) {
        const headers: Record<string, string> = i % 2 === 0 ? { 'content-type': 'application/ld+json' } : {};
        const res = await t.api.post('/epcis/capture', i % 2 === 0 ? JSON.stringify(doc.body) : doc.body, headers);
        expect(res.status, `${doc.name}: ${JSON.stringify(res.body)}`).toBe(201);
        expect(res.headers['gs1-cbv-version']).toBe('2.0.0');
        expect(res.body.mapped + res.body.stored + res.body.skipped, doc.name).toBe(res.body.events);
        total += res.body.mapped + res.body.stored;
      }
      const stored = eventsOf((await t.api.get('/epcis/events')).body);
      expect(stored).toHaveLength(total);
      const ledger = (await ledgerSnapshot(t.api)).events.length;
      for (const doc of valid) {
        const again = await t.api.post('/epcis/capture', doc.body);
        expect(again.status).toBe(201);
        expect(again.body).toMatchObject({ mapped: 0, stored: 0, skipped: again.body.events });
      }
      expect(eventsOf((await t.api.get('/epcis/events')).body)).toHaveLength(total);
      expect((await ledgerSnapshot(t.api)).events).toHaveLength(ledger);
    });

    it('checks its own schema rules independently of the HTTP layer', () => {
      for (const doc of documents('valid')) expect(checkEpcisDocument(doc.body).violations, doc.name).toEqual([]);
      for (const doc of documents('invalid')) expect(checkEpcisDocument(doc.body).violations.length, doc.name).toBeGreaterThan(0);
    });
  });

  describe(`EPCIS 2.0 capture onto the ledger (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
    });
    afterEach(async () => t.close());

    it('maps receiving, commissioning, transformation and shipping events; stores the rest with reasons', async () => {
      const res = await t.api.post('/epcis/capture', story());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ events: 6, mapped: 4, stored: 2, skipped: 0 });
      expect(res.body.details.map((d: any) => d.mappedAs ?? d.outcome)).toEqual(['receipt', 'receipt', 'production', 'shipment', 'stored', 'stored']);
      expect(res.body.details[4].reason).toMatch(/shipment not recorded: .*NOPE/);
      expect(res.body.details[5].reason).toMatch(/AggregationEvent/);

      // Lots with lot number and expiry from the ilmd; master data created from GS1 identifiers.
      const a = await t.api.get(`/lots/${SKU_A}/LOTA`);
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ expiryDate: '2027-01-31', supplier: parseGln(SUPPLIER) });
      expect((await t.api.get(`/lots/${SKU_B}/LOTB`)).body).toMatchObject({ expiryDate: '2026-12-31', supplier: parseGln(SITE) });
      expect((await t.api.get(`/items/${SKU_A}`)).body).toMatchObject({ sku: SKU_A, gtin: SKU_A, name: `GTIN ${SKU_A}`, uom: 'KGM' });
      expect((await t.api.get(`/locations/${parseGln(SITE)}`)).body).toMatchObject({ gln: parseGln(SITE) });
      expect((await t.api.get(`/parties/${parseGln(CUSTOMER)}`)).body.roles).toContain('customer');

      // Genealogy the trace follows, and the shipment moved stock.
      const trace = await t.api.get(`/trace/${SKU_C}/LOTC?direction=backward`);
      expect(trace.status).toBe(200);
      expect(trace.body.lots.map((l: any) => `${l.sku}/${l.lot}`).sort()).toEqual([`${SKU_A}/LOTA`, `${SKU_B}/LOTB`, `${SKU_C}/LOTC`].sort());
      const forward = await t.api.get(`/trace/${SKU_A}/LOTA?direction=forward`);
      expect(JSON.stringify(forward.body)).toContain(parseGln(CUSTOMER)!);
      const c = await t.api.get(`/lots/${SKU_C}/LOTC`);
      expect(c.body).toMatchObject({ expiryDate: '2026-11-30' });
      expect((await t.api.get(`/lots/${SKU_A}/LOTA`)).body.totals).toMatchObject({ received: 100, consumed: 40, onHand: 60 });
      expect(c.body.totals).toMatchObject({ produced: 30, shipped: 20, onHand: 10 });
      // The refused shipment left nothing behind.
      expect((await t.api.get(`/lots/${SKU_A}/NOPE`)).status).toBe(404);
    });

    it('is idempotent by eventID: the same document twice records nothing new', async () => {
      await t.api.post('/epcis/capture', story());
      const before = await ledgerSnapshot(t.api);
      const again = await t.api.post('/epcis/capture', story());
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ events: 6, mapped: 0, stored: 0, skipped: 6 });
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      expect(eventsOf((await t.api.get('/epcis/events')).body)).toHaveLength(6);
    });

    it('records nothing at all when the document is invalid, even if some events are fine', async () => {
      const doc = story();
      (doc.epcisBody.eventList[3] as any).quantityList[0].quantity = 'twenty';
      const res = await t.api.post('/epcis/capture', doc);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ pointer: '/epcisBody/eventList/3/quantityList/0/quantity', message: expect.any(String) }]);
      expect((await ledgerSnapshot(t.api)).events).toEqual([]);
      expect(eventsOf((await t.api.get('/epcis/events')).body)).toEqual([]);
    });

    it('answers EPCIS queries filtered by type, time, business step, class and EPC', async () => {
      await t.api.post('/epcis/capture', story());
      const q = async (query: string) => {
        const res = await t.api.get(`/epcis/events?${query}`);
        expect(res.status, query).toBe(200);
        return res.body;
      };
      const all = await q('');
      expect(all).toMatchObject({ type: 'EPCISQueryDocument', schemaVersion: '2.0', '@context': expect.any(Array) });
      expect(eventsOf(all)).toHaveLength(6);
      expect(eventsOf(all)[5]['@context']).toEqual([{ example: 'http://ns.example.com/epcis/' }]);
      expect(eventsOf(all)[0].recordTime).toBeDefined();
      expect(eventsOf(await q('eventType=AggregationEvent'))).toHaveLength(1);
      expect(eventsOf(await q('eventType=TransformationEvent|AggregationEvent'))).toHaveLength(2);
      expect(eventsOf(await q('EQ_bizStep=shipping')).map((e: any) => e.eventID)).toEqual([
        'urn:uuid:00000000-0000-4000-8000-000000000004',
        'urn:uuid:00000000-0000-4000-8000-000000000005',
      ]);
      expect(eventsOf(await q('EQ_bizStep=urn:epcglobal:cbv:bizstep:commissioning'))).toHaveLength(1);
      expect(eventsOf(await q(`GE_eventTime=${encodeURIComponent('2026-06-02T00:00:00Z')}&LT_eventTime=${encodeURIComponent('2026-06-04T08:00:00Z')}`))).toHaveLength(2);
      expect(eventsOf(await q(`MATCH_epcClass=${encodeURIComponent(LOT_A)}`)).map((e: any) => e.type)).toEqual(['ObjectEvent', 'TransformationEvent']);
      // The same GTIN and lot written as an EPC URN matches the Digital Link it was captured as.
      expect(eventsOf(await q(`MATCH_epcClass=${encodeURIComponent(lgtinOf(SKU_B, 'LOTB'))}`))).toHaveLength(2);
      expect(eventsOf(await q(`MATCH_anyEPC=${encodeURIComponent(PARENT)}`))).toHaveLength(1);
      expect((await t.api.get('/epcis/events?GE_eventTime=yesterday')).status).toBe(400);
      expect((await t.api.get('/epcis/events?eventType=Nonsense')).status).toBe(400);
    });

    it("exports a lot's history as a valid EPCISDocument", async () => {
      await t.api.post('/epcis/capture', story());
      const res = await t.api.get(`/lots/${SKU_C}/LOTC/epcis`);
      expect(res.status).toBe(200);
      expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
      expect(checkEpcisDocument(res.body).violations).toEqual([]);
      const events = res.body.epcisBody.eventList;
      expect(events.map((e: any) => [e.type, e.bizStep ?? null])).toEqual([
        ['TransformationEvent', null],
        ['ObjectEvent', 'shipping'],
      ]);
      expect(events[0].outputQuantityList).toEqual([{ epcClass: lgtinOf(SKU_C, 'LOTC'), quantity: 30 }]);
      expect(events[0].inputQuantityList).toHaveLength(2);
      expect(events[1]).toMatchObject({ action: 'OBSERVE', quantityList: [{ epcClass: lgtinOf(SKU_C, 'LOTC'), quantity: 20 }] });
      expect(events[1].destinationList).toEqual([{ type: 'owning_party', destination: `https://id.gs1.org/417/${parseGln(CUSTOMER)}` }]);

      const a = (await t.api.get(`/lots/${SKU_A}/LOTA/epcis`)).body.epcisBody.eventList;
      expect(a[0]).toMatchObject({ type: 'ObjectEvent', action: 'ADD', bizStep: 'receiving', ilmd: { 'cbvmda:lotNumber': 'LOTA', 'cbvmda:itemExpirationDate': '2027-01-31' } });
      expect(parseEpcClass(a[0].quantityList[0].epcClass)).toEqual({ gtin: SKU_A, lot: 'LOTA' });
      expect(a[1].type).toBe('TransformationEvent');
      expect((await t.api.get(`/lots/${SKU_A}/NOPE/epcis`)).status).toBe(404);
    });
  });
}
