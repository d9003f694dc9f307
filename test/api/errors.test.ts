import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, hold, JAM, ledgerSnapshot, ok, receive, seedWorld, ship, SUGAR, WH1, WH2 } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiResponse, type ApiTestContext } from '../helpers/test-app.js';

type Probe = [method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string, body?: unknown, headers?: Record<string, string>];

const JSON_TYPE = { 'content-type': 'application/json' };
const line = { sku: JAM, lot: 'L1', quantity: 1 };

/** Requests that are wrong in every way we could think of; none may change anything or give a 5xx. */
const BAD: Probe[] = [
  ['POST', '/receipts', '{"supplier": "FARM", "lines": [', JSON_TYPE],
  ['POST', '/receipts', '', JSON_TYPE],
  ['POST', '/receipts', 'null', JSON_TYPE],
  ['POST', '/receipts', '[1, 2]', JSON_TYPE],
  ['POST', '/receipts', '"a string"', JSON_TYPE],
  ['POST', '/receipts', 'supplier=FARM', { 'content-type': 'text/plain' }],
  ['POST', '/receipts', '<receipt/>', { 'content-type': 'application/xml' }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: 'all of them' }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [{ ...line, quantity: '1' }] }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [{ ...line, quantity: 1e308 }] }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [{ ...line, quantity: 9_007_199_254 }, { ...line, quantity: 9_007_199_254 }] }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [{ ...line, sku: 'JAM\u0000' }] }],
  ['POST', '/receipts', { supplier: 'FARM\u0000', location: WH1, lines: [line] }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, documents: [{ type: 'PO', number: 'P\u00001' }], lines: [line] }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [{ ...line, lot: 'NEW', productionDate: '9999-12-31' }] }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [{ ...line, lot: 'NEW', expiryDate: '2026-02-29' }] }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, time: 'yesterday', lines: [line] }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [line], extra: true }],
  ['POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [line] }, { 'idempotency-key': 'k\u0000' }],
  ['POST', '/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, quantity: 1000 }] }],
  ['POST', '/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'L\u0000', quantity: 1 }] }],
  ['POST', '/shipments', { customer: 'SHOP', location: WH1, lines: [{ sku: JAM, lot: 'HELD', quantity: 1 }] }],
  ['POST', '/productions', { location: WH1, inputs: [{ sku: SUGAR, lot: 'G1', quantity: 1000 }], outputs: [{ sku: JAM, lot: 'J9', quantity: 1 }] }],
  ['POST', '/transfers', { from: WH1, to: WH2, lines: [{ ...line, quantity: 1000 }] }],
  ['POST', '/returns', { customer: 'SHOP', location: WH1, shipment: 'x\u0000', disposition: 'restock', lines: [line] }],
  ['POST', '/returns', { customer: 'SHOP', location: WH1, disposition: 'restock', lines: [{ ...line, quantity: 1000 }] }],
  ['POST', '/adjustments', { location: WH1, reason: 'why\u0000', lines: [line] }],
  ['POST', '/adjustments', { location: WH1, reason: 'count', lines: [{ ...line, quantity: -1000 }] }],
  ['POST', '/write-offs', { location: WH1, reason: 'lost', lines: [line] }],
  ['POST', '/items', { sku: 'NEW', name: 'n\u0000' }],
  ['POST', '/items', { sku: 'NEW', name: 'n', shelfLifeDays: 1e308 }],
  ['POST', '/items', { sku: JAM, name: 'duplicate' }],
  ['POST', '/parties', { code: 'NEW', name: 'n', roles: ['customer'], address: 'a\u0000' }],
  ['POST', '/locations', { code: 'NEW', name: 'n', gln: '1234567890123' }],
  ['POST', `/lots/${JAM}/L1/hold`, { reason: 'a\u0000b' }],
  ['POST', `/lots/${JAM}/HELD/hold`, { reason: 'again' }],
  ['POST', `/lots/${JAM}/L1/release`, {}],
  ['POST', '/lots/%00/L1/hold', { reason: 'x' }],
  ['POST', '/events/%00/reverse', {}],
  ['POST', '/events/nope/reverse', {}],
  ['GET', '/items/%00'],
  ['GET', '/parties/a%00'],
  ['GET', '/locations/a%00b'],
  ['GET', '/lots/%00/x'],
  ['GET', '/events/%00'],
  ['GET', '/stock?sku=%00'],
  ['GET', '/lots?location=%00'],
  ['GET', '/events?party=%00'],
  ['GET', `/items/${'x'.repeat(500)}`],
  ['GET', '/items/%E0%A4%A'],
  ['GET', '/events?from=99999-01-01'],
  ['GET', '/events?from=0'],
  ['GET', '/lots?expiringWithinDays=-1'],
  ['GET', '/stock?sku=a&sku=b'],
  ['GET', '/stock?colour=red'],
  ['GET', '/nope'],
  ['DELETE', `/items/${JAM}`],
  ['PUT', `/lots/${JAM}/L1`, {}],
  ['PATCH', '/events', {}],
];

function expectContractError(res: ApiResponse, label: string): void {
  expect(res.status, `${label} → ${res.status} ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${label} → ${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
  expect(res.body, label).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  expect(Object.keys(res.body.error).every((k) => ['code', 'message', 'details'].includes(k)), label).toBe(true);
  for (const d of res.body.error.details ?? []) expect(d, label).toEqual({ path: expect.any(String), message: expect.any(String) });
}

for (const dialect of DIALECTS) {
  describe(`errors (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [
        { ...line, quantity: 10, expiryDate: '2027-01-01' },
        { sku: JAM, lot: 'HELD', quantity: 10, expiryDate: '2027-01-01' },
        { sku: SUGAR, lot: 'G1', quantity: 10 },
      ]);
      await hold(t.api, JAM, 'HELD');
      await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'L1', quantity: 2 }]);
    });
    afterEach(async () => t.close());

    it('refuses every bad request with a 4xx of the contract shape and changes nothing', async () => {
      const before = await ledgerSnapshot(t.api);
      const lots = await ok(t.api.get('/lots'));
      for (const [method, path, body, headers] of BAD) {
        expectContractError(await t.api.request(method, path, body, headers), `${method} ${path} ${JSON.stringify(body)}`);
      }
      expect(await ledgerSnapshot(t.api)).toEqual(before);
      expect(await ok(t.api.get('/lots'))).toEqual(lots);
      expect((await ok(t.api.get('/items'))).items).toHaveLength(3);
      expect((await ok(t.api.get('/locations'))).items).toHaveLength(2);
    });

    it('answers malformed JSON with 400 invalid_request', async () => {
      const error = expectError(await t.api.request('POST', '/receipts', '{"supplier": ', JSON_TYPE), 400, 'invalid_request');
      expect(error.message).toMatch(/JSON/);
      expectError(await t.api.request('POST', '/receipts', '', JSON_TYPE), 400, 'invalid_request');
      expectError(await t.api.request('POST', '/receipts', '[]', JSON_TYPE), 400, 'invalid_request', 'body');
    });

    it('answers unknown routes and methods with 404 not_found', async () => {
      expect(expectError(await t.api.get('/nope'), 404, 'not_found').message).toContain('/api/v1/nope');
      expectError(await t.api.get('/api/v2/items'), 404, 'not_found');
      expectError(await t.api.request('DELETE', `/items/${JAM}`), 404, 'not_found');
      expectError(await t.api.post('/events', {}), 404, 'not_found');
    });

    it('refuses unknown query parameters and wrong query types with 400', async () => {
      expectError(await t.api.get('/stock?colour=red'), 400, 'invalid_request');
      expectError(await t.api.get('/lots?expiringWithinDays=soon'), 400, 'invalid_request', 'expiringWithinDays');
      expectError(await t.api.get('/lots?status=sold'), 400, 'invalid_request', 'status');
      expectError(await t.api.get('/events?type=sale'), 400, 'invalid_request', 'type');
      expectError(await t.api.get('/events?from=last-week'), 400, 'invalid_request', 'from');
      expectError(await t.api.get('/events?to=2026-13-01'), 400, 'invalid_request', 'to');
      expectError(await t.api.get('/events?from=99999-01-01'), 400, 'invalid_request', 'from');
    });

    it('refuses a NUL character anywhere with 400 naming where, on both engines alike', async () => {
      expectError(await t.api.get('/items/%00'), 400, 'invalid_request', 'sku');
      expectError(await t.api.get('/stock?lot=a%00'), 400, 'invalid_request', 'lot');
      expectError(await t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines: [{ ...line, lot: 'A\u0000' }] }), 400, 'invalid_request', 'lines.0.lot');
      expectError(await t.api.post('/items', { sku: 'NEW', name: 'bad\u0000name' }), 400, 'invalid_request', 'name');
      expectError(await t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines: [line] }, { 'idempotency-key': 'a\u0000' }), 400, 'invalid_request', 'Idempotency-Key');
    });

    it('refuses a production date whose derived expiry leaves the calendar, so lists keep working', async () => {
      expectError(await t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'FAR', quantity: 1, productionDate: '9999-12-31' }] }), 400, 'invalid_request', 'lines.0.productionDate');
      expectError(await t.api.get(`/lots/${JAM}/FAR`), 404, 'not_found');
      await ok(t.api.get('/stock'));
      await ok(t.api.get('/lots'));
      // Without a shelf life the date is only a date.
      await created(t.api.post('/receipts', { supplier: 'FARM', location: WH1, lines: [{ sku: SUGAR, lot: 'FAR', quantity: 1, productionDate: '9999-12-31' }] }));
      await ok(t.api.get('/stock'));
    });

    it('answers over-long or malformed path segments in the contract shape', async () => {
      const long = await t.api.get(`/items/${'x'.repeat(500)}`);
      expectContractError(long, 'long segment');
      expect(long.status).toBe(414);
      expectContractError(await t.api.get('/items/%E0%A4%A'), 'bad percent-encoding');
    });
  });
}
