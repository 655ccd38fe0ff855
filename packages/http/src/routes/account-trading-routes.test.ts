import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform, fundTrader, pendingKycChallenge } from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { AccountDealPage } from '../schemas/trading-account-schemas.js';
import { PositionList, TradeFill } from '../schemas/trading-schemas.js';
import { changedTables, databaseState, databaseTables } from '../testing/database-state.js';
import { buyChallenge, caller, client, type Caller } from '../testing/http-test-kit.js';

// Wednesday 4 March 2026, 10:00 in New York: markets open, so orders fill.
const START = '2026-03-04T15:00:00.000Z';
const clock = new ManualClock(START);

describeEachPlatform(
  'trading by login over HTTP: trades, positions and history of any kind of account',
  (ctx) => {
    let http: RunningHttpServer;
    let trader: Caller;
    let other: Caller;
    let admin: Caller;
    let challengeId = '';
    let challengeLogin = '';
    let fundedAccountId = '';
    let fundedLogin = '';
    const call = client(() => http.url);
    const server = () => ctx.platform.get(SIMULATED_TRADING_SERVER);
    const quote = (symbol: string, bid: string, spread: string) =>
      server().pushTick({ symbol, bid: new Decimal(bid), ask: new Decimal(bid).plus(spread), time: clock.now() });
    const order = { symbol: 'EURUSD', side: 'buy', volume: '1.00' };

    beforeAll(async () => {
      clock.set(START);
      http = await startHttpServer(ctx.platform);
      [trader, other, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform), caller(ctx.platform, 'admin')]);
      challengeId = (await buyChallenge(call, http.url, trader)).challengeId;
      challengeLogin = (await call('GET', `/v1/challenges/${challengeId}/metrics`, trader)).body.account;
      await pendingKycChallenge(ctx.platform, { traderId: trader.userId, at: clock.now() });
      const funded = (await fundTrader(ctx.platform, { traderId: trader.userId, adminId: admin.userId })).fundedAccounts[0]!;
      [fundedAccountId, fundedLogin] = [funded.fundedAccountId, funded.login];
      await quote('EURUSD', '1.08500', '0.00012');
      await quote('US30', '39000.00', '2');
    });
    afterAll(async () => {
      await http.stop();
    });

    it('trades, lists and closes positions by login on a challenge phase, and its history lists the deals newest first', async () => {
      const filled = await call('POST', `/v1/accounts/${challengeLogin}/trades`, trader, order);
      expect(filled.status).toBe(201);
      expect(TradeFill.parse(filled.body).price).toBe('1.08512');
      const positions = await call('GET', `/v1/accounts/${challengeLogin}/positions`, trader);
      expect(PositionList.parse(positions.body).items).toEqual([expect.objectContaining({ positionId: filled.body.positionId, symbol: 'EURUSD' })]);
      // The challenge route is an alias: the same account, the same answer.
      expect((await call('GET', `/v1/challenges/${challengeId}/positions`, trader)).body).toEqual(positions.body);
      const closed = await call('DELETE', `/v1/accounts/${challengeLogin}/positions/${filled.body.positionId}`, trader);
      expect([closed.status, closed.body.dealId]).toEqual([200, expect.any(String)]);

      expect((await ctx.platform.useCases.recordAccountDeals.execute({ login: challengeLogin })).ok).toBe(true);
      const first = await call('GET', `/v1/accounts/${challengeLogin}/history?limit=1`, trader);
      expect(first.status).toBe(200);
      expect(AccountDealPage.parse(first.body).items).toEqual([
        expect.objectContaining({ dealId: closed.body.dealId, login: challengeLogin, entry: 'out', phase: 1, attempt: 1 }),
      ]);
      const rest = await call('GET', `/v1/accounts/${challengeLogin}/history?cursor=${first.body.nextCursor}`, trader);
      expect(rest.body.items.map((deal: { entry: string | null }) => deal.entry)).toEqual(['in', null]);
      expect(rest.body.nextCursor).toBeNull();
      // The challenge's history is the same deals (its phase's login is its only one so far), in the same shape.
      const all = [...first.body.items, ...rest.body.items];
      expect((await call('GET', `/v1/challenges/${challengeId}/history`, trader)).body).toEqual({ items: all, nextCursor: null });
    });

    it('trades by login on a funded account as on its funded route', async () => {
      const filled = await call('POST', `/v1/accounts/${fundedLogin}/trades`, trader, { symbol: 'US30', side: 'buy', volume: '1.00' });
      expect([filled.status, filled.body.price]).toEqual([201, '39002']);
      const positions = await call('GET', `/v1/accounts/${fundedLogin}/positions`, trader);
      expect(positions.body.items.map((p: { positionId: string }) => p.positionId)).toEqual([filled.body.positionId]);
      expect((await call('GET', `/v1/funded-accounts/${fundedAccountId}/positions`, trader)).body).toEqual(positions.body);
      expect((await call('DELETE', `/v1/accounts/${fundedLogin}/positions/${filled.body.positionId}`, trader)).status).toBe(200);
      expect((await call('GET', `/v1/accounts/${fundedLogin}/positions`, trader)).body.items).toEqual([]);
    });

    it('answers another trader’s login and an unwatched one alike, 404 TRADING_ACCOUNT.NOT_FOUND; refuses admins', async () => {
      for (const login of [challengeLogin, fundedLogin, '987654321']) {
        for (const [method, path, body] of [
          ['POST', `/v1/accounts/${login}/trades`, order],
          ['GET', `/v1/accounts/${login}/positions`, undefined],
          ['DELETE', `/v1/accounts/${login}/positions/1`, undefined],
          ['GET', `/v1/accounts/${login}/history`, undefined],
        ] as const) {
          const answer = await call(method, path, other, body);
          expect([path, answer.status, answer.body.code]).toEqual([path, 404, 'TRADING_ACCOUNT.NOT_FOUND']);
        }
      }
      expect((await call('POST', `/v1/accounts/${challengeLogin}/trades`, admin, order)).status).toBe(403);
      expect((await call('GET', `/v1/accounts/${challengeLogin}/history`, null)).status).toBe(401);
    });

    it('answers bad input with a 400 problem and changes nothing', async () => {
      const tables = await databaseTables(ctx.platform);
      const before = await databaseState(ctx.platform, tables);
      for (const [method, path, body] of [
        ['POST', `/v1/accounts/${challengeLogin}/trades`, { ...order, volume: '0' }],
        ['POST', `/v1/accounts/${challengeLogin}/trades`, { ...order, symbol: 'eur usd' }],
        ['POST', `/v1/accounts/${challengeLogin}/trades`, { ...order, leverage: 500 }],
        ['POST', '/v1/accounts/not%20a%20login/trades', order],
        ['GET', `/v1/accounts/${challengeLogin}/history?limit=0`, undefined],
        ['GET', `/v1/accounts/${challengeLogin}/history?cursor=not%20a%20cursor`, undefined],
        ['DELETE', `/v1/accounts/${challengeLogin}/positions/a%20b`, undefined],
      ] as const) {
        const answer = await call(method, path, trader, body);
        expect([path, answer.status, answer.headers.get('content-type')]).toEqual([path, 400, expect.stringContaining('application/problem+json')]);
      }
      expect(changedTables(before, await databaseState(ctx.platform, tables))).toEqual([]);
      expect((await call('GET', `/v1/accounts/${challengeLogin}/positions`, trader)).body.items).toEqual([]);
    });

    it('refuses orders once the account is breached, on the login route and its funded alias alike', async () => {
      const at = clock.advance(60_000);
      const evaluated = await ctx.platform.useCases.evaluateEquity.execute({ login: fundedLogin, balance: '100000', equity: '90000', at });
      expect(evaluated.ok && evaluated.value.verdict).toBe('breach');
      const refused = { code: 'TRADING.ACCOUNT_NOT_TRADABLE', details: { status: 'breached' } };
      const byLogin = await call('POST', `/v1/accounts/${fundedLogin}/trades`, trader, { symbol: 'US30', side: 'buy', volume: '1.00' });
      expect([byLogin.status, byLogin.body]).toEqual([422, expect.objectContaining(refused)]);
      const byId = await call('POST', `/v1/funded-accounts/${fundedAccountId}/trades`, trader, { symbol: 'US30', side: 'buy', volume: '1.00' });
      expect([byId.status, byId.body]).toEqual([422, expect.objectContaining(refused)]);
      // Its positions and history stay readable.
      expect((await call('GET', `/v1/accounts/${fundedLogin}/positions`, trader)).status).toBe(200);
      expect((await call('GET', `/v1/accounts/${fundedLogin}/history`, trader)).status).toBe(200);
    });
  },
  { clock },
);
