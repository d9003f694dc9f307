import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../src/app/context.js';
import { run } from '../../src/cli/program.js';
import type { Dialect } from '../../src/store/db.js';
import { databaseUrl, TEST_ADMIN_TOKEN, TestClock, withSchemaLock } from '../helpers/test-app.js';

export const NOW = '2026-06-15T10:00:00Z';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/**
 * A database the CLI can open by URL, as a user's would be: a SQLite file (an in-memory database
 * would be a different one for every open) or a fresh PostgreSQL schema. `app` is the test's own
 * connection to the same database, for setting up data and for tampering with it.
 */
export interface CliDatabase {
  url: string;
  app: App;
  clock: TestClock;
  /** Runs one command line in-process against this database at the test clock's time. */
  cli(argv: string[], options?: { env?: NodeJS.ProcessEnv; stop?: AbortSignal; onOut?: (text: string) => void }): Promise<CliResult>;
  close(): Promise<void>;
}

/** A URL of a database nothing has opened yet: a new SQLite file or an empty PostgreSQL schema. */
export async function freshDatabaseUrl(dialect: Dialect): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'postgres') return databaseUrl(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'lotline-cli-'));
  return { url: `sqlite:${join(dir, 'lotline.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `fn`, which opens (and so migrates) a database, under the test harness's schema lock on
 * PostgreSQL: every CLI command migrates on start, and a schema dropped meanwhile by a parallel
 * test worker would fail that migration's catalog read.
 */
export function migrating<T>(dialect: Dialect, fn: () => Promise<T>): Promise<T> {
  return dialect === 'postgres' ? withSchemaLock(fn) : fn();
}

export async function openCliDatabase(dialect: Dialect): Promise<CliDatabase> {
  const { url, drop } = await freshDatabaseUrl(dialect);
  const clock = new TestClock(NOW);
  const app = await migrating(dialect, () => openApp({ databaseUrl: url, clock, timeZone: 'UTC' }));
  return {
    url,
    app,
    clock,
    cli: (argv, options = {}) =>
      migrating(dialect, () =>
        runCli(argv, {
          env: { LOTLINE_DATABASE_URL: url, LOTLINE_NOW: clock.now().toISOString(), LOTLINE_TIMEZONE: 'UTC', LOTLINE_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...options.env },
          stop: options.stop,
          onOut: options.onOut,
        }),
      ),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** Runs the CLI in-process with a clean environment, capturing both streams. */
export async function runCli(argv: string[], options: { env: NodeJS.ProcessEnv; stop?: AbortSignal; onOut?: (text: string) => void }): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    argv,
    {
      out: (text) => {
        out.push(text);
        options.onOut?.(text);
      },
      err: (text) => void err.push(text),
      stop: options.stop,
    },
    options.env,
  );
  return { code, out: out.map((t) => `${t}\n`).join(''), err: err.map((t) => `${t}\n`).join('') };
}
