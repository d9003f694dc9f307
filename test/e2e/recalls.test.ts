import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startE2e, type E2e } from './harness.js';

interface LotRef {
  sku: string;
  lot: string;
}
interface Trace {
  lots: (LotRef & { status: string })[];
  customers: { code: string; name: string; quantity: number }[];
  onHand: (LotRef & { location: string; quantity: number })[];
}
interface Recall {
  id: string;
  reason: string;
  drill: boolean;
  hold: boolean;
  event: string | null;
  affectedLots: (LotRef & { status: string })[];
  customers: { code: string; name: string; notifiedAt: string | null }[];
  counts: { customers: number; customersNotified: number };
}

const SKU = 'RM-STRAWBERRY';
const enc = encodeURIComponent;
const key = (l: LotRef) => `${l.sku}/${l.lot}`;

async function get<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), `${url}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

const forwardTrace = (request: APIRequestContext, lot: string) => get<Trace>(request, `/api/v1/trace/${enc(SKU)}/${enc(lot)}?direction=forward`);

/**
 * Strawberry lots whose recall reaches customers and stock on the shelves, with disjoint forward
 * traces, so that what one recall holds cannot be mistaken for the work of another.
 */
async function strawberryLots(request: APIRequestContext, count: number): Promise<{ lot: string; trace: Trace }[]> {
  const { items } = await get<{ items: (LotRef & { status: string })[] }>(request, `/api/v1/lots?sku=${SKU}&limit=100`);
  const found: { lot: string; trace: Trace }[] = [];
  const taken = new Set<string>();
  for (const { lot, status } of items) {
    if (status === 'recalled') continue;
    const trace = await forwardTrace(request, lot);
    if (trace.customers.length < 2 || trace.onHand.length === 0 || trace.lots.some((l) => taken.has(key(l)))) continue;
    for (const l of trace.lots) taken.add(key(l));
    found.push({ lot, trace });
    if (found.length === count) return found;
  }
  throw new Error(`only ${found.length} suitable ${SKU} lots in the demo`);
}

/** Steps 1 and 2 of the wizard for a lot given in the address: the chosen lot, then its impact. */
async function openImpact(page: Page, lot: string, drill = false) {
  await page.goto(`/recalls/new?sku=${enc(SKU)}&lot=${enc(lot)}${drill ? '&drill=1' : ''}`);
  await page.getByRole('table', { name: 'Lots to recall' }).getByRole('row').filter({ hasText: lot }).waitFor();
  const next = page.getByRole('button', { name: 'Show impact' });
  await next.and(page.locator(':enabled')).waitFor();
  await next.click();
  await page.getByRole('table', { name: 'Customers to notify' }).waitFor();
}

/** A headline figure card by its label. */
const kpi = (page: Page, label: string) => page.getByRole('group', { name: label, exact: true });

async function recallIdFromUrl(page: Page): Promise<string> {
  await page.waitForURL(/\/recalls\/(?!new)[^/?]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

describe('recalls', () => {
  let e2e: E2e;
  let recallLot: { lot: string; trace: Trace };
  let drillLot: { lot: string; trace: Trace };
  let recallId: string;
  const reason = 'Listeria found in supplier retained sample';

  beforeAll(async () => {
    e2e = await startE2e();
    const { context, page } = await e2e.signedIn('qa');
    [recallLot, drillLot] = (await strawberryLots(page.request, 2)) as [typeof recallLot, typeof drillLot];
    await context.close();
  });
  afterAll(() => e2e?.close());

  it('recalls a raw-material lot: impact preview, confirmation, customer checklist, report, hold', async () => {
    const { context, page } = await e2e.signedIn('qa');
    const { trace } = recallLot;

    await openImpact(page, recallLot.lot);
    await kpi(page, 'Customers').getByText(String(trace.customers.length), { exact: true }).waitFor();
    await kpi(page, 'Affected lots').getByText(String(trace.lots.length), { exact: true }).waitFor();
    const biggest = [...trace.customers].sort((a, b) => b.quantity - a.quantity)[0]!;
    const customersTable = page.getByRole('table', { name: 'Customers to notify' });
    await expect(customersTable.getByRole('row').nth(1).textContent()).resolves.toContain(biggest.name);
    // Every location with stock of the affected lots is named in the hold preview.
    const stock = await page.getByRole('group', { name: 'Stock by location' }).textContent();
    for (const location of new Set(trace.onHand.map((l) => l.location))) expect(stock).toContain(location);
    await screenshot(page, 'recall-wizard');

    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('checkbox', { name: 'Put all affected stock on hold' }).isChecked()).resolves.toBe(true);
    const open = page.getByRole('button', { name: 'Open recall' });
    await expect(open.isDisabled()).resolves.toBe(true);
    await page.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await open.click();
    recallId = await recallIdFromUrl(page);
    await page.getByText('Recall opened').waitFor();

    await page.getByRole('heading', { name: reason }).waitFor();
    const recall = await get<Recall>(page.request, `/api/v1/recalls/${enc(recallId)}`);
    expect(recall).toMatchObject({ reason, drill: false, hold: true });
    expect(recall.customers.map((c) => c.code).sort()).toEqual(trace.customers.map((c) => c.code).sort());
    await kpi(page, 'Customers').getByText(String(recall.counts.customers), { exact: true }).waitFor();

    const checklist = page.getByRole('table', { name: 'Customer checklist' });
    const rows = checklist.getByRole('row');
    await expect(rows.count()).resolves.toBe(Math.min(recall.counts.customers, 25) + 1);
    const first = rows.nth(1);
    const code = (await first.getAttribute('data-customer'))!;
    const customer = recall.customers.find((c) => c.code === code)!;
    expect(customer.name).toBe(biggest.name);
    await page.getByText(`Notified 0 of ${recall.counts.customers}`).waitFor();
    await first.getByRole('button', { name: `Mark ${customer.name} notified` }).click();
    await page.getByText(`Notified 1 of ${recall.counts.customers}`).waitFor();
    const row = checklist.locator(`tr[data-customer="${code}"]`);
    await expect(row.getByRole('button', { name: `Mark ${customer.name} notified` }).count()).resolves.toBe(0);
    await expect(row.textContent()).resolves.toMatch(/2026/);
    const notified = await get<Recall>(page.request, `/api/v1/recalls/${enc(recallId)}`);
    expect(notified.counts.customersNotified).toBe(1);
    expect(notified.customers.find((c) => c.code === code)!.notifiedAt).toBe('2026-11-24T09:00:00.000Z');
    const done = page.getByText(`${customer.name} marked notified.`);
    await done.waitFor();
    // The picture for the docs without the success notifications over the header.
    await done.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.getByText('Recall opened').waitFor({ state: 'hidden', timeout: 15_000 });
    await screenshot(page, 'recall');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`recall-${recallId}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(recallId);
    expect(csv).toContain(reason);
    expect(csv).toContain(code);

    // The recalled lot and everything made from it that still has stock are held.
    const lot = await get<{ status: string }>(page.request, `/api/v1/lots/${enc(SKU)}/${enc(recallLot.lot)}`);
    expect(lot.status).toBe('recalled');
    for (const line of trace.onHand) {
      const held = await get<{ status: string }>(page.request, `/api/v1/lots/${enc(line.sku)}/${enc(line.lot)}`);
      expect(held.status, key(line)).toBe('recalled');
    }

    // The list shows it among the open recalls, with its progress.
    await page.goto('/recalls');
    const openRow = page.getByRole('table', { name: 'Open recalls' }).getByRole('row').filter({ hasText: reason });
    await expect(openRow.textContent()).resolves.toContain('1 notified');
    await context.close();
  });

  it('runs a mock recall drill that holds nothing and reports the time the trace took', async () => {
    const { context, page } = await e2e.signedIn('qa');
    const before = await forwardTrace(page.request, drillLot.lot);

    await openImpact(page, drillLot.lot, true);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('checkbox', { name: 'Mock recall drill' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: 'Put all affected stock on hold' }).count()).resolves.toBe(0);
    await page.getByRole('textbox', { name: 'Reason' }).fill('Quarterly mock recall');
    await page.getByRole('button', { name: 'Run drill' }).click();
    const id = await recallIdFromUrl(page);
    await page.getByText(/^Drill: traced in \d+ ms$/).waitFor();

    const drill = await get<Recall & { durationMs: number }>(page.request, `/api/v1/recalls/${enc(id)}`);
    expect(drill).toMatchObject({ drill: true, hold: false, event: null });
    await expect(page.getByText(/^Drill: traced in/).textContent()).resolves.toBe(`Drill: traced in ${drill.durationMs} ms`);
    const after = await forwardTrace(page.request, drillLot.lot);
    expect(after.lots.map((l) => `${key(l)}:${l.status}`)).toEqual(before.lots.map((l) => `${key(l)}:${l.status}`));
    expect(after.lots.some((l) => l.status === 'recalled')).toBe(false);

    await page.goto('/recalls?tab=drills');
    await page.getByRole('table', { name: 'Mock recall drills' }).getByRole('row').filter({ hasText: 'Quarterly mock recall' }).waitFor();
    await context.close();
  });

  it('shows a viewer the recall without any action, and explains why the wizard stops', async () => {
    const { context, page } = await e2e.signedIn('viewer');
    await page.goto(`/recalls/${enc(recallId)}`);
    await page.getByRole('heading', { name: reason }).waitFor();
    const checklist = page.getByRole('table', { name: 'Customer checklist' });
    await checklist.waitFor();
    await expect(checklist.getByRole('row').count()).resolves.toBeGreaterThan(1);
    await expect(page.getByRole('button', { name: /^Mark .* (notified|acknowledged)$/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Close recall' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Download report as PDF' }).waitFor();

    await page.goto('/recalls');
    await page.getByRole('table', { name: 'Open recalls' }).waitFor();
    await expect(page.getByRole('link', { name: 'New recall' }).count()).resolves.toBe(0);

    await openImpact(page, drillLot.lot);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Only QA can open a recall or run a drill').waitFor();
    await expect(page.getByRole('button', { name: 'Open recall' }).count()).resolves.toBe(0);
    await context.close();
  });
});
