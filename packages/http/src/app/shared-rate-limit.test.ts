import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from './http-server.js';

const clock = new ManualClock('2026-11-02T15:00:05Z');

describeEachPlatform(
  'the sign-in limit, shared by every API process',
  (ctx) => {
    let first: RunningHttpServer;
    let second: RunningHttpServer;
    const login = (server: RunningHttpServer, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password' }),
      });
    beforeAll(async () => {
      // Two API servers over one database, as two processes would be: each has its own limiter.
      first = await startHttpServer(ctx.platform);
      second = await startHttpServer(ctx.platform);
    });
    afterAll(async () => {
      await first.stop();
      await second.stop();
      clock.set('2026-11-02T15:00:05Z');
    });

    it('counts attempts across servers, ignores X-Forwarded-For from an untrusted peer, and opens again in the next window', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        // A client cannot pick a fresh address per attempt: without TRUST_PROXY the header is not believed.
        const response = await login(attempt % 2 === 0 ? first : second, { 'x-forwarded-for': `203.0.113.${attempt}` });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      const refused = await login(first);
      expect(refused.headers.get('retry-after')).toBe('55');
      clock.advance(55_000);
      expect((await login(second)).status).toBe(401);
    });
  },
  { clock, env: { AUTH_RATE_LIMIT_PER_MINUTE: '4' } },
);

describeEachPlatform(
  'the sign-in limit behind a trusted proxy',
  (ctx) => {
    let server: RunningHttpServer;
    const login = (client: string) =>
      fetch(`${server.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password' }),
      });
    beforeAll(async () => {
      server = await startHttpServer(ctx.platform);
    });
    afterAll(async () => {
      await server.stop();
    });

    it('counts each client named by the trusted proxy on its own', async () => {
      expect((await login('198.51.100.1')).status).toBe(401);
      expect((await login('198.51.100.1')).status).toBe(401);
      expect((await login('198.51.100.1')).status).toBe(429);
      expect((await login('198.51.100.2')).status).toBe(401);
    });
  },
  { clock: new ManualClock('2026-11-02T16:00:05Z'), env: { AUTH_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' } },
);
