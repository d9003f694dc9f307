import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { openApp, fixedClock } from '../../src/app/context.js';
import { seedDemo } from '../../src/app/demo/seed.js';
import { createDemoUsers } from '../../src/app/users.js';
import { DEMO_NOW, DEMO_TIME_ZONE } from './demo-clock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A SQLite file with the demo data and the demo users; each test file serves a copy. */
    demoDatabase: string;
    /** The web UI built from the current sources. */
    webRoot: string;
  }
}

/**
 * Once per run: builds the web UI from the current sources (so a test never drives a stale
 * bundle) and seeds the demo into a template database.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-e2e-'));
  // A private build: a concurrent `npm run build:web` cannot empty it under a running test.
  const webRoot = join(dir, 'web');
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } });
  const file = join(dir, 'demo.db');
  const app = await openApp({ databaseUrl: `sqlite:${file}`, clock: fixedClock(DEMO_NOW), timeZone: DEMO_TIME_ZONE });
  try {
    await seedDemo(app, { customers: 300 });
    await createDemoUsers(app);
  } finally {
    await app.close();
  }
  project.provide('demoDatabase', file);
  project.provide('webRoot', webRoot);
  return () => rmSync(dir, { recursive: true, force: true });
}
