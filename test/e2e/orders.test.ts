import { readFileSync } from 'node:fs';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startE2e, type E2e } from './harness.js';

interface Reservation {
  sku: string;
  lot: string;
  location: string;
  quantity: number;
  expiryDate: string | null;
}
interface StockRow {
  sku: string;
  lot: string;
  location: string;
  quantity: number;
  expiryDate: string | null;
  status: string;
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), `GET ${url}`).toBe(200);
  return (await response.json()) as T;
}

async function postJson<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const response = await request.post(url, { data });
  expect(response.status(), `POST ${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** Picks `option` (by its accessible name) from a Mantine select after typing `search` into it. */
async function choose(page: Page, select: Locator, search: string, option: RegExp | string): Promise<void> {
  await select.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

/** The lot codes of a table's rows, top to bottom (the lot column holds links to lot pages). */
async function lotsInTable(table: Locator): Promise<string[]> {
  return table.locator('tbody tr').getByRole('link').allTextContents();
}

/** Waits until the success notifications named have closed, so a screenshot shows the page itself. */
async function settled(page: Page, titles: string[]): Promise<void> {
  for (const title of titles) await page.getByText(title, { exact: true }).waitFor({ state: 'hidden' });
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('orders: sales, purchase and production', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('creates a sales order, allocates it FEFO, shows the pick list, downloads its PDF and ships it', async () => {
    const { context, page } = await e2e.signedIn('warehouse');
    const api = page.request;
    const SHIP_BY = '2026-11-30';
    const SKU = 'JAM-370';
    const LOCATION = 'WH2';

    // A demo customer with a shelf-life policy, so that the allocation has something to respect.
    const customers = await getJson<{ items: { code: string; name: string; minShelfLifeDays: number | null }[] }>(api, '/api/v1/parties?role=customer&limit=100');
    const customer = customers.items.find((c) => (c.minShelfLifeDays ?? 0) >= 30)!;
    expect(customer).toBeDefined();
    const minDays = customer.minShelfLifeDays!;

    // What FEFO must choose: available lots at the location that keep the customer's shelf life on
    // the ship-by date, earliest expiry first. Order more than the first holds, so two lots are needed.
    const stock = await getJson<{ items: StockRow[] }>(api, `/api/v1/stock?sku=${SKU}&location=${LOCATION}&limit=1000`);
    const eligible = stock.items
      .filter((s) => s.status === 'available' && s.expiryDate !== null && s.expiryDate >= addDays(SHIP_BY, minDays))
      .sort((a, b) => a.expiryDate!.localeCompare(b.expiryDate!) || a.lot.localeCompare(b.lot));
    expect(eligible.length).toBeGreaterThanOrEqual(2);
    const quantity = eligible[0]!.quantity + 12;
    const expectedLots = [eligible[0]!.lot, eligible[1]!.lot];
    // Stock that a hold or the policy rules out and that FEFO would otherwise have taken first.
    const passedOver = stock.items.filter((s) => !eligible.includes(s) && (s.expiryDate ?? '') <= eligible[1]!.expiryDate!).map((s) => s.lot);

    await page.goto('/orders/sales');
    await page.getByRole('button', { name: 'New sales order' }).click();
    const dialog = page.getByRole('dialog', { name: 'New sales order' });
    await choose(page, dialog.getByLabel('Customer'), customer.code, new RegExp(`\\(${customer.code}\\)`));
    // The customer's policy is shown before the order is made.
    await dialog.getByText(`Minimum shelf life: at least ${minDays} days left on the ship date`).waitFor();
    await dialog.getByLabel('Ships from').click();
    await page.getByRole('option', { name: new RegExp(`^${LOCATION} ·`) }).click();
    await dialog.getByLabel('Ship by').fill(SHIP_BY);
    await choose(page, dialog.getByLabel('Item, line 1'), SKU, new RegExp(`^${SKU} ·`));
    await dialog.getByLabel('Quantity, line 1').fill(String(quantity));
    await dialog.getByLabel('Quantity, line 1').press('Enter');

    await page.waitForURL(/\/orders\/sales\/[^/]+$/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const created = await getJson<{ number: string; customer: string; shipBy: string; status: string; lines: { sku: string; quantity: number }[] }>(api, `/api/v1/sales-orders/${id}`);
    expect(created).toMatchObject({ customer: customer.code, shipBy: SHIP_BY, status: 'open', lines: [{ sku: SKU, quantity }] });
    await page.getByRole('heading', { name: `Sales order ${created.number}` }).waitFor();
    const policy = page.getByRole('region', { name: 'Customer shelf-life policy' });
    await expect(policy.textContent()).resolves.toContain(`must expire on or after ${addDays(SHIP_BY, minDays)}`);

    await page.getByRole('button', { name: 'Allocate' }).click();
    const reserved = page.getByRole('table', { name: 'Reserved lots' });
    await reserved.waitFor();

    const allocated = await getJson<{ status: string; allocations: Reservation[] }>(api, `/api/v1/sales-orders/${id}`);
    expect(allocated.status).toBe('allocated');
    expect(allocated.allocations.map((a) => a.lot)).toEqual(expectedLots);
    expect(allocated.allocations.map((a) => a.quantity)).toEqual([eligible[0]!.quantity, 12]);
    // The page lists the same lots in the same (FEFO) order as the API.
    await expect(lotsInTable(reserved)).resolves.toEqual(expectedLots);
    await page.getByText('allocated', { exact: true }).first().waitFor();
    // The demo holds a lot of this item here; the page says which lots were passed over and why.
    expect(passedOver.length).toBeGreaterThan(0);
    const skipped = page.getByRole('list', { name: 'Lots passed over' });
    await expect(skipped.getByRole('link').allTextContents()).resolves.toEqual(expect.arrayContaining(passedOver.map((lot) => `${SKU} · ${lot}`)));
    await expect(skipped.textContent()).resolves.toContain('on hold');

    // The pick list lists the same lots, in the order to pick them, and prints as a PDF.
    await page.getByRole('button', { name: 'Pick list' }).click();
    const pickDialog = page.getByRole('dialog', { name: `Pick list ${created.number}` });
    const pickList = pickDialog.getByRole('table', { name: 'Pick list lots' });
    await pickList.locator('tbody tr').first().waitFor();
    await expect(lotsInTable(pickList)).resolves.toEqual(expectedLots);
    await expect(pickList.locator('tbody tr').first().textContent()).resolves.toContain(eligible[0]!.expiryDate!);
    await settled(page, ['Sales order created', 'Allocation done']);
    await screenshot(page, 'sales-order');

    const [pdf] = await Promise.all([page.waitForEvent('download'), pickDialog.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.keyboard.press('Escape');
    await pickDialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Ship', exact: true }).click();
    const ship = page.getByRole('dialog', { name: `Ship ${created.number}` });
    await ship.getByLabel('Invoice number').fill('INV-E2E-77');
    await ship.getByRole('button', { name: 'Record shipment' }).click();
    const shipment = page.getByRole('region', { name: 'Shipment', exact: true });
    await shipment.getByRole('link').first().waitFor();

    const shipped = await getJson<{ status: string; events: string[]; lines: { shipped: number }[] }>(api, `/api/v1/sales-orders/${id}`);
    expect(shipped.status).toBe('shipped');
    expect(shipped.lines[0]!.shipped).toBe(quantity);
    expect(shipped.events).toHaveLength(1);
    const event = await getJson<{ type: string; party: string; documents: { type: string; number: string }[]; lines: { lot: string; quantity: number }[] }>(
      api,
      `/api/v1/events/${shipped.events[0]}`,
    );
    expect(event.type).toBe('shipment');
    expect(event.party).toBe(customer.code);
    expect(event.documents).toEqual(expect.arrayContaining([{ type: 'invoice', number: 'INV-E2E-77' }]));
    expect(event.lines.map((l) => l.lot)).toEqual(expectedLots);
    // The shipment on the page links to the lot pages of what left.
    await expect(shipment.getByRole('link').allTextContents()).resolves.toEqual(expectedLots);
    await expect(shipment.getByRole('link', { name: expectedLots[0] }).getAttribute('href')).resolves.toBe(`/lots/${SKU}/${encodeURIComponent(expectedLots[0]!)}`);
    await page.getByText('shipped', { exact: true }).first().waitFor();
    // Once shipped, nothing is left to allocate, ship or cancel.
    await expect(page.getByRole('button', { name: 'Allocate' }).count()).resolves.toBe(0);

    // A few more orders (one allocated, others open), so the list shows what a real day looks like.
    for (const [i, c] of customers.items.slice(1, 5).entries()) {
      const order = await postJson<{ id: string }>(api, '/api/v1/sales-orders', {
        customer: c.code,
        location: LOCATION,
        shipBy: addDays(SHIP_BY, i + 1),
        lines: [
          { sku: SKU, quantity: 24 * (i + 1) },
          { sku: 'JAM-500', quantity: 12 },
        ],
      });
      if (i === 0) await postJson(api, `/api/v1/sales-orders/${order.id}/allocate`, {});
    }
    await page.getByRole('link', { name: 'Sales orders' }).first().click();
    const list = page.getByRole('table', { name: 'Sales orders' });
    await list.getByRole('link', { name: created.number }).waitFor();
    // The list first shows what it cached, then what the server has now (the orders made through the API).
    await expect.poll(() => list.locator('tbody tr').count()).toBe(5);
    const row = list.locator('tbody tr', { has: page.getByRole('link', { name: created.number }) });
    await expect(row.textContent()).resolves.toMatch(new RegExp(`${customer.name}.*shipped`));
    await settled(page, ['Shipment recorded']);
    await screenshot(page, 'orders');

    // The status filter asks the server: only the shipped order is left.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'shipped' }).click();
    await page.waitForURL(/status=shipped/);
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    await context.close();
  });

  it('creates a purchase order and receives part of it', async () => {
    const { context, page } = await e2e.signedIn('warehouse');
    const api = page.request;
    await page.goto('/orders/purchase');
    await page.getByRole('button', { name: 'New purchase order' }).click();
    const dialog = page.getByRole('dialog', { name: 'New purchase order' });
    await dialog.getByLabel('PO number').fill('PO-E2E-1');
    await dialog.getByLabel('Deliver to').click();
    await page.getByRole('option', { name: /^WH1 ·/ }).click();
    await choose(page, dialog.getByLabel('Supplier'), 'sugar', /\(SUP-SUGAR\)/);
    await choose(page, dialog.getByLabel('Item, line 1'), 'RM-SUGAR', /^RM-SUGAR ·/);
    await dialog.getByLabel('Quantity, line 1').fill('1000');
    await dialog.getByRole('button', { name: 'Add line' }).click();
    await choose(page, dialog.getByLabel('Item, line 2'), 'RM-PECTIN', /^RM-PECTIN ·/);
    await dialog.getByLabel('Quantity, line 2').fill('50');
    await dialog.getByRole('button', { name: 'Create order' }).click();

    await page.getByRole('heading', { name: 'Purchase order PO-E2E-1' }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const form = page.getByRole('region', { name: 'Receive goods' });
    // The form starts with what is outstanding; this delivery is 400 kg of sugar and no pectin yet.
    await expect(form.getByLabel('Quantity, line 1').inputValue()).resolves.toBe('1,000');
    await form.getByLabel('Lot, line 1', { exact: true }).fill('SUG-E2E-1');
    await form.getByLabel('Quantity, line 1').fill('400');
    await form.getByLabel('Expiry date, line 1').fill('2028-11-01');
    await form.getByLabel('Supplier lot, line 1').fill('NS-4471');
    await form.getByRole('button', { name: 'Remove line 2' }).click();
    await form.getByLabel('Invoice number').fill('INV-SUG-9');
    await form.getByRole('button', { name: 'Record receipt' }).click();

    const receipts = page.getByRole('region', { name: 'Receipts', exact: true });
    await receipts.getByRole('link', { name: 'SUG-E2E-1' }).waitFor();
    await page.getByText('partially received', { exact: true }).first().waitFor();
    const order = await getJson<{ status: string; lines: { sku: string; received: number; outstanding: number }[]; events: string[] }>(api, `/api/v1/purchase-orders/${id}`);
    expect(order.status).toBe('partially_received');
    expect(order.lines).toEqual([
      { sku: 'RM-SUGAR', quantity: 1000, received: 400, outstanding: 600 },
      { sku: 'RM-PECTIN', quantity: 50, received: 0, outstanding: 50 },
    ]);
    const lot = await getJson<{ supplier: string; supplierLot: string; expiryDate: string; totals: { received: number } }>(api, '/api/v1/lots/RM-SUGAR/SUG-E2E-1');
    expect(lot).toMatchObject({ supplier: 'SUP-SUGAR', supplierLot: 'NS-4471', expiryDate: '2028-11-01', totals: { received: 400 } });
    const receipt = await getJson<{ documents: { type: string; number: string }[] }>(api, `/api/v1/events/${order.events[0]}`);
    expect(receipt.documents).toEqual(expect.arrayContaining([{ type: 'PO', number: 'PO-E2E-1' }, { type: 'invoice', number: 'INV-SUG-9' }]));
    // The next receipt starts from what is still outstanding.
    await expect(form.getByLabel('Quantity, line 1').inputValue()).resolves.toBe('600');
    await context.close();
  });

  it('plans a production order from a recipe, reserving inputs FEFO, and completes it into a new lot', async () => {
    const { context, page } = await e2e.signedIn('warehouse');
    const api = page.request;
    const items = await getJson<{ items: { sku: string }[] }>(api, '/api/v1/items?limit=1000');
    let recipe: { sku: string; outputQuantity: number; inputs: { sku: string; quantity: number }[] } | undefined;
    for (const item of items.items) {
      const response = await api.get(`/api/v1/recipes/${encodeURIComponent(item.sku)}`);
      if (response.ok()) {
        recipe = await response.json();
        break;
      }
    }
    expect(recipe, 'a demo product with a recipe').toBeDefined();
    const { sku } = recipe!;
    const QUANTITY = 100;

    await page.goto('/orders/production');
    await page.getByRole('button', { name: 'New production order' }).click();
    const dialog = page.getByRole('dialog', { name: 'New production order' });
    await choose(page, dialog.getByLabel('Item to make'), sku, new RegExp(`^${sku} ·`));
    await dialog.getByLabel('Quantity').fill(String(QUANTITY));
    await dialog.getByLabel('Made at').click();
    await page.getByRole('option', { name: /^WH1 ·/ }).click();
    // The recipe, scaled to the order, is shown before planning.
    const inputs = dialog.getByRole('table', { name: 'Recipe inputs' });
    const first = recipe!.inputs[0]!;
    const firstRow = inputs.locator('tbody tr').first();
    await expect(firstRow.textContent()).resolves.toContain(first.sku);
    await expect(firstRow.locator('td').last().textContent()).resolves.toContain(String((first.quantity * QUANTITY) / recipe!.outputQuantity));
    await dialog.getByRole('button', { name: 'Plan and reserve inputs' }).click();

    await page.getByRole('heading', { name: /^Production order PRD-/ }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const planned = await getJson<{ status: string; allocations: Reservation[] }>(api, `/api/v1/production-orders/${id}`);
    expect(planned.status).toBe('open');
    expect(new Set(planned.allocations.map((a) => a.sku))).toEqual(new Set(recipe!.inputs.map((i) => i.sku)));
    // Per input, the reserved lots run earliest expiry first.
    for (const input of recipe!.inputs) {
      const expiries = planned.allocations.filter((a) => a.sku === input.sku).map((a) => a.expiryDate ?? '9999-12-31');
      expect(expiries).toEqual([...expiries].sort());
    }
    await expect(lotsInTable(page.getByRole('table', { name: 'Reserved input lots' }))).resolves.toEqual(planned.allocations.map((a) => a.lot));

    const complete = page.getByRole('region', { name: 'Complete the batch' });
    await complete.getByLabel('Output lot').fill('L261124-E2E');
    await complete.getByRole('button', { name: 'Record batch' }).click();
    const made = page.getByRole('alert').filter({ hasText: 'Batch recorded' });
    await made.getByRole('link', { name: `${sku} · L261124-E2E` }).waitFor();

    const lot = await getJson<{ origin: string; onHand: { location: string; quantity: number }[]; totals: { produced: number } }>(api, `/api/v1/lots/${sku}/L261124-E2E`);
    expect(lot.origin).toBe('production');
    expect(lot.totals.produced).toBe(QUANTITY);
    expect(lot.onHand).toMatchObject([{ location: 'WH1', quantity: QUANTITY }]);
    const done = await getJson<{ status: string; produced: number; events: string[] }>(api, `/api/v1/production-orders/${id}`);
    expect(done).toMatchObject({ status: 'completed', produced: QUANTITY });
    // The production event is on the page, linking the new lot and the lots it consumed.
    const production = page.getByRole('region', { name: 'Production', exact: true });
    await production.getByRole('link', { name: 'L261124-E2E' }).waitFor();
    await expect(production.getByRole('link').count()).resolves.toBe(planned.allocations.length + 1);
    await context.close();
  });

  it('shows a viewer the orders read-only: no create, allocate, ship or cancel', async () => {
    const warehouse = await e2e.signedIn('warehouse');
    const order = await postJson<{ id: string; number: string }>(warehouse.page.request, '/api/v1/sales-orders', {
      customer: 'C00002',
      location: 'WH2',
      lines: [{ sku: 'JAM-500', quantity: 12 }],
    });
    await postJson(warehouse.page.request, `/api/v1/sales-orders/${order.id}/allocate`, {});
    await warehouse.context.close();

    const { context, page } = await e2e.signedIn('viewer');
    await page.goto('/orders/sales');
    await page.getByRole('table', { name: 'Sales orders' }).getByRole('link', { name: order.number }).click();
    await page.getByRole('heading', { name: `Sales order ${order.number}` }).waitFor();
    // The viewer reads everything: the lots reserved and the pick list.
    await expect(page.getByRole('table', { name: 'Reserved lots' }).locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pick list' }).click();
    await page.getByRole('dialog').getByRole('table', { name: 'Pick list lots' }).locator('tbody tr').first().waitFor();
    await page.keyboard.press('Escape');
    for (const name of ['Allocate', 'Ship', 'Cancel order']) {
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
    }
    await page.goto('/orders/sales');
    await page.getByRole('table', { name: 'Sales orders' }).waitFor();
    await expect(page.getByRole('button', { name: 'New sales order' }).count()).resolves.toBe(0);
    await page.goto('/orders/purchase');
    await page.getByRole('table', { name: 'Purchase orders' }).getByRole('link', { name: 'PO-E2E-1' }).click();
    await page.getByRole('heading', { name: 'Purchase order PO-E2E-1' }).waitFor();
    await expect(page.getByRole('region', { name: 'Receive goods' }).count()).resolves.toBe(0);
    await context.close();
  });
});
