import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccountMetrics, ChallengePage } from '../schemas/challenge-schemas.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { buyChallenge, caller, client, type Caller } from '../testing/http-test-kit.js';

describeEachPlatform('challenges over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let other: Caller;
  let admin: Caller;
  let challengeId = '';
  const call = client(() => http.url);
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, other, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform), caller(ctx.platform, 'admin')]);
    challengeId = (await buyChallenge(call, http.url, trader)).challengeId;
  });
  afterAll(async () => {
    await http.stop();
  });

  it('lists the buyer’s challenges and serves metrics with the next reset instant', async () => {
    expect(challengeId).toEqual(expect.any(String));
    const list = await call('GET', '/v1/challenges', trader);
    expect(list.status).toBe(200);
    ChallengePage.parse(list.body);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([challengeId]);
    const metrics = await call('GET', `/v1/challenges/${challengeId}/metrics`, trader);
    expect(metrics.status).toBe(200);
    AccountMetrics.parse(metrics.body);
    expect(new Date(metrics.body.nextResetAt).getTime()).toBeGreaterThan(Date.now());
    expect(metrics.body.balance).toMatch(/^\d+(\.\d+)?$/);
    const history = await call('GET', `/v1/challenges/${challengeId}/history`, trader);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([]);
  });

  it('answers 404 for another trader’s challenge and 403 for admins-only routes', async () => {
    expect((await call('GET', `/v1/challenges/${challengeId}/metrics`, other)).status).toBe(404);
    expect((await call('GET', `/v1/challenges/${challengeId}/history`, other)).status).toBe(404);
    expect((await call('GET', `/v1/challenges/${challengeId}/verdicts/replay`, other)).status).toBe(404);
    expect((await call('GET', '/v1/challenges', other)).body.items).toEqual([]);
    expect((await call('GET', '/v1/admin/challenges', trader)).status).toBe(403);
    expect((await call('POST', `/v1/admin/challenges/${challengeId}/breach-override`, trader, { reason: 'goodwill' })).status).toBe(403);
  });

  it('lets an admin list every challenge; a breach override needs a reason', async () => {
    const all = await call('GET', `/v1/admin/challenges?traderId=${trader.userId}`, admin);
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([challengeId]);
    const noReason = await call('POST', `/v1/admin/challenges/${challengeId}/breach-override`, admin, {});
    expect(noReason.status).toBe(400);
    const notBreached = await call('POST', `/v1/admin/challenges/${challengeId}/breach-override`, admin, { reason: 'platform outage' });
    expect(notBreached.status).toBeGreaterThanOrEqual(409);
    expect(notBreached.status).toBeLessThan(500);
  });
});
