import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

for (const dialect of DIALECTS) {
  describe(`service (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
    });
    afterEach(async () => t.close());

    it('reports health with the database kind', async () => {
      const res = await t.api.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', db: dialect });
    });

    it('publishes an OpenAPI 3 document and a docs page', async () => {
      const doc = await t.api.get('/api/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/receipts', '/api/v1/lots/{sku}/{lot}', '/api/v1/shipments']));
      const docs = await t.api.get('/api/docs/');
      expect(docs.status).toBe(200);
    });
  });
}
