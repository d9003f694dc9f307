import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createItem } from '../../src/app/items.js';
import { DIALECTS, TEST_ADMIN_TOKEN } from '../helpers/test-app.js';
import { freshDatabaseUrl, openCliDatabase, type CliDatabase, type CliResult } from './cli-harness.js';

/** What the harness's LOTLINE_ADMIN_TOKEN lets a client send. */
const asAdmin = { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } };

/** Starts `serve` in-process; resolves once it prints its URL, with a way to stop it. */
async function startServe(db: CliDatabase, args: string[] = []): Promise<{ url: string; out: () => string; stop: () => Promise<CliResult> }> {
  const abort = new AbortController();
  let printed = '';
  let announce: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => (announce = resolve));
  const running = db.cli(['serve', '--port', '0', '--log-level', 'silent', ...args], {
    stop: abort.signal,
    onOut: (text) => {
      printed += `${text}\n`;
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (url) announce(url);
    },
  });
  const url = await Promise.race([
    listening,
    running.then((r): never => {
      throw new Error(`serve exited early (${r.code}): ${r.err}`);
    }),
  ]);
  return {
    url,
    out: () => printed,
    stop: async () => {
      abort.abort();
      return running;
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`lotline serve (${dialect})`, () => {
    it('listens on a free port, answers /health, and stops cleanly', async () => {
      const db = await openCliDatabase(dialect);
      try {
        const server = await startServe(db);
        const res = await fetch(`${server.url}/health`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ status: 'ok', db: dialect });
        const result = await server.stop();
        expect(result.code).toBe(0);
        expect(result.err).toBe('');
        expect(result.out).toContain('stop requested: shutting down');
        await expect(fetch(`${server.url}/health`)).rejects.toThrow();
      } finally {
        await db.close();
      }
    });

    it('with --demo leaves a database that already has data alone', async () => {
      const db = await openCliDatabase(dialect);
      try {
        await createItem(db.app, { sku: 'MINE', name: 'My own item' });
        const server = await startServe(db, ['--demo']);
        const items = (await (await fetch(`${server.url}/api/v1/items`, asAdmin)).json()) as { items: { sku: string }[] };
        await server.stop();
        expect(server.out()).toContain('the database already has data; not seeding the demo');
        expect(items.items.map((i) => i.sku)).toEqual(['MINE']);
      } finally {
        await db.close();
      }
    });
  });
}

describe('lotline serve --demo (sqlite)', () => {
  it('seeds an empty database on the first start only', { timeout: 120_000 }, async () => {
    const db = await openCliDatabase('sqlite');
    try {
      const first = await startServe(db, ['--demo']);
      const customers = (await (await fetch(`${first.url}/api/v1/parties?role=customer&limit=1000`, asAdmin)).json()) as { items: unknown[] };
      await first.stop();
      expect(first.out()).toMatch(/demo seeded in [\d.]+ s/);
      expect(first.out()).toMatch(/demo sign-ins[\s\S]*viewer\s+│ viewer\s+│ demo-viewer-password/);
      expect(customers.items).toHaveLength(1000);

      const second = await startServe(db, ['--demo']);
      await second.stop();
      expect(second.out()).toContain('the database already has data; not seeding the demo');
    } finally {
      await db.close();
    }
  });
});

describe('lotline serve as a process', () => {
  it('shuts down on SIGTERM with exit code 0', async () => {
    const { url, drop } = await freshDatabaseUrl('sqlite');
    const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'serve', '--port', '0', '--log-level', 'silent'], {
      env: { ...process.env, LOTLINE_DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const address = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /listening on (http:\/\/\S+)/.exec(out)?.[1];
          if (found) resolve(found);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${err}`)));
      });
      expect((await fetch(`${address}/health`)).status).toBe(200);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(out).toContain('SIGTERM: shutting down');
      expect(err).toBe('');
    } finally {
      child.kill('SIGKILL');
      await drop();
    }
  });
});
