import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startE2e, type E2e } from './harness.js';

describe('signing in and what each role sees', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('shows the sign-in page to an anonymous visitor, even on a deep link, and refuses a wrong password', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.baseUrl });
    const page = await context.newPage();
    await page.goto('/lots/RM-STRAWBERRY/anything');
    // The app asks the server who is signed in, then shows the sign-in page instead of the lot.
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByRole('heading', { name: /^Lot / }).count()).resolves.toBe(0);
    await screenshot(page, 'login');
    await page.getByLabel('Username').fill('qa');
    await page.getByLabel(/^Password/).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Sign-in failed');
    // Nothing behind the sign-in page answers without a session.
    const api = await page.request.get('/api/v1/lots');
    expect(api.status()).toBe(401);
    await context.close();
  });

  it('hides the recording screens from a viewer and shows them to the warehouse', async () => {
    const viewer = await e2e.signedIn('viewer');
    const nav = viewer.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Lots' }).waitFor();
    await expect(nav.getByRole('link', { name: 'Receive' }).count()).resolves.toBe(0);
    await expect(nav.getByRole('link', { name: 'Ship' }).count()).resolves.toBe(0);
    await viewer.context.close();

    const warehouse = await e2e.signedIn('warehouse');
    const wnav = warehouse.page.getByRole('navigation', { name: 'Main' });
    await wnav.getByRole('link', { name: 'Receive' }).waitFor();
    await wnav.getByRole('link', { name: 'Ship' }).waitFor();
    await warehouse.context.close();
  });

  it('signs out back to the sign-in page, and the old session no longer reads the API', async () => {
    const { context, page } = await e2e.signedIn('qa');
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await page.request.get('/api/v1/lots')).status()).toBe(401);
    await context.close();
  });
});
