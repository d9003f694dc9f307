import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2e } from './harness.js';

/**
 * The "done when", by clicks alone: a QA manager who has only the lot code finds the lot,
 * sees where it came from and went, starts a recall and downloads its report — never typing an
 * address.
 */
describe('the night call: from a lot code to a recall report', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('finds the lot, traces it, recalls it, notifies a customer and downloads the CSV', async () => {
    const { context, page } = await e2e.signedIn('qa');
    // A strawberry lot that reached customers: what the regulator would name.
    const lots = (await (await page.request.get('/api/v1/lots?sku=RM-STRAWBERRY&status=depleted&limit=50')).json()) as { items: { lot: string }[] };
    let lot = '';
    let trace: { customers: { code: string; name: string }[] } | undefined;
    for (const candidate of lots.items) {
      const t = await (await page.request.get(`/api/v1/trace/RM-STRAWBERRY/${encodeURIComponent(candidate.lot)}?direction=forward`)).json();
      if (t.customers.length >= 2) {
        lot = candidate.lot;
        trace = t;
        break;
      }
    }
    expect(lot, 'a strawberry lot that reached customers').not.toBe('');

    // Find it: the scan box in the header takes the bare lot code.
    const scan = page.getByRole('banner').getByRole('textbox');
    await scan.fill(lot);
    await scan.press('Enter');
    await page.waitForURL(`**/lots/RM-STRAWBERRY/${encodeURIComponent(lot)}`);
    await page.getByRole('heading', { name: `Lot ${lot}` }).waitFor();

    // Where it came from (the lot page names its supplier) and where it went.
    await page.getByRole('link', { name: 'Trace' }).first().click();
    await page.waitForURL(/\/trace\//);
    await page.getByRole('radiogroup').getByText('Forward', { exact: true }).click();
    await page.waitForURL(/direction=forward/);
    const graph = page.locator('.react-flow');
    await graph.getByText(trace!.customers[0]!.name, { exact: false }).first().waitFor();
    expect(await graph.textContent()).toContain(lot);

    // Start the recall from the trace.
    await page.getByRole('link', { name: 'Start recall' }).click();
    await page.waitForURL(/\/recalls\/new/);
    await page.getByRole('table', { name: 'Lots to recall' }).getByRole('row').filter({ hasText: lot }).waitFor();
    await page.getByRole('button', { name: 'Show impact' }).click();
    await page.getByRole('table', { name: 'Customers to notify' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('textbox', { name: 'Reason' }).fill('Regulator call: Salmonella in strawberry lot');
    await page.getByRole('button', { name: 'Open recall' }).click();
    await page.waitForURL(/\/recalls\/(?!new)[^/?]+$/);
    const recallId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    // Notify the first customer on the checklist.
    const first = page.getByRole('table', { name: 'Customer checklist' }).getByRole('row').nth(1);
    const code = (await first.getAttribute('data-customer'))!;
    await first.getByRole('button', { name: /notified$/ }).click();
    await page.getByText(/^Notified 1 of \d+$/).waitFor();

    // The report the regulator asked for.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(recallId);
    expect(csv).toContain(code);
    for (const customer of trace!.customers) expect(csv).toContain(customer.code);
    await context.close();
  });
});
