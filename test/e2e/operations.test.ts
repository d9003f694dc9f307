import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TODAY } from './demo-clock.js';
import { screenshot, startE2e, type E2e } from './harness.js';

interface Item {
  sku: string;
  name: string;
  uom: string;
  gtin: string | null;
}
interface Party {
  code: string;
  name: string;
  minShelfLifeDays: number | null;
  minShelfLifePercent: number | null;
}
interface StockRow {
  sku: string;
  lot: string;
  location: string;
  quantity: number;
  free: number;
  expiryDate: string | null;
  status: string;
}

/** GET of the API with the page's session; fails the test on anything but 200. */
async function get<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(`/api/v1${path}`);
  expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

const stockAt = async (request: APIRequestContext, sku: string, location: string) =>
  (await get<{ items: StockRow[] }>(request, `/stock?sku=${encodeURIComponent(sku)}&location=${encodeURIComponent(location)}&limit=1000`)).items;

const daysLeft = (expiry: string) => Math.round((Date.parse(`${expiry}T00:00:00Z`) - Date.parse(`${DEMO_TODAY}T00:00:00Z`)) / 86_400_000);

/** Chooses `option` (matched by text) in a Mantine searchable select, typing `search` first. */
async function choose(page: Page, name: string, option: RegExp, search?: string): Promise<void> {
  const box = page.getByRole('combobox', { name, exact: true });
  await box.click();
  if (search !== undefined) await box.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

describe('receive, ship and produce', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('receives a lot from a typed GS1 string: item, lot and expiry come from the scan, and a double click records it once', async () => {
    const { context, page } = await e2e.signedIn('warehouse');
    // Sugar arrives in cases carrying its supplier's GTIN.
    const raw = (await get<{ items: Item[] }>(page.request, '/items?limit=1000')).items.find((i) => i.sku === 'RM-SUGAR')!;
    expect(raw.gtin).toMatch(/^\d{13,14}$/);
    const supplier = (await get<{ items: Party[] }>(page.request, '/parties?role=supplier&limit=1')).items[0]!;
    const location = (await get<{ items: { code: string }[] }>(page.request, '/locations?limit=1')).items[0]!.code;

    await page.goto('/receive');
    const scan = page.getByLabel('Scan', { exact: true });
    // A scanner types into whatever has the focus: the scan field has it when the page opens.
    await expect.poll(() => scan.evaluate((el) => el.matches(':focus'))).toBe(true);
    await choose(page, 'Supplier', new RegExp(supplier.code), supplier.name);
    await choose(page, 'Location', new RegExp(`^${location} `));

    await scan.click();
    await page.keyboard.type(`(01)${raw.gtin}(10)E2E-LOT-1(17)270524`);
    await page.keyboard.press('Enter');
    const quantity = page.getByLabel('Quantity, line 1', { exact: true });
    await expect.poll(() => page.getByLabel('Lot, line 1', { exact: true }).inputValue()).toBe('E2E-LOT-1');
    expect(await page.getByRole('combobox', { name: 'Item, line 1' }).inputValue()).toContain(raw.sku);
    expect(await page.getByLabel('Expiry date, line 1', { exact: true }).inputValue()).toBe('2027-05-24');
    // The scan hands over to the quantity, the one thing a label does not say.
    await expect.poll(() => quantity.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.type('125.5');
    await page.getByLabel('Document number 1').fill('PO-E2E-1');
    await screenshot(page, 'receive');

    await page.getByRole('button', { name: 'Record receipt' }).dblclick();
    const recorded = page.getByRole('status', { name: 'Receipt recorded' });
    await recorded.waitFor();
    expect(await recorded.textContent()).toContain('E2E-LOT-1');
    // The form is ready for the next delivery.
    await expect.poll(() => page.getByLabel('Lot, line 1', { exact: true }).inputValue()).toBe('');

    const lot = await get<{ expiryDate: string; supplier: string; totals: { received: number }; onHand: { location: string; quantity: number }[] }>(
      page.request,
      `/lots/${encodeURIComponent(raw.sku)}/E2E-LOT-1`,
    );
    expect(lot).toMatchObject({ expiryDate: '2027-05-24', supplier: supplier.code, totals: { received: 125.5 }, onHand: [{ location, quantity: 125.5 }] });
    const receipts = await get<{ items: { documents: { type: string; number: string }[] }[] }>(page.request, `/events?type=receipt&sku=${encodeURIComponent(raw.sku)}&lot=E2E-LOT-1`);
    expect(receipts.items).toHaveLength(1);
    expect(receipts.items[0]!.documents).toEqual([{ type: 'PO', number: 'PO-E2E-1' }]);
    await context.close();
  });

  it('shows an invalid scan with the parser message naming the AI and position, under the scan field', async () => {
    const { context, page } = await e2e.signedIn('warehouse');
    await page.goto('/receive');
    const scan = page.getByLabel('Scan', { exact: true });
    await scan.fill('(01)09521234001011(10)X');
    await scan.press('Enter');
    await expect.poll(() => scan.getAttribute('aria-invalid')).toBe('true');
    const message = await page.locator(`#${await scan.getAttribute('id')}-error`).textContent();
    expect(message).toMatch(/AI \(01\) at position \d+: invalid check digit/);
    expect(await page.getByLabel('Lot, line 1', { exact: true }).inputValue()).toBe('');
    await context.close();
  });

  describe('shipping with a FEFO proposal', () => {
    /**
     * A finished item at a location where FEFO has something to pass over before the lots it
     * takes, found from the API, with what the proposal must then say: preferably a held,
     * recalled or expired lot, else lots too short-dated for the customer.
     */
    async function fefoCase(request: APIRequestContext) {
      const items = (await get<{ items: Item[] }>(request, '/items?limit=1000')).items.filter((i) => i.sku.startsWith('JAM-'));
      const locations = (await get<{ items: { code: string }[] }>(request, '/locations?limit=1000')).items;
      const customer = (await get<{ items: Party[] }>(request, '/parties?role=customer&limit=100')).items.find((c) => (c.minShelfLifeDays ?? 0) >= 30 && !c.minShelfLifePercent)!;
      const min = customer.minShelfLifeDays!;
      const cases = [];
      for (const item of items) {
        for (const { code: location } of locations) {
          const rows = (await stockAt(request, item.sku, location)).filter((r) => r.expiryDate !== null).sort((a, b) => (a.expiryDate! < b.expiryDate! ? -1 : 1));
          const eligible = rows.filter((r) => r.status === 'available' && r.free > 0 && daysLeft(r.expiryDate!) >= min);
          if (eligible.length < 2) continue;
          // Just more than the first eligible lot holds: FEFO must split over the first two.
          const quantity = eligible[0]!.free + 1;
          const passedOver = rows.filter((r) => r.free > 0 && r.expiryDate! < eligible[1]!.expiryDate! && !eligible.includes(r));
          if (passedOver.length === 0) continue;
          cases.push({ item, location, customer, quantity, picks: [eligible[0]!, eligible[1]!], passedOver, total: rows.reduce((sum, r) => sum + r.free, 0) });
        }
      }
      const found = cases.find((c) => c.passedOver.some((r) => r.status !== 'available')) ?? cases[0];
      if (!found) throw new Error('the demo has no finished item with a lot FEFO must pass over');
      return found;
    }

    async function fillShipment(page: Page, c: Awaited<ReturnType<typeof fefoCase>>, quantity: number) {
      await page.goto('/ship');
      await choose(page, 'Customer', new RegExp(c.customer.code), c.customer.name);
      await choose(page, 'Location', new RegExp(`^${c.location} `));
      await choose(page, 'Item, line 1', new RegExp(`^${c.item.sku} `));
      await page.getByLabel('Quantity, line 1', { exact: true }).fill(String(quantity));
    }

    it('proposes the lots soonest to expire, names every lot passed over and why, and ships exactly that', async () => {
      const { context, page } = await e2e.signedIn('warehouse');
      const c = await fefoCase(page.request);
      await fillShipment(page, c, c.quantity);
      // The customer's terms show as soon as it is chosen.
      expect(await page.getByText(`${c.customer.name} accepts lots with at least ${c.customer.minShelfLifeDays} days`).count()).toBe(1);
      await page.getByLabel('Quantity, line 1', { exact: true }).press('Enter');

      const taken = page.getByRole('table', { name: 'Lots taken for line 1' });
      await taken.waitFor();
      const takenRows = await taken.locator('tbody tr').allInnerTexts();
      const [first, second] = c.picks;
      expect(takenRows).toHaveLength(2);
      expect(takenRows[0]).toContain(first!.lot);
      expect(takenRows[0]).toContain(first!.expiryDate!);
      expect(takenRows[0]).toContain(`${daysLeft(first!.expiryDate!)} days`);
      expect(takenRows[1]).toContain(second!.lot);
      expect(takenRows[1]).toContain(second!.expiryDate!);
      expect(takenRows[1]).toMatch(/\b1 ea$/);

      const skipped = await page.getByRole('table', { name: 'Lots passed over for line 1' }).locator('tbody tr').allInnerTexts();
      for (const lot of c.passedOver) {
        const row = skipped.find((r) => r.includes(lot.lot));
        expect(row, `${lot.lot} (${lot.status}, expires ${lot.expiryDate}) is named`).toBeDefined();
        if (lot.status === 'hold') expect(row).toContain('on hold');
        else if (lot.status === 'recalled') expect(row).toContain('recalled');
        else if (daysLeft(lot.expiryDate!) < 0) expect(row).toContain('expired on');
        else expect(row).toContain(`${daysLeft(lot.expiryDate!)} days left, customer requires ${c.customer.minShelfLifeDays}`);
      }
      await page.getByRole('region', { name: 'Proposed lots' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await screenshot(page, 'ship-fefo');

      const shipmentsBefore = (await get<{ items: unknown[] }>(page.request, `/events?type=shipment&party=${c.customer.code}&limit=1000`)).items.length;
      await page.getByRole('button', { name: 'Ship', exact: true }).click();
      const recorded = page.getByRole('status', { name: 'Shipment recorded' });
      await recorded.waitFor();
      expect(await recorded.textContent()).toContain(first!.lot);

      const after = await stockAt(page.request, c.item.sku, c.location);
      const quantityOf = (lot: string) => after.find((r) => r.lot === lot)?.quantity ?? 0;
      expect(quantityOf(first!.lot)).toBe(first!.quantity - first!.free);
      expect(quantityOf(second!.lot)).toBe(second!.quantity - 1);
      for (const lot of c.passedOver) expect(quantityOf(lot.lot)).toBe(lot.quantity);
      expect((await get<{ items: unknown[] }>(page.request, `/events?type=shipment&party=${c.customer.code}&limit=1000`)).items).toHaveLength(shipmentsBefore + 1);
      await context.close();
    });

    it('shows the 409 of a quantity beyond the stock under the quantity and records nothing', async () => {
      const { context, page } = await e2e.signedIn('warehouse');
      const c = await fefoCase(page.request);
      const before = await stockAt(page.request, c.item.sku, c.location);
      const shipmentsBefore = (await get<{ items: unknown[] }>(page.request, `/events?type=shipment&party=${c.customer.code}&limit=1000`)).items.length;
      const tooMuch = Math.ceil(c.total) + 1000;
      await fillShipment(page, c, tooMuch);
      await page.getByRole('button', { name: 'Propose lots' }).click();

      const alert = page.getByRole('alert').filter({ hasText: 'These lines cannot ship' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`not enough eligible stock at ${c.location}`);
      const quantity = page.getByLabel('Quantity, line 1', { exact: true });
      expect(await page.locator(`#${await quantity.getAttribute('id')}-error`).textContent()).toMatch(new RegExp(`^only [\\d.]+ of ${tooMuch} ${c.item.sku} eligible`));
      // No proposal, so nothing can be shipped from here.
      expect(await page.getByRole('button', { name: 'Ship', exact: true }).count()).toBe(0);
      expect(await stockAt(page.request, c.item.sku, c.location)).toEqual(before);
      expect((await get<{ items: unknown[] }>(page.request, `/events?type=shipment&party=${c.customer.code}&limit=1000`)).items).toHaveLength(shipmentsBefore);
      await context.close();
    });
  });

  it('records a batch: a scanned input lot with its free stock, an output with a suggested lot code, linked for the trace', async () => {
    const { context, page } = await e2e.signedIn('warehouse');
    const location = 'WH1';
    const input = (await stockAt(page.request, 'RM-SUGAR', location)).find((r) => r.status === 'available' && r.free >= 10)!;

    await page.goto('/produce');
    await choose(page, 'Location', new RegExp(`^${location} `));
    await page.getByLabel('Scan an input', { exact: true }).fill(input.lot);
    await page.getByLabel('Scan an input', { exact: true }).press('Enter');
    // A plain lot code finds its item; the free stock of that lot shows under the quantity.
    await expect.poll(() => page.getByRole('combobox', { name: 'Item, input 1' }).inputValue()).toContain('RM-SUGAR');
    await page.getByText(`${new Intl.NumberFormat('en', { maximumFractionDigits: 6 }).format(input.free)} kg free at ${location}`).waitFor();
    await page.keyboard.type('10');

    await choose(page, 'Item, output 1', /^JAM-370 /);
    const outputLot = page.getByLabel('Lot, output 1', { exact: true });
    await expect.poll(() => outputLot.inputValue()).toMatch(/^L\d{6}[A-Z]$/);
    const lotCode = await outputLot.inputValue();
    await page.getByLabel('Quantity, output 1', { exact: true }).fill('40');
    await page.getByLabel('Quantity, output 1', { exact: true }).press('Enter');
    await page.getByRole('status', { name: 'Production recorded' }).waitFor();
    await screenshot(page, 'produce');

    const made = await get<{ origin: string; totals: { produced: number } }>(page.request, `/lots/JAM-370/${encodeURIComponent(lotCode)}`);
    expect(made).toMatchObject({ origin: 'production', totals: { produced: 40 } });
    const after = (await stockAt(page.request, 'RM-SUGAR', location)).find((r) => r.lot === input.lot);
    expect(after?.quantity ?? 0).toBeCloseTo(input.quantity - 10, 6);
    const trace = await get<{ links: { from: { sku: string; lot: string }; to: { sku: string; lot: string }; quantity: number }[] }>(
      page.request,
      `/trace/JAM-370/${encodeURIComponent(lotCode)}?direction=backward`,
    );
    expect(trace.links).toContainEqual(expect.objectContaining({ from: { sku: 'RM-SUGAR', lot: input.lot }, to: { sku: 'JAM-370', lot: lotCode } }));
    await context.close();
  });

  it('explains to a QA user that recording goods movements is warehouse work', async () => {
    const { context, page } = await e2e.signedIn('qa');
    await page.goto('/ship');
    await page.getByText('Only the warehouse can ship goods').waitFor();
    expect(await page.getByRole('button', { name: 'Propose lots' }).count()).toBe(0);
    await context.close();
  });
});
