import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { DEMO_USERS } from '../../src/app/users.js';
import type { Role } from '../../src/domain/roles.js';
import { DEMO_NOW, DEMO_TIME_ZONE } from './demo-clock.js';

const CHROMIUM = process.env.LOTLINE_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = new URL('../../', import.meta.url).pathname;

/** A running `lotline serve` on its own copy of the demo database, and a browser to drive it. */
export interface E2e {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (own cookies, downloads allowed) with a page signed in as `role`. */
  signedIn(role: Role): Promise<{ context: BrowserContext; page: Page }>;
  /** The server's output so far (for failure messages). */
  log(): string;
  close(): Promise<void>;
}

function startServer(database: string): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--no-background', '--log-level', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, LOTLINE_DATABASE_URL: `sqlite:${database}`, LOTLINE_NOW: DEMO_NOW, LOTLINE_TIMEZONE: DEMO_TIME_ZONE, LOTLINE_ADMIN_TOKEN: '', LOTLINE_WEB_ROOT: inject('webRoot') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lotline serve did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+?) /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, log: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lotline serve exited with ${code}:\n${output}`));
    });
  });
}

/** Starts the server on a copy of the seeded demo and launches Debian's Chromium headless. */
export async function startE2e(): Promise<E2e> {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-e2e-run-'));
  const database = join(dir, 'lotline.db');
  copyFileSync(inject('demoDatabase'), database);
  const server = await startServer(database);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  return {
    baseUrl: server.url,
    browser,
    async signedIn(role) {
      const context = await browser.newContext({ baseURL: server.url, acceptDownloads: true, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await signIn(page, role);
      return { context, page };
    },
    log: server.log,
    async close() {
      await browser.close();
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page with the demo user of `role`. */
export async function signIn(page: Page, role: Role): Promise<void> {
  const user = DEMO_USERS.find((u) => u.role === role)!;
  await page.goto('/');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel(/^Password/).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Saves a screenshot of the page into docs/screenshots when LOTLINE_SCREENSHOTS=1
 * (`npm run screenshots`), so an ordinary test run leaves the committed images alone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.LOTLINE_SCREENSHOTS !== '1') return;
  mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'docs/screenshots', `${name}.png`), fullPage: false });
}
