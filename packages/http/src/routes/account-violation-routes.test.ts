import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform, openChallenge } from '@tradesense/bootstrap/testing';
import { Decimal, STELLAR_2STEP, type ChallengeModelState } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { AdminTradingAccountViolation, AdminViolationPage, TradingAccountViolationList, TradingAccountViolationReplay } from '../schemas/trading-account-schemas.js';
import { caller, client, type Caller } from '../testing/http-test-kit.js';

// Tuesday 3 November 2026, markets open.
const START = '2026-11-03T14:00:00.000Z';
const clock = new ManualClock(START);

/** The two-step model with at most one trade a day (a `flag` restriction, docs/rules.md §14). */
const model: ChallengeModelState = {
  ...STELLAR_2STEP,
  parameters: { ...STELLAR_2STEP.parameters, restrictions: { ...STELLAR_2STEP.parameters.restrictions, maxTradesPerDay: 1 } },
};

describeEachPlatform(
  'restriction violations over HTTP: the review queue, the trader list, replay and the audited clearing',
  (ctx) => {
    let http: RunningHttpServer;
    let trader: Caller;
    let other: Caller;
    let admin: Caller;
    let login = '';
    const call = client(() => http.url);

    beforeAll(async () => {
      clock.set(START);
      http = await startHttpServer(ctx.platform);
      [trader, other, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform), caller(ctx.platform, 'admin')]);
      login = (await openChallenge(ctx.platform, { traderId: trader.userId, at: clock.now(), model })).login;
      const server = ctx.platform.get(SIMULATED_TRADING_SERVER);
      for (const minute of ['01', '02']) {
        clock.set(`2026-11-03T14:${minute}:00.000Z`);
        await server.pushTick({ symbol: 'EURUSD', bid: new Decimal('1.08500'), ask: new Decimal('1.08510'), time: clock.now() });
        await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: new Decimal('0.10') });
      }
      expect((await ctx.platform.useCases.recordAccountDeals.execute({ login })).ok).toBe(true);
    });
    afterAll(async () => {
      await http.stop();
    });

    it('queues a flagged violation, lists and replays it for its trader, clears it once with a reason (audited), and keeps it listed as cleared', async () => {
      const mine = await call('GET', `/v1/accounts/${login}/violations`, trader);
      expect(mine.status).toBe(200);
      const listed = TradingAccountViolationList.parse(mine.body).items;
      expect(listed).toEqual([expect.objectContaining({ login, status: 'open', cleared: null, tradingDay: '2026-11-03' })]);
      expect(listed[0]!.violation).toMatchObject({ restriction: 'max_trades_per_day', action: 'flag', limit: '1', observed: '2' });
      const violationId = listed[0]!.violationId;
      const path = `/v1/accounts/${login}/violations/${encodeURIComponent(violationId)}`;

      const queue = await call('GET', '/v1/admin/violations?limit=100', admin);
      expect(queue.status).toBe(200);
      expect(AdminViolationPage.parse(queue.body).items.filter((item) => item.login === login).map((item) => item.violationId)).toEqual([violationId]);

      const replay = await call('GET', `${path}/replay`, trader);
      expect(replay.status).toBe(200);
      expect(TradingAccountViolationReplay.parse(replay.body)).toMatchObject({ violationId, status: 'open', matches: true });

      // Another trader's login is not disclosed; traders get no admin route.
      expect([(await call('GET', `/v1/accounts/${login}/violations`, other)).body.code]).toEqual(['TRADING_ACCOUNT.NOT_FOUND']);
      expect((await call('GET', `${path}/replay`, other)).status).toBe(404);
      expect((await call('GET', '/v1/admin/violations', trader)).status).toBe(403);
      const clearPath = `/v1/admin/accounts/${login}/violations/${encodeURIComponent(violationId)}/clear`;
      expect((await call('POST', clearPath, trader, { reason: 'my own review' })).status).toBe(403);

      // Unknown login or violation: 404.
      expect((await call('POST', `/v1/admin/accounts/${login}/violations/max_trades_per_day:0/clear`, admin, { reason: 'no such one' })).body.code).toBe(
        'TRADING_ACCOUNT.VIOLATION_NOT_FOUND',
      );
      expect((await call('POST', `/v1/admin/accounts/99999999/violations/${encodeURIComponent(violationId)}/clear`, admin, { reason: 'no such one' })).body.code).toBe(
        'TRADING_ACCOUNT.NOT_FOUND',
      );
      expect((await call('POST', clearPath, admin, { reason: 'x' })).status).toBe(400);

      clock.set('2026-11-03T14:05:00.000Z');
      const cleared = await call('POST', clearPath, admin, { reason: 'scalping review: within the desk policy' });
      expect(cleared.status).toBe(200);
      expect(AdminTradingAccountViolation.parse(cleared.body)).toMatchObject({
        violationId,
        status: 'cleared',
        cleared: { adminId: admin.userId, reason: 'scalping review: within the desk policy', at: '2026-11-03T14:05:00.000Z' },
      });

      const audit = await call('GET', `/v1/admin/audit-log?subjectType=trading_account&subjectId=${login}&action=trading_account.violation_cleared`, admin);
      expect(audit.body.entries).toEqual([
        expect.objectContaining({
          actorId: admin.userId,
          action: 'trading_account.violation_cleared',
          subjectType: 'trading_account',
          subjectId: login,
          details: expect.objectContaining({ violationId, reason: 'scalping review: within the desk policy', original: listed[0]!.violation }),
        }),
      ]);

      const after = AdminViolationPage.parse((await call('GET', '/v1/admin/violations?limit=100', admin)).body);
      expect(after.items.filter((item) => item.login === login)).toEqual([]);
      const stillListed = TradingAccountViolationList.parse((await call('GET', `/v1/accounts/${login}/violations`, trader)).body).items;
      expect(stillListed).toEqual([
        expect.objectContaining({ violationId, status: 'cleared', cleared: { reason: 'scalping review: within the desk policy', at: '2026-11-03T14:05:00.000Z' } }),
      ]);
      expect((await call('GET', `${path}/replay`, trader)).body).toMatchObject({ status: 'cleared', matches: true });

      const again = await call('POST', clearPath, admin, { reason: 'second look' });
      expect([again.status, again.body.code]).toEqual([422, 'TRADING_ACCOUNT.VIOLATION_ALREADY_CLEARED']);
    });
  },
  { clock },
);
