import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, expectStatus, ITEMS, JAM, ledgerSnapshot, linesOf, lot, ok, receive, seedWorld, WH1 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

const GS = '\u001d';
/** JAM-500's GTIN-13 as GS1 data carries it: 14 digits. */
const JAM_GTIN = `0${ITEMS.jam.gtin}`;
/** A GTIN no seeded item has (the GS1 General Specifications' example). */
const OTHER_GTIN = '09506000134352';

/** What a GS1 DataMatrix scanner sends for a jar of jam: GTIN, expiry, lot. */
const jamScan = (lotCode: string, expiry = '270601') => `]d201${JAM_GTIN}17${expiry}10${lotCode}`;

for (const dialect of DIALECTS) {
  describe(`GS1 parsing (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
    });
    afterEach(async () => t.close());

    const parse = (data: unknown) => t.api.post('/gs1/parse', { data });

    it('reads a scanned element string and finds the item by its GTIN', async () => {
      const body = await ok(parse(`${jamScan('L1')}${GS}21S-0001`));
      expect(body).toEqual({
        form: 'element-string',
        symbologyId: ']d2',
        ais: [
          { ai: '01', title: 'GTIN', raw: JAM_GTIN, value: JAM_GTIN },
          { ai: '17', title: 'USE BY or EXPIRY', raw: '270601', value: '2027-06-01' },
          { ai: '10', title: 'BATCH/LOT', raw: 'L1', value: 'L1' },
          { ai: '21', title: 'SERIAL', raw: 'S-0001', value: 'S-0001' },
        ],
        gtin: JAM_GTIN,
        lot: 'L1',
        serial: 'S-0001',
        expiryDate: '2027-06-01',
        item: { sku: JAM, name: ITEMS.jam.name, uom: 'ea' },
      });
    });

    it('reads a Digital Link with qualifiers and attributes; no item for an unknown GTIN', async () => {
      const body = await ok(parse(`https://id.example.com/01/${OTHER_GTIN}/10/ABC/21/123?17=261231&3103=001250&15=261100&11=260601`));
      expect(body).toMatchObject({
        form: 'digital-link',
        gtin: OTHER_GTIN,
        lot: 'ABC',
        serial: '123',
        expiryDate: '2026-12-31',
        bestBeforeDate: '2026-11-30',
        productionDate: '2026-06-01',
        netWeightKg: 1.25,
      });
      expect(body.ais.find((a: { ai: string }) => a.ai === '3103')).toEqual({ ai: '3103', title: 'NET WEIGHT (kg)', raw: '001250', value: 1.25 });
      expect(body).not.toHaveProperty('item');
    });

    it('reads the bracketed form of a pallet label: the contents’ GTIN (02) finds the item', async () => {
      const body = await ok(parse(`(00)095201234567891235(02)${JAM_GTIN}(37)48(10)L7`));
      expect(body).toMatchObject({ form: 'bracketed', gtin: JAM_GTIN, lot: 'L7', item: { sku: JAM } });
      expect(body.ais.map((a: { value: unknown }) => a.value)).toEqual(['095201234567891235', JAM_GTIN, 48, 'L7']);
    });

    it.each([
      ['an invalid date', '010950600013435217261332', 'AI (17) at position 19: invalid date 261332'],
      ['a wrong check digit', '(01)09506000134353', 'AI (01) at position 18: invalid check digit in 09506000134353: expected 2'],
      ['an unknown AI', `]C1${JAM_GTIN.replace(/^/, '01')}899`, 'AI (89) at position 20: unknown AI'],
      ['an over-long field', `(01)${JAM_GTIN}(10)ABCDEFGHIJKLMNOPQRSTU`, 'AI (10) at position 43: "ABCDEFGHIJKLMNOPQRSTU" is too long: expected 1 to 20 characters'],
      ['a bad character', `(01)${JAM_GTIN}(10)A B`, 'AI (10) at position 24: " " is not in the GS1 character set 82'],
      ['a missing mandatory AI', '(10)ABC', 'AI (10) at position 1: requires (01), (02), (03), (8006) or (8026) in the same data'],
      ['an exclusive pair', `(01)${JAM_GTIN}(3103)001250(3102)000125`, 'AI (3103) at position 19: may not be used together with (3102)'],
      ['a Digital Link qualifier in the query', `https://id.gs1.org/01/${JAM_GTIN}?10=L1`, 'AI (10) at position 38: is a key qualifier of (01); put it in the path'],
      ['text that is no GS1 data', 'JAM-500 L1', 'position 1: not GS1 data: expected an element string, bracketed AIs such as (01)… or a GS1 Digital Link URI'],
    ])('refuses %s with 400 naming the AI and position', async (_case, data, message) => {
      const error = expectError(await parse(data), 400, 'invalid_request', 'data');
      expect(error.details).toEqual([{ path: 'data', message }]);
      expect(error.message).toBe(`data: ${message}`);
    });

    it('refuses a body without data, empty data or unknown fields', async () => {
      expectError(await t.api.post('/gs1/parse', {}), 400, 'invalid_request', 'data');
      expectError(await parse(''), 400, 'invalid_request', 'data');
      expectError(await parse(42), 400, 'invalid_request', 'data');
      expectError(await t.api.post('/gs1/parse', { data: jamScan('L1'), extra: 1 }), 400, 'invalid_request');
    });

    it('publishes both endpoints in the OpenAPI document', async () => {
      const doc = expectStatus(await t.api.get('/api/openapi.json'), 200);
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/gs1/parse', '/api/v1/labels/{sku}/{lot}']));
      const receiptLine = doc.paths['/api/v1/receipts'].post.requestBody.content['application/json'].schema.properties.lines.items;
      expect(JSON.stringify(receiptLine)).toContain('"scan"');
    });
  });

  describe(`ledger lines given as scans (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
    });
    afterEach(async () => t.close());

    const receiveScans = (lines: object[]) => t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines });

    it('receives by scan: item by GTIN, lot from (10), expiry from (17)', async () => {
      const event = await created(receiveScans([{ scan: jamScan('S1'), quantity: 24, supplierLot: 'F-9' }]));
      expect(linesOf(event)).toEqual([[JAM, 'S1', WH1, 24]]);
      expect(await lot(t.api, JAM, 'S1')).toMatchObject({
        supplier: 'FARM',
        supplierLot: 'F-9',
        expiryDate: '2027-06-01',
        // JAM-500 is sold up to 30 days before expiry.
        sellByDate: '2027-05-02',
        onHand: [{ location: WH1, quantity: 24 }],
      });
    });

    it('takes the quantity from a count (30), the production date from (11), and mixes with plain lines', async () => {
      const event = await created(receiveScans([{ scan: `(01)${JAM_GTIN}(11)260610(30)36(10)S2` }, { sku: 'SUGAR', lot: 'G1', quantity: 5 }]));
      expect(linesOf(event)).toEqual([
        [JAM, 'S2', WH1, 36],
        ['SUGAR', 'G1', WH1, 5],
      ]);
      // No (17): the expiry follows from the production date and the item's shelf life.
      expect(await lot(t.api, JAM, 'S2')).toMatchObject({ productionDate: '2026-06-10', expiryDate: '2027-06-10' });
    });

    it('takes the net weight (310n) as the quantity of an item kept in kg', async () => {
      await created(t.api.post('/items', { sku: 'BERRY', name: 'Berries, crate', uom: 'kg', gtin: OTHER_GTIN }));
      const event = await created(receiveScans([{ scan: `https://id.example.com/01/${OTHER_GTIN}/10/B1?3102=001250&17=260630` }]));
      expect(linesOf(event)).toEqual([['BERRY', 'B1', WH1, 12.5]]);
      expect(await lot(t.api, 'BERRY', 'B1')).toMatchObject({ expiryDate: '2026-06-30' });
    });

    it('accepts an expiry on the line when it agrees with the scan', async () => {
      await created(receiveScans([{ scan: jamScan('S3'), quantity: 1, expiryDate: '2027-06-01' }]));
      expect(await lot(t.api, JAM, 'S3')).toMatchObject({ expiryDate: '2027-06-01' });
    });

    it('refuses scans it cannot resolve, naming every line, and records nothing', async () => {
      const before = await ledgerSnapshot(t.api);
      const error = expectError(
        await receiveScans([
          { scan: `(01)${OTHER_GTIN}(10)X`, quantity: 1 },
          { scan: '(00)095201234567891235', quantity: 1 },
          { scan: `(01)${JAM_GTIN}(17)270601`, quantity: 1 },
          { scan: jamScan('S4') },
          { scan: jamScan('S5'), quantity: 1, expiryDate: '2027-07-01' },
          { scan: '010950600013435217261332', quantity: 1 },
        ]),
        400,
        'invalid_request',
      );
      expect(error.details).toEqual([
        { path: 'lines.0.scan', message: `no item has GTIN ${OTHER_GTIN}` },
        { path: 'lines.1.scan', message: 'carries no GTIN, (01) or (02), to find the item by' },
        { path: 'lines.2.scan', message: 'carries no batch/lot (10)' },
        { path: 'lines.3.quantity', message: `give a quantity: the scan carries no count, (30) or (37), for item "${JAM}"` },
        { path: 'lines.4.expiryDate', message: '2027-07-01 differs from 2027-06-01 in the scan\'s (17)' },
        { path: 'lines.5.scan', message: 'AI (17) at position 19: invalid date 261332' },
      ]);
      expect(await ledgerSnapshot(t.api)).toEqual(before);
    });

    it('validates the scan shape like any other: fields of the other shape and bad quantities are named', async () => {
      expectError(await receiveScans([{ scan: jamScan('S6'), sku: JAM, quantity: 1 }]), 400, 'invalid_request', 'lines.0');
      expectError(await receiveScans([{ scan: jamScan('S6'), quantity: -1 }]), 400, 'invalid_request', 'lines.0.quantity');
      expectError(await receiveScans([{ scan: '', quantity: 1 }]), 400, 'invalid_request', 'lines.0.scan');
      expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ scan: jamScan('S6'), lot: 'S6' }] }), 400, 'invalid_request', 'lines.0');
    });

    it('replays a scan receipt by its idempotency key', async () => {
      const body = { supplier: 'FARM', location: WH1, lines: [{ scan: jamScan('S7'), quantity: 3 }] };
      const first = await created(t.api.post('/receipts', body, { 'idempotency-key': 'scan-1' }));
      expect(expectStatus(await t.api.post('/receipts', body, { 'idempotency-key': 'scan-1' }), 200)).toEqual(first);
    });

    it('ships by scan: the scanned lot, or FEFO when the scan has no lot', async () => {
      await receive(t.api, [
        { sku: JAM, lot: 'LATE', quantity: 50, expiryDate: '2027-06-01' },
        { sku: JAM, lot: 'EARLY', quantity: 50, expiryDate: '2027-01-01' },
      ]);
      const shipment = await created(
        t.api.post('/shipments', {
          customer: 'SHOP',
          location: WH1,
          lines: [{ scan: jamScan('LATE'), quantity: 5 }, { scan: `(01)${JAM_GTIN}(30)8` }, { sku: JAM, quantity: 1, lot: 'LATE' }],
        }),
      );
      expect(linesOf(shipment)).toEqual([
        [JAM, 'LATE', WH1, -5],
        [JAM, 'EARLY', WH1, -8],
        [JAM, 'LATE', WH1, -1],
      ]);
      expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ scan: jamScan('NOPE'), quantity: 1 }] }), 400, 'invalid_request', 'lines.0.lot');
      expectError(await t.api.post('/shipments', { customer: 'SHOP', location: WH1, lines: [{ scan: jamScan('LATE') }] }), 400, 'invalid_request', 'lines.0.quantity');
    });
  });
}
