import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startE2e, type E2e } from './harness.js';

interface ExpiryRow {
  sku: string;
  lot: string;
  itemName: string;
  location: string;
  quantity: number;
  daysLeft: number;
}
interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}
interface WasteReport {
  to: string;
  totals: { writtenOff: number; value: string };
  rows: { period?: string; sku?: string; itemName?: string; reason?: string; writtenOff: number }[];
}

const enc = encodeURIComponent;

async function get<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), `${url}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

/** Expired stock on hand as the API reports it: expiry dates up to today, less the last day of use. */
async function expiredStock(request: APIRequestContext): Promise<ExpiryRow[]> {
  const page = await get<ListPage<ExpiryRow>>(request, '/api/v1/expiry?withinDays=0&limit=1000');
  return page.items.filter((r) => r.daysLeft < 0);
}

/** Quantity written off in the server's current month (the last row of the default report). */
async function wasteThisMonth(request: APIRequestContext): Promise<{ month: string; writtenOff: number }> {
  const report = await get<WasteReport>(request, '/api/v1/analytics/waste');
  const row = report.rows.at(-1)!;
  expect(row.period).toBe(report.to);
  return { month: report.to, writtenOff: row.writtenOff };
}

const distinctLots = (rows: { sku: string; lot: string }[]) => new Set(rows.map((r) => `${r.sku}/${r.lot}`)).size;

/** The figure of a dashboard card, once it has loaded. */
async function figure(page: Page, card: string): Promise<string> {
  const value = page.getByRole('region', { name: card, exact: true }).getByTestId('figure');
  await value.waitFor();
  return (await value.textContent()) ?? '';
}

const expiryTable = (page: Page) => page.getByRole('table', { name: 'Stock by expiry' });

describe('dashboard, expiry and waste', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('shows on the dashboard the counts the API gives, a waste chart with bars and the latest events', async () => {
    const { context, page } = await e2e.signedIn('qa');
    const recalls = await get<ListPage<{ drill: boolean }>>(page.request, '/api/v1/recalls?status=open&limit=1000');
    const held = await get<ListPage<unknown>>(page.request, '/api/v1/lots?status=hold&limit=1000');
    const expired = await expiredStock(page.request);
    const events = await get<ListPage<{ type: string; lines: { sku: string; lot: string }[]; lot: { sku: string; lot: string } | null }>>(
      page.request,
      '/api/v1/events?order=desc&limit=10',
    );
    // The demo has lots on hold and expired jars on the shelf: zero would prove nothing.
    expect(held.items.length).toBeGreaterThan(0);
    expect(expired.length).toBeGreaterThan(0);

    await page.goto('/');
    expect(await figure(page, 'Open recalls')).toBe(String(recalls.items.filter((r) => !r.drill).length));
    expect(await figure(page, 'Lots on hold')).toBe(String(held.items.length));
    expect(await figure(page, 'Expired stock on hand')).toBe(String(distinctLots(expired)));

    const waste = page.getByRole('region', { name: 'Waste', exact: true });
    const bars = waste.locator('svg .recharts-bar-rectangle path');
    await bars.first().waitFor();
    expect(await bars.count()).toBeGreaterThan(0);
    const { month } = await wasteThisMonth(page.request);
    expect(await waste.textContent()).toContain(new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`)));

    // The newest event's lot links to its lot page.
    const newest = events.items[0]!;
    const lot = newest.lot ?? newest.lines[0]!;
    const recent = page.getByRole('table', { name: 'Recent events' });
    await expect(recent.getByRole('row').count()).resolves.toBe(events.items.length + 1);
    const link = recent.getByRole('row').nth(1).getByRole('link', { name: `${lot.sku} · ${lot.lot}` });
    expect(await link.getAttribute('href')).toBe(`/lots/${enc(lot.sku)}/${enc(lot.lot)}`);
    await screenshot(page, 'dashboard');

    // The expired card opens the expiry list filtered to expired stock.
    await page.getByRole('link', { name: 'Expired stock: Expired stock on hand' }).click();
    await page.waitForURL(/\/expiry\?expired=1$/);
    await expect(page.getByLabel('Expired only').isChecked()).resolves.toBe(true);
    await context.close();
  });

  it('shows waste by month, by item and by reason with the names the API reports', async () => {
    const { context, page } = await e2e.signedIn('viewer');
    const months = await get<WasteReport>(page.request, '/api/v1/analytics/waste');
    const items = await get<WasteReport>(page.request, '/api/v1/analytics/waste?groupBy=item');
    const reasons = await get<WasteReport>(page.request, '/api/v1/analytics/waste?groupBy=reason');
    expect(items.rows.length).toBeGreaterThan(1);

    await page.goto('/waste');
    const byMonth = page.getByRole('table', { name: 'Waste per month' });
    await byMonth.waitFor();
    await expect(byMonth.locator('tbody tr').count()).resolves.toBe(months.rows.length);
    const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await byMonth.locator('tfoot').textContent()).toContain(money.format(Number(months.totals.value)));
    await page.locator('.recharts-bar-rectangle path').first().waitFor();
    await screenshot(page, 'waste');

    await page.getByRole('tab', { name: 'By item' }).click();
    const byItem = page.getByRole('table', { name: 'Waste per item' });
    await byItem.waitFor();
    const itemText = await byItem.textContent();
    for (const row of items.rows) expect(itemText).toContain(row.itemName!);
    expect(page.url()).toContain('group=item');

    await page.getByRole('tab', { name: 'By reason' }).click();
    const byReason = page.getByRole('table', { name: 'Waste per reason' });
    await byReason.waitFor();
    const reasonText = (await byReason.textContent())!.toLowerCase();
    for (const row of reasons.rows) expect(reasonText).toContain(row.reason!.replaceAll('_', ' '));
    await context.close();
  });

  it('lets QA write off the expired stock: it leaves the list, its balance is zero and this month’s waste grows by it', async () => {
    const { context, page } = await e2e.signedIn('qa');
    const expired = await expiredStock(page.request);
    expect(expired.length).toBeGreaterThan(0);
    const writtenOff = expired.reduce((sum, r) => sum + r.quantity, 0);
    const before = await wasteThisMonth(page.request);

    await page.goto('/expiry');
    const table = expiryTable(page);
    for (const r of expired) await table.getByRole('row').filter({ hasText: r.lot }).first().waitFor();
    const selectAll = page.getByRole('button', { name: `Select all expired (${expired.length})` });
    await selectAll.click();
    await page.getByRole('button', { name: `Write off (${expired.length})` }).waitFor();
    await screenshot(page, 'expiry');

    // Only expired stock: the list is exactly what the API calls expired.
    // The switch follows the address, which the router updates in a transition: click, then wait for it.
    await page.getByLabel('Expired only').click();
    await page.waitForURL(/expired=1/);
    await expect.poll(() => page.getByLabel('Expired only').isChecked()).toBe(true);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(expired.length);
    for (const r of expired) expect(await table.getByRole('row').filter({ hasText: r.lot }).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: `Select all expired (${expired.length})` }).click();
    await page.getByRole('button', { name: `Write off (${expired.length})` }).click();
    const dialog = page.getByRole('dialog', { name: 'Write off stock' });
    await dialog.getByRole('radio', { name: 'Expired' }).check();
    await dialog.getByRole('button', { name: `Write off ${expired.length} ${expired.length === 1 ? 'line' : 'lines'}` }).click();
    await page.getByText('No expired stock on hand.').waitFor();
    await dialog.waitFor({ state: 'detached' });

    expect(await expiredStock(page.request)).toEqual([]);
    for (const r of expired) {
      const lot = await get<{ totals: { onHand: number; writtenOff: number }; onHand: { location: string; quantity: number }[] }>(
        page.request,
        `/api/v1/lots/${enc(r.sku)}/${enc(r.lot)}`,
      );
      expect(lot.totals.onHand, `${r.sku} ${r.lot}`).toBe(0);
      expect(lot.onHand.filter((b) => b.quantity !== 0)).toEqual([]);
    }
    const after = await wasteThisMonth(page.request);
    expect(after.month).toBe(before.month);
    expect(after.writtenOff).toBeCloseTo(before.writtenOff + writtenOff, 6);
    await context.close();
  });

  it('writes off chosen lines that have not expired, as damaged', async () => {
    const { context, page } = await e2e.signedIn('qa');
    const soon = await get<ListPage<ExpiryRow>>(page.request, '/api/v1/expiry?withinDays=30&limit=1000');
    const chosen = soon.items.filter((r) => r.daysLeft >= 0).slice(0, 2);
    expect(chosen).toHaveLength(2);
    const damagedBefore = await get<WasteReport>(page.request, '/api/v1/analytics/waste?groupBy=reason');
    const damaged = (report: WasteReport) => report.rows.find((r) => r.reason === 'damaged')?.writtenOff ?? 0;

    await page.goto('/expiry');
    for (const r of chosen) await page.getByLabel(`Select ${r.sku} ${r.lot} at ${r.location}`).check();
    await page.getByRole('button', { name: 'Write off (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Write off stock' });
    // Nothing chosen is expired, so no reason is assumed.
    await expect(dialog.getByRole('button', { name: 'Write off 2 lines' }).isDisabled()).resolves.toBe(true);
    await dialog.getByRole('radio', { name: 'Damaged' }).check();
    await dialog.getByRole('button', { name: 'Write off 2 lines' }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const r of chosen) await page.getByLabel(`Select ${r.sku} ${r.lot} at ${r.location}`).waitFor({ state: 'detached' });

    for (const r of chosen) {
      const lot = await get<{ onHand: { location: string; quantity: number }[] }>(page.request, `/api/v1/lots/${enc(r.sku)}/${enc(r.lot)}`);
      expect(lot.onHand.find((b) => b.location === r.location)?.quantity ?? 0, `${r.sku} ${r.lot}`).toBe(0);
    }
    const damagedAfter = await get<WasteReport>(page.request, '/api/v1/analytics/waste?groupBy=reason');
    expect(damaged(damagedAfter)).toBeCloseTo(damaged(damagedBefore) + chosen[0]!.quantity + chosen[1]!.quantity, 6);
    await context.close();
  });

  it('shows a viewer the expiry list without any write-off', async () => {
    const { context, page } = await e2e.signedIn('viewer');
    const soon = await get<ListPage<ExpiryRow>>(page.request, '/api/v1/expiry?withinDays=90&limit=1000');
    expect(soon.items.length).toBeGreaterThan(0);
    await page.goto('/expiry?within=90');
    const table = expiryTable(page);
    await table.getByRole('row').filter({ hasText: soon.items[0]!.lot }).first().waitFor();
    await expect(page.getByRole('button', { name: /write off/i }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /select all expired/i }).count()).resolves.toBe(0);
    await expect(table.getByRole('checkbox').count()).resolves.toBe(0);
    await context.close();
  });
});
