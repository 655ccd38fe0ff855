import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { caller, client, type Caller } from '../testing/http-test-kit.js';

/**
 * Input the schemas admitted but the database could not take (found by the
 * bad-input properties): each was a 500 and is now a 400 problem that
 * changes nothing.
 */
describeEachPlatform('input the database cannot store', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let admin: Caller;
  const call = client(() => http.url);
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform, 'admin')]);
  });
  afterAll(async () => {
    await http.stop();
  });

  it('refuses a NUL character in a body field or a query parameter with 400 VALIDATION.FAILED', async () => {
    const login = await call('POST', '/v1/auth/login', null, { email: 'a\u0000@example.com', password: 'long enough password' });
    expect(login.status).toBe(400);
    expect(login.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(login.body).toMatchObject({
      code: 'VALIDATION.FAILED',
      errors: [{ in: 'body', path: 'email', message: 'must not contain NUL characters or unpaired surrogates' }],
    });
    const audit = await call('GET', '/v1/admin/audit-log?subjectId=%00', admin);
    expect(audit.status).toBe(400);
    expect(audit.body.errors).toEqual([{ in: 'query', path: 'subjectId', message: 'must not contain NUL characters or unpaired surrogates' }]);
  });

  it('refuses an unpaired surrogate (which jsonb cannot hold) and records nothing', async () => {
    const response = await fetch(`${http.url}/v1/admin/prohibited-countries/XQ`, {
      method: 'PUT',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: '{"name":"Nowhere \\ud800","reason":"sanctions"}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([
      { in: 'body', path: 'name', message: 'must not contain NUL characters or unpaired surrogates' },
    ]);
    const listed = await call('GET', '/v1/admin/prohibited-countries', admin);
    expect(listed.body.countries.map((country: { code: string }) => country.code)).not.toContain('XQ');
  });

  it('keys an idempotent request by the input the route reads, so an ignored body nested 100,000 deep is no 500', async () => {
    const headers = { ...trader.headers, 'content-type': 'application/json', 'idempotency-key': 'deep-body-0001' };
    const path = `${http.url}/v1/funded-accounts/no-such-account/payouts`;
    const deep = `{"ignored":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const first = await fetch(path, { method: 'POST', headers, body: deep });
    expect(first.status).toBe(404);
    expect(((await first.json()) as { code: string }).code).toBe('FUNDED.NOT_FOUND');
    const again = await fetch(path, { method: 'POST', headers, body: '{}' });
    expect(again.status).toBe(404);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});
