import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { created, JAM, receive, seedWorld, WH1 } from '../helpers/fixtures.js';
import { Api, DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

const PASSWORD = 'correct horse battery';

/** The session cookie a login set, as a request header value. */
function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const set = [res.headers['set-cookie']].flat().map(String);
  const cookie = set.find((c) => c.startsWith('lotline_session='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

async function login(api: Api, username: string, password = PASSWORD) {
  return api.as(null).post('/auth/login', { username, password });
}

for (const dialect of DIALECTS) {
  describe(`authentication (${dialect})`, () => {
    let t: ApiTestContext;
    beforeEach(async () => {
      t = await openApiTest(dialect);
    });
    afterEach(() => t.close());

    async function user(username: string, role: string) {
      return created(t.api.post('/users', { username, password: PASSWORD, role }));
    }

    it('refuses anonymous and badly authenticated calls with 401, keeps /health public', async () => {
      const anonymous = t.api.as(null);
      expect((await anonymous.get('/health')).status).toBe(200);
      const res = await anonymous.get('/items');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect((await t.api.as('not-a-token').get('/items')).status).toBe(401);
      expect((await anonymous.request('GET', '/items', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' })).status).toBe(401);
      expect((await anonymous.request('GET', '/items', undefined, { cookie: 'lotline_session=forged' })).status).toBe(401);
      // An unknown route tells an anonymous caller nothing either.
      expect((await anonymous.get('/no-such-thing')).status).toBe(401);
      expect((await t.api.get('/no-such-thing')).status).toBe(404);
    });

    it('signs in with a password: an httpOnly SameSite=Lax cookie, /auth/me, and sign-out ends it', async () => {
      await user('alice', 'qa');
      const res = await login(t.api, 'alice');
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: 'alice', role: 'qa', disabled: false });
      expect(JSON.stringify(res.body)).not.toContain('hash');
      const setCookie = String([res.headers['set-cookie']].flat()[0]);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).not.toMatch(/Secure/); // plain http here; https gets it (LOTLINE_SECURE_COOKIES=auto)
      const cookie = sessionCookie(res);
      const browser = t.api.as(null);
      const me = await browser.request('GET', '/auth/me', undefined, { cookie });
      expect(me.body).toEqual({ username: 'alice', role: 'qa', via: 'session', tokenId: null, today: '2026-06-15', timeZone: t.app.timeZone });
      expect((await browser.request('GET', '/stock', undefined, { cookie })).status).toBe(200);
      expect((await browser.request('POST', '/receipts', {}, { cookie })).status).toBe(403);

      expect((await browser.request('POST', '/auth/logout', undefined, { cookie })).status).toBe(204);
      expect((await browser.request('GET', '/auth/me', undefined, { cookie })).status).toBe(401);
      // The session id is stored only as a hash.
      const rows = await t.app.store.db.selectFrom('sessions').selectAll().execute();
      expect(rows.every((r) => !cookie.includes(r.id_hash))).toBe(true);
    });

    it('sets Secure on the cookie when the request came over https through a trusted proxy', async () => {
      await user('alice', 'viewer');
      const server = await buildServer(t.app, { trustProxy: true });
      try {
        const res = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'alice', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
        expect(res.statusCode).toBe(200);
        expect(String([res.headers['set-cookie']].flat()[0])).toMatch(/Secure/);
      } finally {
        await server.close();
      }
    });

    it('refuses wrong passwords and unknown users alike, stores only argon2id hashes, and limits guessing', async () => {
      await user('bob', 'viewer');
      const wrong = await login(t.api, 'bob', 'not the password');
      const unknown = await login(t.api, 'nobody', 'not the password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error.message).toBe(unknown.body.error.message);
      const stored = await t.app.store.db.selectFrom('users').select('password_hash').where('username', '=', 'bob').executeTakeFirstOrThrow();
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
      for (let i = 0; i < 9; i++) await login(t.api, 'bob', 'guess'); // 10 attempts in the minute
      const limited = await login(t.api, 'bob', PASSWORD);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      // The limit is per client address and username: another user signs in meanwhile.
      await user('carol', 'viewer');
      expect((await login(t.api, 'carol')).status).toBe(200);
    });

    it('creates API tokens shown once, with a role no greater than the creator’s, revocable', async () => {
      await user('wendy', 'warehouse');
      const cookie = sessionCookie(await login(t.api, 'wendy'));
      const browser = t.api.as(null);
      const asWendy = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => browser.request(method, path, body, { cookie });

      const made = await asWendy('POST', '/tokens', { name: 'scanner', role: 'warehouse' });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ name: 'scanner', role: 'warehouse', createdBy: 'wendy', revoked: false });
      expect(made.body.token).toMatch(/^llt_[A-Za-z0-9_-]{43}$/);
      const denied = await asWendy('POST', '/tokens', { name: 'sneaky', role: 'qa' });
      expect(denied.status).toBe(403);
      expect(denied.body.error.code).toBe('forbidden');
      expect((await asWendy('POST', '/tokens', { name: 'reader', role: 'viewer' })).status).toBe(201);

      const listed = await asWendy('GET', '/tokens');
      expect(listed.body.items.map((x: { name: string }) => x.name).sort()).toEqual(['reader', 'scanner']);
      expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
      const stored = await t.app.store.db.selectFrom('api_tokens').selectAll().where('id', '=', made.body.id).executeTakeFirstOrThrow();
      expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.token_hash).not.toBe(made.body.token);

      const scanner = t.api.as(made.body.token);
      expect((await scanner.get('/auth/me')).body).toMatchObject({ username: 'wendy', role: 'warehouse', via: 'token', tokenId: made.body.id });
      await seedWorld(t.api);
      expect((await scanner.post('/receipts', { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'L1', quantity: 5 }] })).status).toBe(201);

      // The admin sees every token (including its own LOTLINE_ADMIN_TOKEN) and may revoke any.
      const all = await t.api.get('/tokens');
      expect(all.body.items.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['scanner', 'reader', 'LOTLINE_ADMIN_TOKEN']));
      expect((await asWendy('DELETE', `/tokens/${all.body.items.find((x: { name: string }) => x.name === 'LOTLINE_ADMIN_TOKEN').id}`)).status).toBe(404);
      const revoked = await asWendy('DELETE', `/tokens/${made.body.id}`);
      expect(revoked.body).toMatchObject({ revoked: true });
      expect((await scanner.get('/stock')).status).toBe(401);
    });

    it('disabling a user ends their sessions and stops their tokens at once', async () => {
      await user('dave', 'viewer');
      const cookie = sessionCookie(await login(t.api, 'dave'));
      const token = (await t.api.as(null).request('POST', '/tokens', { name: 'report', role: 'viewer' }, { cookie })).body.token;
      expect((await t.api.as(token).get('/stock')).status).toBe(200);
      const disabled = await t.api.post('/users/dave/disable');
      expect(disabled.body).toMatchObject({ username: 'dave', disabled: true });
      expect((await t.api.as(token).get('/stock')).status).toBe(401);
      expect((await t.api.as(null).request('GET', '/stock', undefined, { cookie })).status).toBe(401);
      expect((await login(t.api, 'dave')).status).toBe(401);
      expect((await t.api.post('/users/dave/disable')).status).toBe(409);
      expect((await t.api.post('/users/nobody/disable')).status).toBe(404);
    });

    it('validates new users: unique usernames, long enough passwords, known roles', async () => {
      await user('erin', 'viewer');
      expect((await t.api.post('/users', { username: 'erin', password: PASSWORD, role: 'viewer' })).status).toBe(409);
      expect((await t.api.post('/users', { username: 'frank', password: 'short', role: 'viewer' })).status).toBe(400);
      expect((await t.api.post('/users', { username: 'frank', password: PASSWORD, role: 'root' })).status).toBe(400);
      expect((await t.api.post('/users', { username: ' frank', password: PASSWORD, role: 'viewer' })).status).toBe(400);
      const list = await t.api.get('/users');
      expect(list.body.items).toEqual([expect.objectContaining({ username: 'erin', role: 'viewer' })]);
      expect(JSON.stringify(list.body)).not.toContain('argon2');
    });

    it('records who made each event and from where, and audits master data with the caller', async () => {
      await user('gina', 'warehouse');
      const cookie = sessionCookie(await login(t.api, 'gina'));
      await seedWorld(t.api);
      const receipt = await t.api.as(null).request('POST', '/receipts', { supplier: 'FARM', location: WH1, lines: [{ sku: JAM, lot: 'A', quantity: 3 }] }, { cookie });
      expect(receipt.status).toBe(201);
      const row = await t.app.store.db.selectFrom('events').select(['actor', 'client_address']).where('id', '=', receipt.body.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ actor: 'user:gina', client_address: '127.0.0.1' });
      // Any reader of the ledger sees who recorded an event (the client address stays in the audit trail).
      const shown = (await t.api.get(`/events/${receipt.body.id}`)).body;
      expect(shown.actor).toBe('user:gina');
      expect(JSON.stringify(shown)).not.toContain('127.0.0.1');
      await receive(t.api, [{ sku: JAM, lot: 'B', quantity: 1 }]);
      const adminTokenId = (await t.api.get('/auth/me')).body.tokenId;
      const last = await t.app.store.db.selectFrom('events').select('actor').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(last.actor).toBe(`token:${adminTokenId}`);

      const audit = await t.api.get(`/audit?entity=item&actor=${encodeURIComponent(`token:${adminTokenId}`)}`);
      expect(audit.status).toBe(200);
      expect(audit.body.items.map((e: { entityId: string }) => e.entityId).sort()).toEqual(['JAM-500', 'STRAW', 'SUGAR']);
      expect(audit.body.items[0]).toMatchObject({ action: 'create', clientAddress: '127.0.0.1', before: null, after: expect.objectContaining({ sku: expect.any(String) }) });
      expect((await t.api.get('/audit?from=2030-01-01')).body.items).toEqual([]);
      expect((await t.api.get('/audit?from=yesterday')).status).toBe(400);
    });

    it('sends security headers and no stack traces', async () => {
      const res = await t.api.get('/stock');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
}
