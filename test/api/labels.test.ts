import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { created, expectError, ITEMS, JAM, ok, receive, seedWorld, STRAW } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

const GS = '\u001d';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JAM_GTIN = `0${ITEMS.jam.gtin}`;
const SALT = { sku: 'SALT', name: 'Sea salt, crème de sel', gtin: '09506000134352' };

/** The ZPL ^FD data of the barcode field, decoded back to the element string it encodes. */
function zplSymbolData(zpl: string): string {
  const code128 = /\^BC[^\^]*\^FD>;>8(.*?)\^FS/.exec(zpl);
  if (code128) return code128[1]!.replace(/>(.)/g, (_, c: string) => (c === '8' ? GS : c === '<' ? '>' : `>${c}`));
  const datamatrix = /\^BX[^\^]*\^FD_1(.*?)\^FS/.exec(zpl);
  if (datamatrix) return datamatrix[1]!.replace(/_(.)/g, (_, c: string) => (c === '1' ? GS : c));
  throw new Error(`no GS1 barcode field in ${zpl}`);
}

for (const dialect of DIALECTS) {
  describe(`lot labels (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
      await seedWorld(t.api);
      await receive(t.api, [{ sku: JAM, lot: 'L1', quantity: 10, expiryDate: '2027-06-01' }]);
    });
    afterEach(async () => t.close());

    const label = async (sku: string, lotCode: string, query = '') => {
      const res = await t.server.inject({ method: 'GET', url: `/api/v1/labels/${encodeURIComponent(sku)}/${encodeURIComponent(lotCode)}${query}` });
      return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
    };

    it('prints a GS1-128 PNG by default: a real image of label size', async () => {
      const res = await label(JAM, 'L1');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toBe('inline; filename="label-JAM-500-L1.png"');
      expect(res.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(res.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
      const [width, height] = [res.bytes.readUInt32BE(16), res.bytes.readUInt32BE(20)];
      // Wider than tall, big enough for the bars and four lines of text.
      expect(width).toBeGreaterThan(500);
      expect(height).toBeGreaterThan(250);
      expect(width).toBeGreaterThan(height);
    });

    it('prints a GS1 DataMatrix PNG', async () => {
      const res = await label(JAM, 'L1', '?format=png&symbology=datamatrix');
      expect(res.status).toBe(200);
      expect(res.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(res.bytes.readUInt32BE(16)).toBeGreaterThan(200);
      expect(res.bytes.readUInt32BE(20)).toBeGreaterThan(200);
    });

    it.each(['gs1-128', 'datamatrix'])('prints an SVG (%s) with the text people read', async (symbology) => {
      const res = await label(JAM, 'L1', `?format=svg&symbology=${symbology}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
      expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(res.text.trimEnd()).toMatch(/<\/svg>$/);
      for (const text of [ITEMS.jam.name, 'SKU: JAM-500', 'Lot: L1', 'Expiry: 2027-06-01', `(01)${JAM_GTIN}(17)270601(10)L1`]) expect(res.text).toContain(`>${text}<`);
      // The symbol itself: bars or modules as paths in a nested SVG.
      expect(res.text).toMatch(/<svg x="\d+(\.\d+)?" y="\d+" width="\d+" height="\d+" viewBox="0 0 \d+ \d+">\n<path /);
    });

    it('prints ZPL for a GS1-128 label: FNC1 as >8, text fields, start and end', async () => {
      const res = await label(JAM, 'L1', '?format=zpl');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="label-JAM-500-L1.zpl"');
      expect(res.text.startsWith('^XA\n')).toBe(true);
      expect(res.text.trimEnd().endsWith('^XZ')).toBe(true);
      expect(res.text).toContain(`^BCN,120,N,N,N,A^FD>;>801${JAM_GTIN}1727060110L1^FS`);
      for (const text of ['^FH^FDStrawberry jam 500 g^FS', '^FH^FDLot: L1^FS', '^FH^FDExpiry: 2027-06-01^FS', `^FH^FD(01)${JAM_GTIN}(17)270601(10)L1^FS`]) expect(res.text).toContain(text);
    });

    it.each(['gs1-128', 'datamatrix'])('encodes in ZPL (%s) exactly the data the parser reads back', async (symbology) => {
      const res = await label(JAM, 'L1', `?format=zpl&symbology=${symbology}`);
      expect(res.text).toContain(symbology === 'gs1-128' ? '^BC' : '^BX');
      const parsed = await ok(t.api.post('/gs1/parse', { data: zplSymbolData(res.text) }));
      expect(parsed).toMatchObject({ gtin: JAM_GTIN, lot: 'L1', expiryDate: '2027-06-01', item: { sku: JAM } });
    });

    it('leaves out (17) for a lot without expiry, and escapes what ZPL and bwip-js treat specially', async () => {
      await created(t.api.post('/items', SALT));
      // "(", ">" and "_" are valid GS1 data but mean something to bwip-js, ^BC and ^BX.
      await receive(t.api, [{ sku: 'SALT', lot: 'A(1)>_', quantity: 5 }]);
      const zpl = (await label('SALT', 'A(1)>_', '?format=zpl')).text;
      expect(zpl).not.toContain('(17)');
      expect(zpl).not.toContain('Expiry');
      expect(zpl).toContain('^FD>;>80109506000134352' + '10A(1)><_^FS');
      // Non-ASCII and "_" in text fields are hex-escaped for ^FH.
      expect(zpl).toContain('^FH^FDSea salt, cr_C3_A8me de sel^FS');
      expect(zpl).toContain('^FH^FDLot: A(1)>_5F^FS');
      for (const symbology of ['gs1-128', 'datamatrix']) {
        const data = zplSymbolData((await label('SALT', 'A(1)>_', `?format=zpl&symbology=${symbology}`)).text);
        expect(await ok(t.api.post('/gs1/parse', { data }))).toMatchObject({ gtin: SALT.gtin, lot: 'A(1)>_', item: { sku: 'SALT' } });
        expect((await label('SALT', 'A(1)>_', `?symbology=${symbology}`)).status).toBe(200);
      }
      expect((await label('SALT', 'A(1)>_', '?format=svg')).text).toContain('>Lot: A(1)&#62;_<');
    });

    it('answers 404 for an unknown lot or item', async () => {
      const missing = await t.api.get('/labels/JAM-500/NOPE');
      expectError(missing, 404, 'not_found');
      expectError(await t.api.get('/labels/NOPE/L1'), 404, 'not_found');
    });

    it('answers 409 when the item has no GTIN or the lot code cannot be GS1 data', async () => {
      await receive(t.api, [
        { sku: STRAW, lot: 'S1', quantity: 1, productionDate: '2026-06-14' },
        { sku: JAM, lot: 'LOT 1', quantity: 1, expiryDate: '2027-06-01' },
        { sku: JAM, lot: 'L-ABCDEFGHIJKLMNOPQRSTUV', quantity: 1, expiryDate: '2027-06-01' },
      ]);
      expect(expectError(await t.api.get(`/labels/${STRAW}/S1`), 409, 'conflict', 'sku').message).toMatch(/has no GTIN/);
      expect(expectError(await t.api.get('/labels/JAM-500/LOT%201?format=zpl'), 409, 'conflict', 'lot').message).toBe(
        'lot: cannot be encoded in a GS1 barcode: AI (10): " " is not in the GS1 character set 82',
      );
      expect(expectError(await t.api.get('/labels/JAM-500/L-ABCDEFGHIJKLMNOPQRSTUV'), 409, 'conflict', 'lot').message).toMatch(/too long/);
    });

    it('refuses an unknown format or symbology with 400', async () => {
      expectError(await t.api.get('/labels/JAM-500/L1?format=pdf'), 400, 'invalid_request', 'format');
      expectError(await t.api.get('/labels/JAM-500/L1?symbology=qr'), 400, 'invalid_request', 'symbology');
    });
  });
}
