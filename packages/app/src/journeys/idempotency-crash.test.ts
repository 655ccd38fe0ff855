import { startFakeStripe, type FakeStripe } from '@tradesense/bootstrap/testing';
import { processDatabaseTargets } from '@tradesense/worker/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAppProcess, type AppProcess } from '../testing/app-process.js';

/** Keys whose orders go through the simulated gateway: answered before the process dies. */
const ANSWERED = ['crash-order-sim-1', 'crash-order-sim-2', 'crash-order-sim-3'];
/** Keys whose orders go through Stripe, which does not answer them: in flight when the process dies. */
const IN_FLIGHT = ['crash-order-stripe-1', 'crash-order-stripe-2', 'crash-order-stripe-3', 'crash-order-stripe-4'];
const LEASE_SECONDS = 5;

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(app: AppProcess, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** A provider endpoint that takes requests and never answers them (a provider hanging mid-call). */
async function startHoldingServer(): Promise<{ url: string; held: IncomingMessage[]; close(): Promise<void> }> {
  const held: IncomingMessage[] = [];
  const server: Server = createServer((req) => held.push(req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The API process is killed (SIGKILL) while orders with Idempotency-Keys are
 * in flight: some answered, others claimed with their order stored while
 * the payment provider is still being asked for a checkout. After a restart
 * every retry of every key ends with one order (the one a key was first
 * answered with, or the one its dead attempt stored), and the buyer has
 * exactly one order per key.
 */
for (const target of processDatabaseTargets()) {
  describe(`an API process killed with orders in flight [${target.driver}]`, () => {
    let dispose: (() => Promise<void>) | undefined;
    let workDir = '';
    let env: Record<string, string> = {};
    let app: AppProcess | undefined;
    let holding: Awaited<ReturnType<typeof startHoldingServer>>;
    let stripe: FakeStripe;

    beforeAll(async () => {
      const created = await target.create();
      dispose = created.dispose;
      workDir = mkdtempSync(join(tmpdir(), 'tradesense-idempotency-crash-'));
      [holding, stripe] = await Promise.all([startHoldingServer(), startFakeStripe()]);
      env = {
        TRADESENSE_DATA_DIR: workDir,
        IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS),
        AUTH_RATE_LIMIT_PER_MINUTE: '1000',
        STRIPE_SECRET_KEY: 'sk_test_crash',
        STRIPE_WEBHOOK_SECRET: 'whsec_crash',
        ...('url' in created.location ? { DATABASE_URL: created.location.url, KYC_DOCUMENT_HASH_KEY: 'k'.repeat(32), SIMULATED_PAYMENTS_SECRET: 's'.repeat(32) } : {}),
      };
    });
    afterAll(async () => {
      await app?.stop('SIGKILL');
      await Promise.all([holding?.close(), stripe?.close()]);
      await dispose?.();
      rmSync(workDir, { recursive: true, force: true });
    });

    // Two starts of the whole platform as a child process, and the lease of the killed claims to run out.
    it('every key ends with exactly one order after a restart', { timeout: 300_000 }, async () => {
      app = await startAppProcess({ ...env, STRIPE_API_BASE_URL: holding.url });
      const email = `crash-${Date.now()}@example.com`;
      const password = 'Harbour-Quartz-Lantern-27';
      expect((await call(app, 'POST', '/v1/auth/register', { email, password, country: 'DE' })).status).toBe(201);
      const signedIn = await call(app, 'POST', '/v1/auth/login', { email, password });
      const bearer = { authorization: `Bearer ${signedIn.body.accessToken as string}` };
      const model = (await call(app, 'GET', '/v1/catalog')).body.models[0];
      const orderThrough = (gatewayId: string) => ({ gatewayId, modelId: model.id, balance: model.sizes[0].balance });
      const gatewayOf = (key: string) => (IN_FLIGHT.includes(key) ? 'stripe' : 'simulated');
      const place = (on: AppProcess, key: string) => call(on, 'POST', '/v1/orders', orderThrough(gatewayOf(key)), { ...bearer, 'idempotency-key': key });

      const firstAnswers = new Map<string, string>();
      for (const key of ANSWERED) {
        const reply = await place(app, key);
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        firstAnswers.set(key, reply.body.order.id);
      }
      // Each in-flight request has claimed its key and stored its order when it reaches the provider.
      const dying = app;
      const inFlight = IN_FLIGHT.map((key) => place(dying, key).catch((error: unknown) => error));
      await vi.waitFor(() => expect(holding.held.length).toBe(IN_FLIGHT.length), { timeout: 60_000, interval: 100 });
      expect(await dying.stop('SIGKILL')).toBe('SIGKILL');
      expect((await Promise.all(inFlight)).every((outcome) => outcome instanceof Error)).toBe(true);

      // The provider answers again after the restart.
      app = await startAppProcess({ ...env, STRIPE_API_BASE_URL: stripe.url });
      const restarted = app;
      // The dead attempts stored their orders before the provider was asked: seven orders, four without a checkout.
      const before = await call(restarted, 'GET', '/v1/orders?limit=100', undefined, bearer);
      expect(before.body.items).toHaveLength(ANSWERED.length + IN_FLIGHT.length);
      const finalAnswers = new Map<string, string>();
      for (const key of [...ANSWERED, ...IN_FLIGHT]) {
        for (let attempt = 0; ; attempt += 1) {
          const reply = await place(restarted, key);
          if (reply.status === 409 && reply.body.code === 'IDEMPOTENCY.IN_PROGRESS' && attempt < 10) {
            // A claim of the killed process still within its lease: the retry takes it over once it has run out.
            const wait = Number(reply.headers.get('retry-after'));
            expect(wait).toBeGreaterThan(0);
            expect(wait).toBeLessThanOrEqual(LEASE_SECONDS);
            await new Promise((resolve) => setTimeout(resolve, wait * 1000));
            continue;
          }
          expect(reply.status, JSON.stringify(reply.body)).toBe(201);
          if (IN_FLIGHT.includes(key)) expect(reply.body.checkout.redirectUrl).toMatch(/^https:\/\/checkout\.stripe\.test\//);
          finalAnswers.set(key, reply.body.order.id);
          break;
        }
      }
      // Answered keys are answered as they first were.
      for (const [key, orderId] of firstAnswers) expect(finalAnswers.get(key)).toBe(orderId);
      // Still one order per key and no other: the taken-over retries found the orders their dead attempts stored.
      const listed = await call(restarted, 'GET', '/v1/orders?limit=100', undefined, bearer);
      const ids = (listed.body.items as { id: string }[]).map((item) => item.id).sort();
      expect(ids).toEqual([...finalAnswers.values()].sort());
      expect(new Set(finalAnswers.values()).size).toBe(ANSWERED.length + IN_FLIGHT.length);
      // And one checkout per in-flight order at the provider that answered.
      expect(stripe.created['/v1/checkout/sessions']).toBe(IN_FLIGHT.length);
      const replay = await place(restarted, IN_FLIGHT[0]!);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.order.id).toBe(finalAnswers.get(IN_FLIGHT[0]!));
      await restarted.stop('SIGTERM');
    });
  });
}
