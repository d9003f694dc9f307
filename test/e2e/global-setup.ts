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
  }
}

/**
 * Once per run: builds the web UI from the current sources (so a test never drives a stale
 * bundle) and seeds the demo into a template database.
 */
export default async function setup(project: TestProject) {
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
  const dir = mkdtempSync(join(tmpdir(), 'lotline-e2e-'));
  const file = join(dir, 'demo.db');
  const app = await openApp({ databaseUrl: `sqlite:${file}`, clock: fixedClock(DEMO_NOW), timeZone: DEMO_TIME_ZONE });
  try {
    await seedDemo(app, { customers: 300 });
    await createDemoUsers(app);
  } finally {
    await app.close();
  }
  project.provide('demoDatabase', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
