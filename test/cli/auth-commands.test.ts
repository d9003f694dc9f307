import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userInfo } from 'node:os';
import { createItem } from '../../src/app/items.js';
import { checkPassword } from '../../src/app/users.js';
import { DIALECTS } from '../helpers/test-app.js';
import { openCliDatabase, type CliDatabase } from './cli-harness.js';

for (const dialect of DIALECTS) {
  describe(`lotline user, token and audit (${dialect})`, () => {
    let db: CliDatabase;
    beforeEach(async () => {
      db = await openCliDatabase(dialect);
    });
    afterEach(() => db.close());

    it('adds, lists and disables users; a generated password is printed once and works', async () => {
      const added = await db.cli(['user', 'add', 'alice', '--role', 'qa']);
      expect(added.code).toBe(0);
      const password = /password \(shown only now\): (\S+)/.exec(added.out)![1]!;
      expect(await checkPassword(db.app, 'alice', password)).toBeDefined();
      const fromEnv = await db.cli(['user', 'add', 'bob', '--role', 'viewer', '--password-env', 'BOB_PW'], { env: { BOB_PW: 'a long enough password' } });
      expect(fromEnv.out).not.toContain('a long enough password');
      expect(await checkPassword(db.app, 'bob', 'a long enough password')).toBeDefined();
      expect((await db.cli(['user', 'add', 'carl', '--role', 'root'])).code).not.toBe(0);

      const list = JSON.parse((await db.cli(['user', 'list', '--json'])).out);
      expect(list.map((u: { username: string; role: string }) => `${u.username}:${u.role}`)).toEqual(['alice:qa', 'bob:viewer']);
      expect((await db.cli(['user', 'disable', 'alice'])).code).toBe(0);
      expect(await checkPassword(db.app, 'alice', password)).toBeUndefined();
      expect((await db.cli(['user', 'disable', 'nobody'])).err).toMatch(/^lotline: .*not found/);
    });

    it('creates, lists and revokes tokens, and the audit shows the CLI user did it', async () => {
      const made = JSON.parse((await db.cli(['token', 'create', 'erp', '--role', 'warehouse', '--json'])).out);
      expect(made).toMatchObject({ name: 'erp', role: 'warehouse', createdBy: null });
      expect(made.token).toMatch(/^llt_/);
      const listed = JSON.parse((await db.cli(['token', 'list', '--json'])).out);
      expect(listed.map((x: { name: string }) => x.name)).toEqual(['erp']);
      expect((await db.cli(['token', 'revoke', made.id])).code).toBe(0);
      expect(JSON.parse((await db.cli(['token', 'list', '--json'])).out)[0]).toMatchObject({ revoked: true });

      const audit = JSON.parse((await db.cli(['audit', '--entity', 'token', '--json'])).out);
      expect(audit.map((e: { action: string; actor: string }) => `${e.action} by ${e.actor}`)).toEqual([`revoke by cli:${userInfo().username}`, `create by cli:${userInfo().username}`]);
      const table = await db.cli(['audit']);
      expect(table.out).toMatch(/token\s+│/);
      expect((await db.cli(['verify'])).out).toMatch(/audit chain\s+│ ok\s+│ 2 audit entries/);
    });

    it('serve on a database without users creates admin with a one-time password, once', async () => {
      await createItem(db.app, { sku: 'MINE', name: 'Mine' });
      const abort = new AbortController();
      let printed = '';
      const running = db.cli(['serve', '--port', '0', '--log-level', 'silent'], {
        stop: abort.signal,
        onOut: (text) => {
          printed += `${text}\n`;
          if (text.includes('listening on')) abort.abort();
        },
      });
      expect((await running).code).toBe(0);
      const password = /one-time password: (\S+)/.exec(printed)?.[1];
      expect(password).toBeDefined();
      expect(await checkPassword(db.app, 'admin', password!)).toBeDefined();
      const again = await db.cli(['user', 'list', '--json']);
      expect(JSON.parse(again.out)).toHaveLength(1);
    });
  });
}
