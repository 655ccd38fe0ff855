import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { caller, type Caller } from '../testing/http-test-kit.js';
import { adminRoutes } from './admin-routes.js';

describeEachPlatform('admin routes over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let admin: Caller;
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform, 'admin')]);
  });
  afterAll(async () => {
    await http.stop();
  });

  it('refuses every admin route to anonymous callers (401) and to traders (403), before reading the request', async () => {
    const routes = adminRoutes(ctx.platform.useCases);
    expect(routes.every((route) => route.access === 'admin' && route.path.startsWith('/v1/admin/'))).toBe(true);
    for (const route of routes) {
      const url = `${http.url}${route.path.replace(/:(\w+)/g, 'x1')}`;
      const init = { method: route.method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: route.method === 'get' ? undefined : '{}' };
      expect([route.path, (await fetch(url, init)).status]).toEqual([route.path, 401]);
      const asTrader = await fetch(url, { ...init, headers: { ...init.headers, ...trader.headers } });
      expect([route.path, asTrader.status]).toEqual([route.path, 403]);
    }
  });

  it('shows the admin the audit trail of their own changes', async () => {
    const set = await fetch(`${http.url}/v1/admin/prohibited-countries/BR`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...admin.headers },
      body: JSON.stringify({ name: 'Brazil', reason: 'regulatory' }),
    });
    expect(set.status).toBe(200);
    const audit = await fetch(`${http.url}/v1/admin/audit-log?subjectType=prohibited_country&subjectId=BR`, { headers: admin.headers });
    const page = (await audit.json()) as { entries: Array<{ actorId: string; action: string }> };
    expect(page.entries[0]).toMatchObject({ actorId: admin.userId, action: 'compliance.prohibited_country_set' });
  });
});
