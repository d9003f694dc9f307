import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { openApp, type App, type Clock } from '../../src/app/context.js';
import type { Dialect } from '../../src/store/db.js';
import { buildServer } from '../../src/http/server.js';

/** SQLite always; PostgreSQL when LOTLINE_TEST_POSTGRES_URL names a server (CI sets it). */
export const POSTGRES_URL = process.env.LOTLINE_TEST_POSTGRES_URL;
export const DIALECTS: Dialect[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A clock tests move by hand. */
export class TestClock implements Clock {
  private instant: number;
  constructor(start = '2026-06-15T10:00:00Z') {
    this.instant = Date.parse(start);
  }
  now(): Date {
    return new Date(this.instant);
  }
  set(at: string): void {
    this.instant = Date.parse(at);
  }
  advanceDays(days: number): void {
    this.instant += days * 86_400_000;
  }
}

let schemaCounter = 0;

// Any number, the same in every test process.
const SCHEMA_LOCK = 7_141_500_901;

/**
 * Runs `fn` while no other test process migrates or drops a schema. Kysely's migrator reads the
 * catalog of every schema in the database, and a schema dropped under it by a parallel worker
 * makes that read fail ("schema … does not exist").
 */
export async function withSchemaLock<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  try {
    await c.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await fn(c);
  } finally {
    await c.end(); // ends the session, which releases the lock
  }
}

/**
 * A fresh, migrated database per call: in-memory SQLite, or a new PostgreSQL schema reached
 * through search_path, so tests never see each other's rows.
 */
export async function databaseUrl(dialect: Dialect): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} };
  const schema = `t_${process.pid}_${Date.now()}_${schemaCounter++}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () =>
      withSchemaLock(async (c) => {
        await c.query(`drop schema ${schema} cascade`);
      }),
  };
}

export interface TestContext {
  app: App;
  clock: TestClock;
  /** Statements run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  close(): Promise<void>;
}

export async function openTestApp(dialect: Dialect, options: { now?: string; timeZone?: string } = {}): Promise<TestContext> {
  const { url, drop } = await databaseUrl(dialect);
  const clock = new TestClock(options.now);
  const queries: string[] = [];
  const open = () =>
    openApp({
      databaseUrl: url,
      clock,
      timeZone: options.timeZone,
      store: { onQuery: (e) => queries.push(e.query.sql) },
    });
  const app = dialect === 'postgres' ? await withSchemaLock(open) : await open();
  return {
    app,
    clock,
    queries,
    resetQueries: () => void queries.splice(0),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** The LOTLINE_ADMIN_TOKEN of test servers: the Api client acts as this admin unless told otherwise. */
export const TEST_ADMIN_TOKEN = 'lotline-test-admin-token-0123456789';

/** `headers` plus `Authorization: Bearer <token>`, unless they already carry credentials. */
function withBearer(headers: Record<string, unknown> | undefined, token: string | null): Record<string, unknown> {
  const given = headers ?? {};
  const hasCredentials = Object.keys(given).some((k) => k.toLowerCase() === 'authorization' || k.toLowerCase() === 'cookie');
  return token === null || hasCredentials ? given : { ...given, authorization: `Bearer ${token}` };
}

/**
 * The server as tests that call `inject` directly see it: authenticated as the test admin, so
 * they need not know about authentication.
 */
function authenticatedServer(server: FastifyInstance, token: string): FastifyInstance {
  return new Proxy(server, {
    get(target, prop) {
      if (prop === 'inject') {
        return (options: InjectOptions | string) => {
          const opts = typeof options === 'string' ? { url: options } : options;
          return target.inject({ ...opts, headers: withBearer(opts.headers as Record<string, unknown> | undefined, token) as InjectOptions['headers'] });
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A thin JSON client over fastify.inject with the v1 prefix, sending `Authorization: Bearer
 * <token>` (the test admin's by default; `null`: anonymous). Explicit credentials in `headers` win.
 */
export class Api {
  constructor(
    readonly server: FastifyInstance,
    readonly token: string | null = TEST_ADMIN_TOKEN,
  ) {}

  /** The same client acting with another token, or anonymously (`null`). */
  as(token: string | null): Api {
    return new Api(this.server, token);
  }

  async request<T = any>(method: InjectOptions['method'], path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await this.server.inject({
      method,
      url: path.startsWith('/api') || path.startsWith('/health') ? path : `/api/v1${path}`,
      payload: body === undefined ? undefined : (body as InjectOptions['payload']),
      headers: withBearer(headers, this.token) as InjectOptions['headers'],
    });
    const text = res.body;
    let parsed: unknown = text;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && text.length > 0) parsed = JSON.parse(text);
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
}

export interface ApiTestContext extends TestContext {
  api: Api;
  server: FastifyInstance;
}

/** An app, its HTTP server and a client, on a fresh database of the dialect. */
export async function openApiTest(dialect: Dialect, options: { now?: string; timeZone?: string } = {}): Promise<ApiTestContext> {
  const ctx = await openTestApp(dialect, options);
  const server = await buildServer(ctx.app, { adminToken: TEST_ADMIN_TOKEN });
  return {
    ...ctx,
    server: authenticatedServer(server, TEST_ADMIN_TOKEN),
    api: new Api(server),
    close: async () => {
      await server.close();
      await ctx.close();
    },
  };
}
