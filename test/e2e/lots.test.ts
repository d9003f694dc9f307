import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startE2e, type E2e } from './harness.js';

interface LotRow {
  sku: string;
  lot: string;
  status: string;
  supplier: string | null;
}

const quantity = (value: number, uom: string) => `${new Intl.NumberFormat('en', { maximumFractionDigits: 6 }).format(value)} ${uom}`;
const lotUrl = (sku: string, lot: string) => `/lots/${encodeURIComponent(sku)}/${encodeURIComponent(lot)}`;

async function getJson<T = any>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

/** Types into the header's scan box and presses Enter, as a barcode scanner does. */
async function scan(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Scan or type a lot code' });
  await box.fill(text);
  await box.press('Enter');
}

async function lotStatus(page: Page): Promise<string> {
  return (await page.getByRole('status', { name: 'Lot status' }).textContent()) ?? '';
}

/** The lot codes in the lots table, top to bottom. */
async function tableLots(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Lots' }).locator('tbody tr td:first-child a').allTextContents();
}

describe('lots: scanning, the lot list and the lot page', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('opens a raw-material lot typed into the header scan box, with its supplier and a mass balance that closes', async () => {
    const { context, page } = await e2e.signedIn('qa');
    const [raw] = (await getJson<{ items: LotRow[] }>(page, '/api/v1/lots?sku=RM-STRAWBERRY&limit=1')).items;
    const detail = await getJson(page, `/api/v1${lotUrl(raw!.sku, raw!.lot)}`);
    const supplier = await getJson(page, `/api/v1/parties/${encodeURIComponent(raw!.supplier!)}`);
    const item = await getJson(page, '/api/v1/items/RM-STRAWBERRY');
    expect(detail.massBalance.closes).toBe(true);

    await scan(page, raw!.lot);
    await page.waitForURL(`**${lotUrl(raw!.sku, raw!.lot)}`);
    await page.getByRole('heading', { name: `Lot ${raw!.lot}` }).waitFor();

    const origin = page.getByRole('region', { name: 'Origin' });
    await origin.getByText(`${supplier.name} (${raw!.supplier})`).waitFor();
    expect(await origin.textContent()).toContain(detail.supplierLot);

    const balance = page.getByRole('region', { name: 'Mass balance' });
    await balance.getByText('Mass balance closes').waitFor();
    const row = (label: string) => balance.getByRole('row', { name: new RegExp(`^${label}`) }).locator('td').last().textContent();
    expect(await row('Received')).toBe(quantity(detail.totals.received, item.uom));
    expect(await row('Consumed in production')).toBe(quantity(detail.totals.consumed, item.uom));
    expect(await row('On hand now')).toBe(quantity(detail.totals.onHand, item.uom));
    expect(detail.totals.received).toBeGreaterThan(0);

    // The history lists the receipt with its purchase documents.
    const history = page.getByRole('table', { name: 'Event history' });
    const receipt = history.getByRole('row').filter({ hasText: 'receipt' });
    await receipt.first().waitFor();
    expect(await receipt.first().textContent()).toMatch(/PO PO-/);
    await context.close();
  });

  it('opens a finished-goods lot from a GS1 bracketed scan, and names the AI of an invalid one', async () => {
    const { context, page } = await e2e.signedIn('qa');
    const item = await getJson(page, '/api/v1/items/JAM-370');
    const [jam] = (await getJson<{ items: LotRow[] }>(page, '/api/v1/lots?sku=JAM-370&status=available&order=desc&limit=1')).items;
    const detail = await getJson(page, `/api/v1${lotUrl(jam!.sku, jam!.lot)}`);

    await scan(page, `(01)${item.gtin}(10)${jam!.lot}`);
    await page.waitForURL(`**${lotUrl('JAM-370', jam!.lot)}`);
    await page.getByRole('heading', { name: `Lot ${jam!.lot}` }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain(item.name);
    expect(await lotStatus(page)).toBe('available');
    // Produced lots show the input lots they were made from.
    await page.getByRole('table', { name: 'Input lots' }).getByRole('link').first().waitFor();
    const stock = page.getByRole('table', { name: 'Stock by location' });
    for (const at of detail.onHand) {
      expect(await stock.getByRole('row', { name: new RegExp(`^${at.location}`) }).locator('td').nth(1).textContent()).toBe(quantity(at.quantity, item.uom));
    }
    await page.getByRole('region', { name: 'Mass balance' }).getByText('Mass balance closes').waitFor();
    expect(await page.getByRole('link', { name: 'Trace' }).getAttribute('href')).toBe(`/trace/JAM-370/${encodeURIComponent(jam!.lot)}`);
    expect(await page.getByRole('link', { name: 'Start recall' }).getAttribute('href')).toBe(`/recalls/new?sku=JAM-370&lot=${encodeURIComponent(jam!.lot)}`);
    await screenshot(page, 'lot');

    const wrongCheckDigit = `${item.gtin.slice(0, 13)}${(Number(item.gtin[13]) + 1) % 10}`;
    await scan(page, `(01)${wrongCheckDigit}(10)${jam!.lot}`);
    const error = page.getByRole('alert').filter({ hasText: 'AI (01)' });
    await error.waitFor();
    expect(await error.textContent()).toMatch(/check digit/);
    expect(page.url()).toContain(lotUrl('JAM-370', jam!.lot));

    await scan(page, 'NO-SUCH-LOT-ANYWHERE');
    await page.getByRole('alert').filter({ hasText: 'No lot NO-SUCH-LOT-ANYWHERE' }).waitFor();
    await context.close();
  });

  it('narrows the lot list by search text and by status, and keeps the filters in the address', async () => {
    const { context, page } = await e2e.signedIn('qa');
    await page.goto('/lots');
    const firstPage = (await getJson<{ items: LotRow[] }>(page, '/api/v1/lots?order=desc&limit=50')).items.map((l) => l.lot);
    await expect.poll(() => tableLots(page), { timeout: 15_000 }).toEqual(firstPage);
    await screenshot(page, 'lots');

    const text = 'STR-2611';
    const matching = (await getJson<{ items: LotRow[] }>(page, `/api/v1/lots?q=${text}&order=desc&limit=1000`)).items;
    expect(matching.length).toBeGreaterThan(1);
    expect(matching.length).toBeLessThan(firstPage.length);
    // Scanned in the header, text naming several lots lists them.
    await scan(page, text);
    await expect.poll(() => tableLots(page), { timeout: 15_000 }).toEqual(matching.map((l) => l.lot));
    expect(new URL(page.url()).searchParams.get('q')).toBe(text);
    expect(await page.getByLabel('Find a lot').inputValue()).toBe(text);

    // Typed into the list's own box, the search ignores case.
    await page.getByLabel('Find a lot').fill('');
    await expect.poll(() => tableLots(page), { timeout: 15_000 }).toEqual(firstPage);
    await page.getByLabel('Find a lot').fill(text.toLowerCase());
    await expect.poll(() => tableLots(page), { timeout: 15_000 }).toEqual(matching.map((l) => l.lot));
    expect(new URL(page.url()).searchParams.get('q')).toBe(text.toLowerCase());

    const depleted = matching.filter((l) => l.status === 'depleted');
    expect(depleted.length).toBeGreaterThan(0);
    expect(depleted.length).toBeLessThan(matching.length);
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'depleted' }).click();
    await expect.poll(() => tableLots(page), { timeout: 15_000 }).toEqual(depleted.map((l) => l.lot));
    expect(new URL(page.url()).searchParams.get('status')).toBe('depleted');

    // The address alone rebuilds the same list (a shared link).
    await page.reload();
    await expect.poll(() => tableLots(page), { timeout: 15_000 }).toEqual(depleted.map((l) => l.lot));
    expect(await page.getByLabel('Find a lot').inputValue()).toBe(text.toLowerCase());
    await context.close();
  });

  it('holds a lot with a reason and releases it; refuses to release a lot under an open recall', async () => {
    const { context, page } = await e2e.signedIn('qa');
    const lots = (await getJson<{ items: LotRow[] }>(page, '/api/v1/lots?sku=JAM-500&status=available&order=desc&limit=2')).items;
    const [lot, recalled] = lots;
    await page.goto(lotUrl(lot!.sku, lot!.lot));
    await page.getByRole('heading', { name: `Lot ${lot!.lot}` }).waitFor();
    expect(await lotStatus(page)).toBe('available');

    await page.getByRole('button', { name: 'Hold' }).click();
    const hold = page.getByRole('dialog', { name: 'Put the lot on hold' });
    // The reason is required: nothing is recorded without it.
    await hold.getByRole('button', { name: 'Put on hold' }).click();
    await hold.getByText('Give a reason for the hold').waitFor();
    await hold.getByLabel('Reason').fill('awaiting micro lab results');
    await hold.getByRole('button', { name: 'Put on hold' }).click();
    await expect.poll(() => lotStatus(page)).toBe('hold');
    await page.getByRole('alert').filter({ hasText: 'awaiting micro lab results' }).waitFor();
    expect((await getJson(page, `/api/v1${lotUrl(lot!.sku, lot!.lot)}`)).status).toBe('hold');
    await page.getByRole('table', { name: 'Event history' }).getByRole('row').filter({ hasText: 'awaiting micro lab results' }).waitFor();

    await page.getByRole('button', { name: 'Release' }).click();
    const release = page.getByRole('dialog', { name: 'Release the lot' });
    await release.getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => lotStatus(page)).toBe('available');
    expect((await getJson(page, `/api/v1${lotUrl(lot!.sku, lot!.lot)}`)).status).toBe('available');

    const recall = await page.request.post('/api/v1/recalls', { data: { lots: [{ sku: recalled!.sku, lot: recalled!.lot }], reason: 'e2e: foreign body complaint' } });
    expect(recall.status(), await recall.text()).toBe(201);
    await page.goto(lotUrl(recalled!.sku, recalled!.lot));
    await expect.poll(() => lotStatus(page)).toBe('recalled');
    await page.getByRole('button', { name: 'Release' }).click();
    const refused = page.getByRole('dialog', { name: 'Release the lot' });
    await refused.getByRole('button', { name: 'Release' }).click();
    await refused.getByRole('alert').filter({ hasText: 'open recall' }).waitFor();
    expect(await lotStatus(page)).toBe('recalled');
    await context.close();
  });

  it('shows a viewer the lot without QA actions, and a clear state for a lot that does not exist', async () => {
    const { context, page } = await e2e.signedIn('viewer');
    const [jam] = (await getJson<{ items: LotRow[] }>(page, '/api/v1/lots?sku=JAM-370&status=available&limit=1')).items;
    await page.goto(lotUrl(jam!.sku, jam!.lot));
    await page.getByRole('heading', { name: `Lot ${jam!.lot}` }).waitFor();
    await page.getByRole('link', { name: 'Trace' }).waitFor();
    await page.getByRole('button', { name: 'Label' }).waitFor();
    expect(await page.getByRole('button', { name: 'Hold' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Release' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Start recall' }).count()).toBe(0);

    // Anyone who reads lots may print the lot's GS1 label.
    const [label] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Label' }).click()]);
    expect(label.suggestedFilename()).toMatch(/\.png$/);
    const png = readFileSync(await label.path());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(500);

    await page.goto(lotUrl('JAM-370', 'NOT-A-LOT'));
    await page.getByRole('heading', { name: 'No lot NOT-A-LOT of item JAM-370' }).waitFor();
    await context.close();
  });
});
