import { TRADING_PLATFORM, UNIT_OF_WORK, createTradingAccountsOutboxHandlers, type StoredOutboxMessage } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform, outboxPayloads } from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { FundedAccountMetrics, FundedBreachOverridden, FundedVerdictReplay } from '../schemas/funded-risk-schemas.js';
import { TradingAccountBreachOverridden, TradingAccountMetrics, TradingAccountVerdictReplay } from '../schemas/trading-account-schemas.js';
import { changedTables, databaseState, databaseTables } from '../testing/database-state.js';
import { caller, client, pendingKycChallenge, type Caller } from '../testing/http-test-kit.js';

// Tuesday 3 November 2026, 09:00 New York: trading day 2026-11-03, which ends at 22:00 UTC.
const START = '2026-11-03T14:00:00Z';
const clock = new ManualClock(START);

describeEachPlatform(
  'trading account loss limits over HTTP, by login and through the funded routes: metrics, verdict replay, breach override',
  (ctx) => {
    let http: RunningHttpServer;
    let admin: Caller;
    const call = client(() => http.url);
    const server = () => ctx.platform.get(SIMULATED_TRADING_SERVER);
    const quoteUs30 = (bid: string) => server().pushTick({ symbol: 'US30', bid: new Decimal(bid), ask: new Decimal(bid).plus(2), time: clock.now() });
    const uc = () => ctx.platform.useCases;

    beforeAll(async () => {
      clock.set(START);
      http = await startHttpServer(ctx.platform);
      admin = await caller(ctx.platform, 'admin');
    });
    afterAll(async () => {
      await http.stop();
      clock.set(START);
    });

    /** A trader funded through the routes: passed challenge, KYC approved by the admin, agreement signed (100k 2-Step). */
    async function fundedTrader(): Promise<{ trader: Caller; fundedAccountId: string; login: string }> {
      const trader = await caller(ctx.platform);
      await pendingKycChallenge(ctx.platform, trader.userId);
      const kyc = await call('POST', '/v1/kyc', trader);
      await call('POST', '/v1/kyc/documents', trader, { documentType: 'passport', documentNumber: 'F7654321', issuingCountry: 'DE' });
      expect((await call('POST', `/v1/admin/kyc-cases/${kyc.body.kycCaseId}/review`, admin, { decision: 'approve' })).status).toBe(200);
      const agreement = (await call('GET', '/v1/agreement', trader)).body;
      const signed = await call('POST', '/v1/agreement/signatures', trader, {
        typedName: 'Fay Funded',
        agreementVersion: agreement.version,
        textHash: agreement.textHash,
      });
      const funded = signed.body.fundedAccounts[0];
      return { trader, fundedAccountId: funded.fundedAccountId, login: funded.login };
    }

    /**
     * 10 lots of US30 bought at 39,002, the market at 38,800 (−2,020 floating), then a bad print at
     * 38,400 seen by the engine: equity 93,980 ≤ 95,000, a daily-loss breach of the trading account,
     * handled at once. Handling closes the position at the real market, so the account ends flat at 97,980.
     */
    async function breachOnBadPrint(account: { fundedAccountId: string; login: string }) {
      await quoteUs30('39000');
      await server().placeMarketOrder({ login: account.login, symbol: 'US30', side: 'buy', volume: new Decimal(10) });
      await quoteUs30('38800');
      const time = clock.advance(60_000);
      const tick = { symbol: 'US30', bid: new Decimal('38400'), ask: new Decimal('38402'), time };
      const evaluated = await uc().evaluateEquity.execute({ login: account.login, balance: '100000', equity: '93980', at: time, tick });
      expect(evaluated.ok && evaluated.value.breachHandling).toMatchObject({ ok: true, value: { login: account.login, handled: true } });
      expect((await uc().recordFundedDeals.execute({ fundedAccountId: account.fundedAccountId })).ok).toBe(true);
      expect((await server().account(account.login)).tradingEnabled).toBe(false);
      return time;
    }

    let a: { trader: Caller; fundedAccountId: string; login: string };
    let b: { trader: Caller; fundedAccountId: string; login: string };
    beforeAll(async () => {
      a = await fundedTrader();
      b = await fundedTrader();
    });

    const fundedOwner = (account: { fundedAccountId: string }) => ({ kind: 'funded_account', id: account.fundedAccountId });

    it('shows a 100k funded account its day start, both floors, buffers in money and percent and the next reset, by id and by login', async () => {
      const fresh = await call('GET', `/v1/funded-accounts/${a.fundedAccountId}/metrics`, a.trader);
      expect(fresh.status).toBe(200);
      const limits = {
        currency: 'USD',
        tradingDay: '2026-11-03',
        nextResetAt: '2026-11-03T22:00:00.000Z',
        calendar: { timeZone: 'America/New_York', resetTime: '17:00' },
        initialBalance: '100000.00',
        balance: '100000.00',
        equity: '100000.00',
        dayStartBalance: '100000.00',
        dayStartEquity: '100000.00',
        dailyLoss: { floor: '95000.00', allowance: '5000.00', remaining: '5000.00', remainingPercent: '5.00', usedPercent: '0.00', warningLevel: '96000.00' },
        maxLoss: { floor: '90000.00', allowance: '10000.00', remaining: '10000.00', remainingPercent: '10.00', usedPercent: '0.00', warningLevel: '92000.00' },
        profit: { amount: '0.00', percent: '0.00' },
        breach: null,
        figuresSource: 'platform',
      };
      expect(FundedAccountMetrics.parse(fresh.body)).toEqual({ fundedAccountId: a.fundedAccountId, status: 'active', split: '80', account: a.login, ...limits });
      // The same loss limits from the trading account itself, named by its login and its owner.
      const byLogin = await call('GET', `/v1/accounts/${a.login}/metrics`, a.trader);
      expect(byLogin.status).toBe(200);
      expect(TradingAccountMetrics.parse(byLogin.body)).toEqual({ login: a.login, owner: fundedOwner(a), status: 'active', openPositions: 0, ...limits });

      // 10 lots of US30 bought at 39,002 with the bid at 38,800: equity 97,980 read live from the platform.
      await quoteUs30('39000');
      const opened = await server().placeMarketOrder({ login: b.login, symbol: 'US30', side: 'buy', volume: new Decimal(10) });
      await quoteUs30('38800');
      const live = (await call('GET', `/v1/funded-accounts/${b.fundedAccountId}/metrics`, b.trader)).body;
      expect(live).toMatchObject({ balance: '100000.00', equity: '97980.00', dayStartBalance: '100000.00', figuresSource: 'platform' });
      expect(live.dailyLoss).toEqual({ floor: '95000.00', allowance: '5000.00', remaining: '2980.00', remainingPercent: '2.98', usedPercent: '40.40', warningLevel: '96000.00' });
      expect(live.maxLoss).toEqual({ floor: '90000.00', allowance: '10000.00', remaining: '7980.00', remainingPercent: '7.98', usedPercent: '20.20', warningLevel: '92000.00' });
      const liveByLogin = (await call('GET', `/v1/accounts/${b.login}/metrics`, b.trader)).body;
      expect(liveByLogin).toMatchObject({ balance: '100000.00', equity: '97980.00', dailyLoss: live.dailyLoss, maxLoss: live.maxLoss, figuresSource: 'platform' });
      await server().closePosition(opened.positionId);
    });

    it('hides an account from other traders (404) and the override from traders (403); bad input is a 400 problem that changes nothing', async () => {
      const metrics = await call('GET', `/v1/funded-accounts/${a.fundedAccountId}/metrics`, b.trader);
      expect([metrics.status, metrics.body.code]).toEqual([404, 'FUNDED.NOT_FOUND']);
      const replay = await call('GET', `/v1/funded-accounts/${a.fundedAccountId}/verdicts/replay`, b.trader);
      expect([replay.status, replay.body.code]).toEqual([404, 'FUNDED.NOT_FOUND']);
      expect((await call('GET', '/v1/funded-accounts/no-such-account/metrics', a.trader)).status).toBe(404);
      expect((await call('GET', '/v1/funded-accounts/no-such-account/verdicts/replay', a.trader)).body.code).toBe('FUNDED.NOT_FOUND');
      expect((await call('GET', `/v1/funded-accounts/${a.fundedAccountId}/metrics`, null)).status).toBe(401);
      // By login: another trader's account reads exactly like one that does not exist.
      for (const path of [`/v1/accounts/${a.login}/metrics`, `/v1/accounts/${a.login}/verdicts/replay`, '/v1/accounts/999999999/metrics']) {
        const answer = await call('GET', path, b.trader);
        expect([path, answer.status, answer.body.code, answer.headers.get('content-type')]).toEqual([path, 404, 'TRADING_ACCOUNT.NOT_FOUND', expect.stringContaining('application/problem+json')]);
        expect(JSON.stringify(answer.body)).not.toContain(a.fundedAccountId);
      }
      expect((await call('GET', `/v1/accounts/${a.login}/metrics`, null)).status).toBe(401);
      expect((await call('GET', `/v1/accounts/${a.login}/metrics`, admin)).status).toBe(403);
      for (const path of [`/v1/admin/funded-accounts/${a.fundedAccountId}/breach-override`, `/v1/admin/accounts/${a.login}/breach-override`]) {
        const asTrader = await call('POST', path, a.trader, { reason: 'my own account' });
        expect([path, asTrader.status, asTrader.body.code]).toEqual([path, 403, 'AUTH.FORBIDDEN']);
      }

      // Nothing to replay before a breach, nothing to override either: the trading account's codes on both routes.
      const before = await databaseState(ctx.platform, await databaseTables(ctx.platform));
      for (const path of [`/v1/funded-accounts/${a.fundedAccountId}/verdicts/replay`, `/v1/accounts/${a.login}/verdicts/replay`]) {
        const noVerdict = await call('GET', path, a.trader);
        expect([path, noVerdict.status, noVerdict.body.code]).toEqual([path, 422, 'TRADING_ACCOUNT.NO_VERDICT']);
      }
      for (const path of [`/v1/admin/funded-accounts/${a.fundedAccountId}/breach-override`, `/v1/admin/accounts/${a.login}/breach-override`]) {
        const notBreached = await call('POST', path, admin, { reason: 'platform outage' });
        expect([path, notBreached.status, notBreached.body.code]).toEqual([path, 422, 'TRADING_ACCOUNT.NOT_BREACHED']);
        for (const body of [{}, { reason: '  ' }, { reason: 'outage', extra: true }]) {
          const refused = await call('POST', path, admin, body);
          expect([path, refused.status, refused.body.code]).toEqual([path, 400, 'VALIDATION.FAILED']);
        }
      }
      for (const [path, who] of [
        ['/v1/accounts/not%20a%20login/metrics', a.trader],
        [`/v1/accounts/${a.login}/verdicts/replay?verdictId=not%20an%20id`, a.trader],
        ['/v1/admin/accounts/not%20a%20login/breach-override', admin],
      ] as const) {
        const refused = await call(path.includes('/admin/') ? 'POST' : 'GET', path, who, path.includes('/admin/') ? { reason: 'platform outage' } : undefined);
        expect([path, refused.status, refused.body.code, refused.headers.get('content-type')]).toEqual([path, 400, 'VALIDATION.FAILED', expect.stringContaining('application/problem+json')]);
      }
      expect(changedTables(before, await databaseState(ctx.platform, await databaseTables(ctx.platform)))).toEqual([]);
    });

    it('shows the breach record, replays the verdict by login and by funded id, and an admin override restores trading while the verdict stays on record', async () => {
      const breachedAt = await breachOnBadPrint(a);
      const breach = {
        rule: 'daily_loss',
        floor: '95000',
        equity: '93980',
        balance: '100000',
        tick: { symbol: 'US30', bid: '38400', ask: '38402', time: breachedAt.toISOString() },
        at: breachedAt.toISOString(),
        tradingDay: '2026-11-03',
        inputHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      };

      // Ended: the stored figures are where closing the position left it; the floors as they stood.
      const ended = await call('GET', `/v1/funded-accounts/${a.fundedAccountId}/metrics`, a.trader);
      expect(FundedAccountMetrics.parse(ended.body)).toMatchObject({
        status: 'breached',
        balance: '97980.00',
        equity: '97980.00',
        dayStartBalance: '100000.00',
        figuresSource: 'stored',
        breach,
      });
      expect(ended.body.dailyLoss).toMatchObject({ floor: '95000.00', remaining: '2980.00' });
      expect(ended.body.maxLoss).toMatchObject({ floor: '90000.00', remaining: '7980.00' });
      const record = ended.body.breach;
      const endedByLogin = await call('GET', `/v1/accounts/${a.login}/metrics`, a.trader);
      // The trading account's own stored figures are the last the engine evaluated (the breach's), not the funded ledger's after the close.
      expect(TradingAccountMetrics.parse(endedByLogin.body)).toMatchObject({ status: 'breached', breach: record, figuresSource: 'stored', balance: '100000.00', equity: '93980.00' });
      expect(endedByLogin.body.dailyLoss).toMatchObject({ floor: '95000.00', remaining: '0.00' });

      const replay = await call('GET', `/v1/accounts/${a.login}/verdicts/replay`, a.trader);
      expect(replay.status).toBe(200);
      expect(TradingAccountVerdictReplay.parse(replay.body)).toMatchObject({
        login: a.login,
        owner: fundedOwner(a),
        stored: record,
        storedHash: record.inputHash,
        replayedHash: record.inputHash,
        matches: true,
      });
      expect(replay.body.replayed).toMatchObject({ verdict: 'breach', breach: record });
      // The funded route answers the same replay, with the funded account it was asked through.
      const alias = await call('GET', `/v1/funded-accounts/${a.fundedAccountId}/verdicts/replay`, a.trader);
      expect(FundedVerdictReplay.parse(alias.body)).toEqual({ ...replay.body, fundedAccountId: a.fundedAccountId });
      const byId = await call('GET', `/v1/accounts/${a.login}/verdicts/replay?verdictId=${replay.body.verdictId}`, a.trader);
      expect(byId.body).toMatchObject({ verdictId: replay.body.verdictId, matches: true });
      expect((await call('GET', `/v1/funded-accounts/${a.fundedAccountId}/verdicts/replay?verdictId=unknown`, a.trader)).body.code).toBe('TRADING_ACCOUNT.NO_VERDICT');
      expect((await call('GET', `/v1/accounts/${a.login}/verdicts/replay?verdictId=unknown`, a.trader)).body.code).toBe('TRADING_ACCOUNT.NO_VERDICT');

      // The admin clears the false breach through the funded route: a fresh day start at 97,980, daily floor 92,980, max-loss floor 90,000.
      clock.advance(300_000);
      const overridden = await call('POST', `/v1/admin/funded-accounts/${a.fundedAccountId}/breach-override`, admin, {
        reason: 'Bad US30 print from the price feed',
      });
      expect(overridden.status).toBe(200);
      expect(FundedBreachOverridden.parse(overridden.body)).toEqual({
        fundedAccountId: a.fundedAccountId,
        login: a.login,
        owner: fundedOwner(a),
        status: 'active',
        account: a.login,
        tradingEnabled: true,
        original: record,
        tradingDay: '2026-11-03',
        dayStartBalance: '97980',
        dayStartEquity: '97980',
        dailyLossFloor: '92980',
        maxLossFloor: '90000',
      });
      expect((await server().account(a.login)).tradingEnabled).toBe(true);
      const reinstated = (await call('GET', `/v1/funded-accounts/${a.fundedAccountId}/metrics`, a.trader)).body;
      expect(reinstated).toMatchObject({ status: 'active', breach: null, balance: '97980.00', dayStartBalance: '97980.00', figuresSource: 'platform' });
      expect(reinstated.dailyLoss).toMatchObject({ floor: '92980.00', remaining: '5000.00', remainingPercent: '5.00' });
      expect(reinstated.maxLoss).toMatchObject({ floor: '90000.00', remaining: '7980.00', remainingPercent: '7.98' });
      expect((await call('GET', `/v1/accounts/${a.login}/metrics`, a.trader)).body).toMatchObject({ status: 'active', breach: null, dailyLoss: reinstated.dailyLoss });
      // The trader trades again through the API.
      await quoteUs30('38800');
      expect((await call('POST', `/v1/funded-accounts/${a.fundedAccountId}/trades`, a.trader, { symbol: 'US30', side: 'buy', volume: '1.00' })).status).toBe(201);

      // The original verdict stays: in the audit log with the admin and the reason, in the stored verdicts, still replayable.
      const audit = await call('GET', `/v1/admin/audit-log?subjectType=trading_account&subjectId=${a.login}&action=trading_account.breach_overridden`, admin);
      expect(audit.body.entries).toEqual([
        expect.objectContaining({
          actorId: admin.userId,
          actorRole: 'admin',
          details: expect.objectContaining({ reason: 'Bad US30 print from the price feed', previousStatus: 'breached', original: record, owner: fundedOwner(a) }),
        }),
      ]);
      const verdicts = await ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccountVerdicts.listByLogin(a.login));
      expect(verdicts.map((verdict) => verdict.breach)).toEqual([record]);
      expect((await call('GET', `/v1/accounts/${a.login}/verdicts/replay`, a.trader)).body).toMatchObject({ matches: true, stored: record });
      expect(await outboxPayloads(ctx.platform, a.login, 'TradingAccountBreachOverridden')).toEqual([
        expect.objectContaining({ adminId: admin.userId, reason: 'Bad US30 print from the price feed', original: record, dailyLossFloor: '92980' }),
      ]);

      // Overriding again, by either route: nothing left to clear.
      const again = await call('POST', `/v1/admin/funded-accounts/${a.fundedAccountId}/breach-override`, admin, { reason: 'Bad US30 print from the price feed' });
      expect([again.status, again.body.code]).toEqual([422, 'TRADING_ACCOUNT.NOT_BREACHED']);
      const againByLogin = await call('POST', `/v1/admin/accounts/${a.login}/breach-override`, admin, { reason: 'Bad US30 print from the price feed' });
      expect([againByLogin.status, againByLogin.body.code]).toEqual([422, 'TRADING_ACCOUNT.NOT_BREACHED']);
    });

    it('two concurrent overrides by login reinstate once, audited once; a retried request with its Idempotency-Key gets the same answer', async () => {
      await breachOnBadPrint(b);
      const path = `/v1/admin/accounts/${b.login}/breach-override`;
      const [first, second] = await Promise.all([
        call('POST', path, admin, { reason: 'Bad US30 print' }, { 'idempotency-key': 'override-b-1' }),
        call('POST', path, admin, { reason: 'Bad US30 print' }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 422]);
      const winner = first.status === 200 ? first : second;
      const loser = first.status === 200 ? second : first;
      expect(loser.body.code).toBe('TRADING_ACCOUNT.NOT_BREACHED');
      expect(TradingAccountBreachOverridden.parse(winner.body)).toMatchObject({ login: b.login, owner: fundedOwner(b), status: 'active', tradingEnabled: true });
      const replayed = await call('POST', path, admin, { reason: 'Bad US30 print' }, { 'idempotency-key': 'override-b-1' });
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      expect(replayed.body).toEqual(first.body);

      const account = await ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccounts.find(b.login));
      expect(account!.status).toBe('active');
      expect(account!.overrides).toHaveLength(1);
      expect((await call('GET', `/v1/funded-accounts/${b.fundedAccountId}/metrics`, b.trader)).body).toMatchObject({ status: 'active', breach: null });
      const audit = await call('GET', `/v1/admin/audit-log?subjectId=${b.login}&action=trading_account.breach_overridden`, admin);
      expect(audit.body.entries).toEqual([expect.objectContaining({ actorId: admin.userId, details: expect.objectContaining({ reason: 'Bad US30 print' }) })]);
      expect((await server().account(b.login)).tradingEnabled).toBe(true);
    });

    it('the worker re-enables trading when the platform missed it at the override, and leaves an account breached since alone', async () => {
      // As if the platform had refused the call right after the override.
      await ctx.platform.get(TRADING_PLATFORM).disableTrading(b.login);
      const [handler] = createTradingAccountsOutboxHandlers(uc());
      expect(handler!.topics).toContain('TradingAccountBreachOverridden');
      const message: StoredOutboxMessage = {
        id: `resume-${b.login}`,
        topic: 'TradingAccountBreachOverridden',
        aggregateType: 'trading_account',
        aggregateId: b.login,
        payload: {},
        occurredAt: clock.now(),
        attempts: 0,
        status: 'pending',
      };
      await handler!.handle(message);
      expect((await server().account(b.login)).tradingEnabled).toBe(true);

      // Breached again (two round trips at −2,020 each: day start 95,960, daily floor 90,960): a late delivery settles without enabling anything.
      const time = clock.advance(60_000);
      const evaluated = await uc().evaluateEquity.execute({ login: b.login, balance: '95960', equity: '90960', at: time });
      expect(evaluated.ok && evaluated.value.breach).toMatchObject({ rule: 'daily_loss', floor: '90960', equity: '90960' });
      expect((await server().account(b.login)).tradingEnabled).toBe(false);
      await handler!.handle(message);
      expect((await server().account(b.login)).tradingEnabled).toBe(false);
    });
  },
  { clock },
);
