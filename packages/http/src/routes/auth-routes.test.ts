import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';

describeEachPlatform(
  'auth over HTTP',
  (ctx) => {
    let http: RunningHttpServer;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${http.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    beforeAll(async () => {
      http = await startHttpServer(ctx.platform);
    });
    afterAll(async () => {
      await http.stop();
    });

    it('registers, signs in, and answers /v1/me with the bearer token', async () => {
      const registered = await post('/v1/auth/register', { email: 'trader@example.com', password: 'a long password', country: 'DE' });
      expect(registered.status).toBe(201);
      const login = await post('/v1/auth/login', { email: 'trader@example.com', password: 'a long password' });
      expect(login.status).toBe(200);
      const session = (await login.json()) as { accessToken: string; refreshToken: string; userId: string };
      const me = await fetch(`${http.url}/v1/me`, { headers: { authorization: `Bearer ${session.accessToken}` } });
      expect(await me.json()).toEqual({ userId: session.userId, role: 'trader' });
    });

    it('answers bad input with 400 problems listing each issue, never a 500', async () => {
      const response = await post('/v1/auth/register', { email: 'not-an-email', password: 'x', country: 'Germany', extra: 1 });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; errors: Array<{ path: string }> };
      expect(body.code).toBe('VALIDATION.FAILED');
      expect(body.errors.map((e) => e.path).sort()).toEqual(['', 'country', 'email', 'password']);
      expect((await post('/v1/auth/login', [])).status).toBe(400);
    });

    it('refuses a taken e-mail with 409 and wrong credentials with 401', async () => {
      const taken = await post('/v1/auth/register', { email: 'TRADER@example.com', password: 'a long password', country: 'DE' });
      expect(taken.status).toBe(409);
      expect(await taken.json()).toMatchObject({ code: 'USER.EMAIL_TAKEN' });
      const wrong = await post('/v1/auth/login', { email: 'trader@example.com', password: 'wrong password' });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    });

    it('refuses missing, malformed and forged bearer tokens', async () => {
      expect((await fetch(`${http.url}/v1/me`)).status).toBe(401);
      expect((await fetch(`${http.url}/v1/me`, { headers: { authorization: 'Basic abc' } })).status).toBe(401);
      expect((await fetch(`${http.url}/v1/me`, { headers: { authorization: 'Bearer a.b.c' } })).status).toBe(401);
    });

    it('rotates refresh tokens and refuses a reused one', async () => {
      const login = (await (await post('/v1/auth/login', { email: 'trader@example.com', password: 'a long password' })).json()) as { refreshToken: string };
      const rotated = await post('/v1/auth/refresh', { refreshToken: login.refreshToken });
      expect(rotated.status).toBe(200);
      const reused = await post('/v1/auth/refresh', { refreshToken: login.refreshToken });
      expect(reused.status).toBe(401);
      expect(await reused.json()).toMatchObject({ code: 'AUTH.REFRESH_REUSED' });
      const next = (await rotated.json()) as { refreshToken: string };
      expect((await post('/v1/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401);
    });

    it('serves an OpenAPI 3.1 document covering the routes, and the docs page', async () => {
      const document = (await (await fetch(`${http.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/v1/auth/register', '/v1/auth/login', '/v1/auth/refresh', '/v1/auth/logout', '/v1/me']),
      );
      const docs = await fetch(`${http.url}/docs/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
    });

    it('never lets a token response be cached', async () => {
      const login = await post('/v1/auth/login', { email: 'trader@example.com', password: 'a long password' });
      expect(login.headers.get('cache-control')).toBe('no-store');
      const { refreshToken } = (await login.json()) as { refreshToken: string };
      const refreshed = await post('/v1/auth/refresh', { refreshToken });
      expect(refreshed.headers.get('cache-control')).toBe('no-store');
    });

    it('rate-limits the auth routes with a 429 problem and says when to retry', async () => {
      let last: Response | undefined;
      for (let i = 0; i < 6; i += 1) last = await post('/v1/auth/login', { email: 'x@example.com', password: 'whatever pw' });
      expect(last!.status).toBe(429);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await last!.json()).toMatchObject({ code: 'HTTP.TOO_MANY_REQUESTS' });
    });
  },
  // A fixed clock keeps every attempt in one rate-limit window.
  { env: { AUTH_RATE_LIMIT_PER_MINUTE: '14' }, clock: new ManualClock('2026-11-02T15:00:10Z') },
);
