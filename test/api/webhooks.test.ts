import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDueWebhooks, startWebhookDispatcher } from '../../src/app/webhooks.js';
import { addDays, allPages, created, expectError, JAM, ok, receive, seedWorld, ship, TODAY } from '../helpers/fixtures.js';
import { DIALECTS, openApiTest, type ApiTestContext } from '../helpers/test-app.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP endpoint on 127.0.0.1 that records what it is sent and answers `status`. */
class Receiver {
  readonly requests: Received[] = [];
  status = 200;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    let receiver!: Receiver;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        receiver.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(receiver.status, { 'content-type': 'text/plain' }).end(receiver.status < 300 ? 'ok' : 'receiver is down');
      });
    });
    receiver = new Receiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/lotline`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const hmac = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

for (const dialect of DIALECTS) {
  describe(`webhooks (${dialect})`, () => {
    let t: ApiTestContext;
    let receiver: Receiver;
    const advanceMinutes = (minutes: number) => t.clock.set(new Date(t.clock.now().getTime() + minutes * 60_000).toISOString());
    const subscribe = async (events: string[], secret?: string) => created(t.api.post('/webhooks', { url: receiver.url, events, ...(secret ? { secret } : {}) }));
    const deliveries = (id: string) => allPages(t.api, `/webhooks/${id}/deliveries`);

    beforeEach(async () => {
      t = await openApiTest(dialect);
      receiver = await Receiver.start();
      await seedWorld(t.api);
      await receive(t.api, [
        { sku: JAM, lot: 'OLD', quantity: 3, expiryDate: addDays(TODAY, -2) },
        { sku: JAM, lot: 'SOON', quantity: 4, expiryDate: addDays(TODAY, 6) },
      ]);
    });
    afterEach(async () => {
      await receiver.close();
      await t.close();
    });

    it('delivers a signed alert to a real endpoint', async () => {
      const hook = await subscribe(['lot.expired'], 'very-secret');
      expect(hook).toMatchObject({ url: receiver.url, events: ['lot.expired'], secret: 'very-secret', createdAt: '2026-06-15T10:00:00.000Z' });
      const run = await ok(t.api.post('/alerts/run'));
      expect(run.deliveriesQueued).toBe(1);
      const expired = run.raised.find((a: any) => a.kind === 'lot.expired');

      expect(await deliverDueWebhooks(t.app)).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      expect(receiver.requests).toHaveLength(1);
      const [request] = receiver.requests;
      expect(request!.headers['x-lotline-signature']).toBe(hmac('very-secret', request!.body));
      expect(request!.headers['x-lotline-event']).toBe('lot.expired');
      expect(request!.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request!.body)).toEqual({ id: expired.id, type: 'lot.expired', occurredAt: '2026-06-15T10:00:00.000Z', data: expired });

      const [log] = await deliveries(hook.id);
      expect(log).toMatchObject({ id: request!.headers['x-lotline-delivery'], webhook: hook.id, eventId: expired.id, eventType: 'lot.expired', status: 'delivered', attempts: 1, responseStatus: 200, lastError: null, nextAttemptAt: null });
      expect(log.payload).toEqual(JSON.parse(request!.body));
      // Nothing is sent twice.
      expect(await deliverDueWebhooks(t.app)).toMatchObject({ attempted: 0 });
      expect(receiver.requests).toHaveLength(1);
    });

    it('sends each subscriber only the types it asked for, and a recall.opened event', async () => {
      const expiring = await subscribe(['lot.expiring']);
      const recalls = await subscribe(['recall.opened']);
      expect(expiring.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
      await ok(t.api.post('/alerts/run'));
      await ship(t.api, 'SHOP', [{ sku: JAM, lot: 'SOON', quantity: 1 }]);
      const recall = await created(t.api.post('/recalls', { lots: [{ sku: JAM, lot: 'SOON' }], reason: 'foreign body' }));
      await created(t.api.post('/recalls', { lots: [{ sku: JAM, lot: 'OLD' }], reason: 'practice', drill: true }));
      await deliverDueWebhooks(t.app);

      expect((await deliveries(expiring.id)).map((d) => d.eventType)).toEqual(['lot.expiring']);
      const recallDeliveries = await deliveries(recalls.id);
      expect(recallDeliveries.map((d) => d.eventType)).toEqual(['recall.opened']);
      const sent = receiver.requests.find((r) => r.headers['x-lotline-event'] === 'recall.opened')!;
      expect(sent.headers['x-lotline-signature']).toBe(hmac(recalls.secret, sent.body));
      expect(JSON.parse(sent.body)).toMatchObject({
        id: recall.id,
        type: 'recall.opened',
        data: { recall: recall.id, reason: 'foreign body', hold: true, event: recall.event, lots: [{ sku: JAM, lot: 'SOON' }], customers: [{ code: 'SHOP', shipped: 1 }] },
      });
    });

    it('retries a failing endpoint with backoff by the app clock and gives up after six attempts', async () => {
      receiver.status = 500;
      const hook = await subscribe(['lot.expired'], 's');
      await ok(t.api.post('/alerts/run'));
      const waits = [1, 5, 30, 120, 720];
      for (let attempt = 1; attempt <= 6; attempt++) {
        expect(await deliverDueWebhooks(t.app)).toEqual({ attempted: 1, delivered: 0, retrying: attempt < 6 ? 1 : 0, failed: attempt < 6 ? 0 : 1 });
        const [log] = await deliveries(hook.id);
        expect(log).toMatchObject({ attempts: attempt, responseStatus: 500, lastError: 'HTTP 500: receiver is down', lastAttemptAt: t.clock.now().toISOString() });
        if (attempt === 6) {
          expect(log).toMatchObject({ status: 'failed', nextAttemptAt: null });
          break;
        }
        const wait = waits[attempt - 1]!;
        expect(log).toMatchObject({ status: 'pending', nextAttemptAt: new Date(t.clock.now().getTime() + wait * 60_000).toISOString() });
        // Not due a minute early.
        advanceMinutes(wait - 1);
        expect(await deliverDueWebhooks(t.app)).toMatchObject({ attempted: 0 });
        advanceMinutes(1);
      }
      expect(receiver.requests).toHaveLength(6);
      expect(new Set(receiver.requests.map((r) => r.headers['x-lotline-delivery'])).size).toBe(1);
      expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
      advanceMinutes(7 * 24 * 60);
      expect(await deliverDueWebhooks(t.app)).toMatchObject({ attempted: 0 });
    });

    it('recovers when the endpoint comes back, and reports network errors', async () => {
      const hook = await subscribe(['lot.expired']);
      await ok(t.api.post('/alerts/run'));
      const refused: typeof fetch = async () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      };
      expect(await deliverDueWebhooks(t.app, { fetch: refused })).toMatchObject({ retrying: 1 });
      expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'pending', lastError: 'fetch failed: ECONNREFUSED', responseStatus: null });
      advanceMinutes(1);
      expect(await deliverDueWebhooks(t.app)).toMatchObject({ delivered: 1 });
      expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 2, lastError: null, deliveredAt: t.clock.now().toISOString() });
    });

    it('hands each due delivery to exactly one of several concurrent dispatchers', async () => {
      await subscribe(['lot.expired', 'lot.expiring']);
      await subscribe(['lot.expired']);
      await ok(t.api.post('/alerts/run'));
      const rounds = await Promise.all([1, 2, 3].map(() => deliverDueWebhooks(t.app, { limit: 2 })));
      const more = await deliverDueWebhooks(t.app);
      expect(rounds.reduce((s, r) => s + r.attempted, 0) + more.attempted).toBe(3);
      expect(receiver.requests).toHaveLength(3);
      expect(new Set(receiver.requests.map((r) => r.headers['x-lotline-delivery'])).size).toBe(3);
    });

    it('runs as a background loop that stops cleanly', async () => {
      await subscribe(['lot.expired']);
      await ok(t.api.post('/alerts/run'));
      const stop = startWebhookDispatcher(t.app, { intervalMs: 20 });
      for (let i = 0; i < 100 && receiver.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await stop();
      expect(receiver.requests).toHaveLength(1);
    });

    it('lists, gets and deletes webhooks; deleting gives up pending deliveries', async () => {
      const a = await subscribe(['lot.expired']);
      const b = await subscribe(['recall.opened']);
      expect((await allPages(t.api, '/webhooks')).map((w) => [w.id, w.secret])).toEqual([
        [a.id, undefined],
        [b.id, undefined],
      ]);
      expect(await ok(t.api.get(`/webhooks/${a.id}`))).toEqual({ id: a.id, url: receiver.url, events: ['lot.expired'], createdAt: a.createdAt });
      await ok(t.api.post('/alerts/run'));
      expect((await t.api.request('DELETE', `/webhooks/${a.id}`)).status).toBe(204);
      expect(await deliverDueWebhooks(t.app)).toMatchObject({ attempted: 0 });
      expect(receiver.requests).toHaveLength(0);
      expectError(await t.api.get(`/webhooks/${a.id}`), 404, 'not_found');
      expectError(await t.api.get(`/webhooks/${a.id}/deliveries`), 404, 'not_found');
      expectError(await t.api.request('DELETE', `/webhooks/${a.id}`), 404, 'not_found');
      expect((await allPages(t.api, '/webhooks')).map((w) => w.id)).toEqual([b.id]);
    });

    it('refuses a non-http URL, no or unknown event types, and an empty secret', async () => {
      const post = (body: object) => t.api.post('/webhooks', { url: receiver.url, events: ['lot.expired'], ...body });
      expectError(await post({ url: 'ftp://example.com/hook' }), 400, 'invalid_request', 'url');
      expectError(await post({ url: 'not a url' }), 400, 'invalid_request', 'url');
      expectError(await post({ events: [] }), 400, 'invalid_request', 'events');
      expectError(await post({ events: ['lot.eaten'] }), 400, 'invalid_request', 'events.0');
      expectError(await post({ secret: '' }), 400, 'invalid_request', 'secret');
      expect(await allPages(t.api, '/webhooks')).toEqual([]);
    });
  });
}
