import {
  AUDIT_LOG_READER,
  ID_GENERATOR,
  OutboxTradingAccountWriter,
  TRADING_PLATFORM,
  UNIT_OF_WORK,
  USE_CASE_DEPENDENCIES,
  createUseCases,
  tradingAccountLink,
  type TradingPlatform,
  type UnitOfWork,
  type UseCases,
} from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal, breachToData, evaluate, unwrap, verdictInputs } from '@tradesense/domain';
import { afterAll, expect, it } from 'vitest';
import {
  code,
  knexOf,
  openChallenge,
  outboxPayloads,
  quote,
  registerTrader,
  simulatorOf,
  value,
  type OpenedChallenge,
} from '../testing/challenge-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

const START = '2026-11-02T14:00:00Z';
const clock = new ManualClock(START);
const at = (iso: string): Date => new Date(iso);

describeEachPlatform(
  'challenges: breach engine, through their phase accounts',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    // The next database's platform starts its simulated market at the clock's time.
    afterAll(() => clock.set(START));
    const uow = () => ctx.platform.get(UNIT_OF_WORK);
    const load = (id: string) => uow().run((tx) => tx.challenges.findById(id));
    const account = (login: string) => uow().run((tx) => tx.tradingAccounts.find(login));
    const trader = (userId: string) => ({ userId, role: 'trader' as const });
    /** The platform's use cases built again with one dependency replaced. */
    const useCasesWith = (replaced: { tradingPlatform?: TradingPlatform; uow?: UnitOfWork }) =>
      createUseCases({ ...ctx.platform.get(USE_CASE_DEPENDENCIES), ...replaced });

    /** A breach the trading account detected and stored, not yet handled (as after a crash between the two). */
    async function detectOnly(login: string, equity: string, when: Date): Promise<void> {
      const writer = new OutboxTradingAccountWriter(ctx.platform.get(ID_GENERATOR), tradingAccountLink('http://127.0.0.1'), {});
      await uow().run(async (tx) => {
        const watched = (await tx.tradingAccounts.find(login, { lock: true }))!;
        const verdict = unwrap(watched.evaluateEquity({ balance: new Decimal(100000), equity: new Decimal(equity), at: when, tick: null }));
        expect(verdict.verdict).toBe('breach');
        await writer.save(tx, watched, when);
      });
    }

    async function freshChallenge(when: Date): Promise<OpenedChallenge & { traderId: string }> {
      clock.set(when);
      const traderId = await registerTrader(ctx.platform);
      return { traderId, ...(await openChallenge(ctx.platform, { traderId, at: when })) };
    }

    it('raises an early warning once per limit per trading day, with one e-mail each', async () => {
      const { challengeId, login } = await freshChallenge(at('2026-11-02T14:00:00Z'));
      // 100k 2-Step: daily floor 95,000 (allowance 5,000); 80% used is equity 96,000.
      const first = value(
        await uc().evaluateEquity.execute({ login, balance: '100000', equity: '96000.00', at: at('2026-11-02T15:00:00Z') }),
      );
      expect(first).toMatchObject({ verdict: 'warning', warnings: ['daily_loss'], dailyLossFloor: '95000.00', maxLossFloor: '90000.00' });
      const again = value(
        await uc().evaluateEquity.execute({ login, balance: '100000', equity: '95500.00', at: at('2026-11-02T16:00:00Z') }),
      );
      expect(again).toMatchObject({ verdict: 'warning', warnings: [] });
      const mails = await outboxPayloads(ctx.platform, login, 'email.early_warning');
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({
        owner: { kind: 'challenge_phase', id: challengeId },
        limit: 'daily_loss',
        limitAmount: '5000.00',
        usedAmount: '4000.00',
        usedPercent: '80.00',
        remainingAmount: '1000.00',
        floor: '95000',
        tradingDay: '2026-11-02',
        accountLogin: login,
      });
      // The next trading day (from 22:00 UTC) may warn again.
      value(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '96000.00', at: at('2026-11-03T15:00:00Z') }));
      const later = await outboxPayloads(ctx.platform, login, 'email.early_warning');
      expect(later.map((mail) => mail['tradingDay'])).toEqual(['2026-11-02', '2026-11-03']);
    });

    it('worked example 1 on the simulator: after +2,000 the floor stays 95,000; 95,000.01 is fine, 95,000.00 breaches and is handled', async () => {
      const start = at('2026-11-04T13:00:00Z');
      const { challengeId, login, traderId } = await freshChallenge(start);
      const server = simulatorOf(ctx.platform);
      // US30: no commission, one dollar per point per lot.
      await quote(server, 'US30', '39000.00', start, '2.00');
      const win = await server.placeMarketOrder({ login, symbol: 'US30', side: 'buy', volume: new Decimal(10) });
      await quote(server, 'US30', '39202.00', at('2026-11-04T15:00:00Z'), '2.00');
      await server.closePosition(win.positionId, 'client');
      value(await uc().recordAccountDeals.execute({ login }));
      expect((await server.account(login)).balance.toFixed(2)).toBe('102000.00');

      const loser = await server.placeMarketOrder({ login, symbol: 'US30', side: 'buy', volume: new Decimal(1) });
      expect(loser.price.toFixed(2)).toBe('39204.00');
      value(await uc().recordAccountDeals.execute({ login }));

      const observe = async (bid: string, when: Date) => {
        clock.set(when);
        await quote(server, 'US30', bid, when, '2.00');
        const figures = await server.account(login);
        const tick = server.lastTick('US30')!;
        return value(await uc().evaluateEquity.execute({ login, balance: figures.balance, equity: figures.equity, at: when, tick }));
      };
      const fine = await observe('32204.01', at('2026-11-04T16:00:00Z'));
      expect(fine).toMatchObject({ verdict: 'warning', dailyLossFloor: '95000.00', breach: null });
      expect((await server.account(login)).equity.toFixed(2)).toBe('95000.01');

      const breachedAt = at('2026-11-04T16:00:01Z');
      const breached = await observe('32204.00', breachedAt);
      const record = {
        rule: 'daily_loss',
        floor: '95000',
        equity: '95000',
        balance: '102000',
        tick: { symbol: 'US30', bid: '32204', ask: '32206', time: breachedAt.toISOString() },
        at: breachedAt.toISOString(),
        tradingDay: '2026-11-04',
      };
      expect(breached.verdict).toBe('breach');
      expect(breached.breach).toMatchObject(record);
      expect(breached.breachHandling).toMatchObject({ ok: true, value: { handled: true } });

      // Trading disabled, positions closed, challenge failed, trader e-mailed once.
      expect((await server.account(login)).tradingEnabled).toBe(false);
      expect(await server.positions(login)).toEqual([]);
      const challenge = (await load(challengeId))!;
      expect(challenge.status).toBe('failed');
      expect(breachToData(challenge.breach!)).toMatchObject(record);
      const mails = await outboxPayloads(ctx.platform, login, 'email.account_breach');
      expect(mails).toEqual([
        expect.objectContaining({ accountLogin: login, owner: { kind: 'challenge_phase', id: challengeId }, breach: expect.objectContaining(record) }),
      ]);
      expect((await account(login))!.status).toBe('breached');

      // A second detection of the same breach is a no-op: the ended account refuses the figures.
      clock.set(at('2026-11-04T16:00:02Z'));
      await quote(server, 'US30', '32100.00', clock.now(), '2.00');
      const late = await server.account(login);
      expect(code(await uc().evaluateEquity.execute({ login, balance: late.balance, equity: late.equity, at: clock.now() }))).toBe(
        'TRADING_ACCOUNT.ALREADY_BREACHED',
      );
      expect(value(await uc().handleAccountBreach.execute({ login }))).toMatchObject({ handled: false });
      expect(await outboxPayloads(ctx.platform, login, 'email.account_breach')).toHaveLength(1);
      expect(await outboxPayloads(ctx.platform, challengeId, 'ChallengeFailed')).toHaveLength(1);

      // The metrics show the exact record; the verdict replays from its stored inputs to the same hash.
      const metrics = value(await uc().accountMetrics.execute({ requester: trader(traderId), challengeId }));
      expect(metrics.status).toBe('failed');
      expect(metrics.breach).toEqual(breachToData(challenge.breach!));
      expect(metrics.figuresSource).toBe('stored');
      expect(metrics.dailyLoss.floor).toBe('95000.00');
      expect(metrics.dayStartBalance).toBe('100000.00');
      const replay = value(await uc().replayAccountVerdict.execute({ requester: trader(traderId), login }));
      expect(replay.matches).toBe(true);
      expect(replay.replayedHash).toBe(challenge.breach!.inputHash);
      expect(replay.replayed.breach).toMatchObject(record);

      // The position closed by the breach handling is taken in from the feed; the challenge stays failed.
      value(await uc().recordAccountDeals.execute({ login }));
      expect((await load(challengeId))!.status).toBe('failed');
      const history = value(await uc().tradingHistory.execute({ requester: trader(traderId), challengeId }));
      expect(history.items[0]).toMatchObject({ reason: 'dealer', entry: 'out', positionId: loser.positionId });
    });

    it('disables trading and closes positions before the account ends and the challenge fails', async () => {
      const { challengeId, login } = await freshChallenge(at('2026-11-05T14:00:00Z'));
      const server = simulatorOf(ctx.platform);
      await quote(server, 'EURUSD', '1.08500', clock.now());
      await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: new Decimal('0.1') });
      await detectOnly(login, '89000', at('2026-11-05T14:30:00Z'));

      const effects: string[] = [];
      const statusNow = async () => (await load(challengeId))!.status;
      const real = ctx.platform.get(TRADING_PLATFORM);
      const observed: TradingPlatform = new Proxy(real, {
        get(target, property, receiver) {
          if (property === 'disableTrading' || property === 'closeAllPositions') {
            return async (account: string, ...rest: unknown[]) => {
              effects.push(`${property} while ${await statusNow()}`);
              return (Reflect.get(target, property, receiver) as (...args: unknown[]) => Promise<unknown>).call(target, account, ...rest);
            };
          }
          return Reflect.get(target, property, receiver);
        },
      });
      expect(value(await useCasesWith({ tradingPlatform: observed }).handleAccountBreach.execute({ login }))).toMatchObject({ handled: true });
      expect(effects).toEqual(['disableTrading while active', 'closeAllPositions while active']);
      expect(await statusNow()).toBe('failed');
      expect((await server.account(login)).tradingEnabled).toBe(false);
      expect(await server.positions(login)).toEqual([]);
    });

    it('a failure after the challenge is written and before commit leaves neither the failure nor its e-mail; a retry handles it', async () => {
      const { challengeId, login } = await freshChallenge(at('2026-11-05T14:40:00Z'));
      await detectOnly(login, '89000', at('2026-11-05T14:45:00Z'));
      const real = uow();
      const failing: UnitOfWork = {
        run: (work) =>
          real.run((scope) =>
            work({
              ...scope,
              audit: {
                append: async () => {
                  throw new Error('injected before commit');
                },
              },
            }),
          ),
      };
      await expect(useCasesWith({ uow: failing }).handleAccountBreach.execute({ login })).rejects.toThrow('injected before commit');
      expect((await load(challengeId))!.status).toBe('active');
      expect((await account(login))!.status).toBe('active');
      expect(await outboxPayloads(ctx.platform, challengeId, 'ChallengeFailed')).toHaveLength(0);
      expect(await outboxPayloads(ctx.platform, login, 'email.account_breach')).toHaveLength(0);

      expect(value(await uc().handleAccountBreach.execute({ login }))).toMatchObject({ handled: true });
      expect(await outboxPayloads(ctx.platform, login, 'email.account_breach')).toHaveLength(1);
      expect((await load(challengeId))!.status).toBe('failed');
    });

    it('two concurrent handlings of one breach fail the challenge once and send one e-mail', async () => {
      const { challengeId, login } = await freshChallenge(at('2026-11-05T15:00:00Z'));
      await detectOnly(login, '89999.99', at('2026-11-05T15:10:00Z'));
      const results = await Promise.all([uc().handleAccountBreach.execute({ login }), uc().handleAccountBreach.execute({ login })]);
      expect(results.map((result) => value(result).handled).sort()).toEqual([false, true]);
      expect(await outboxPayloads(ctx.platform, challengeId, 'ChallengeFailed')).toHaveLength(1);
      expect(await outboxPayloads(ctx.platform, login, 'email.account_breach')).toHaveLength(1);
      const audit = await ctx.platform
        .get(AUDIT_LOG_READER)
        .list({ subjectType: 'trading_account', subjectId: login, action: 'trading_account.breach_handled', limit: 10 });
      expect(audit).toHaveLength(1);
      // Falling equity crosses the higher (daily) floor first.
      expect((await load(challengeId))!.breach!.rule).toBe('daily_loss');
    });

    it('handles a breach the risk monitor found in memory, checking it against its inputs', async () => {
      const { challengeId, login, traderId } = await freshChallenge(at('2026-11-05T16:00:00Z'));
      const watched = (await account(login))!;
      const observation = { balance: new Decimal(100000), equity: new Decimal('94999.99'), at: at('2026-11-05T16:05:00Z'), tick: null };
      const verdict = evaluate(watched.drawdown, watched.rules, observation);
      const inputs = verdictInputs(watched.drawdown, watched.rules, observation);
      const breach = breachToData(verdict.breach!);

      const tampered = { ...breach, inputHash: 'f'.repeat(64) };
      expect(code(await uc().handleAccountBreach.execute({ login, detected: { breach: tampered, inputs } }))).toBe(
        'TRADING_ACCOUNT.VERDICT_MISMATCH',
      );
      expect((await load(challengeId))!.status).toBe('active');

      expect(value(await uc().handleAccountBreach.execute({ login, detected: { breach, inputs } }))).toEqual({
        login,
        owner: { kind: 'challenge_phase', id: challengeId, phase: 1, attempt: 1 },
        handled: true,
        breach,
      });
      expect((await load(challengeId))!.status).toBe('failed');
      const replay = value(await uc().replayAccountVerdict.execute({ requester: trader(traderId), login }));
      expect(replay).toMatchObject({ matches: true, storedHash: breach.inputHash, stored: breach });
    });

    it('lets an admin override a false breach with a reason; the original verdict stays on record', async () => {
      const { challengeId, login, traderId } = await freshChallenge(at('2026-11-06T14:00:00Z'));
      await detectOnly(login, '89000', at('2026-11-06T14:10:00Z'));
      value(await uc().handleAccountBreach.execute({ login }));
      const original = breachToData((await load(challengeId))!.breach!);

      expect(code(await uc().overrideAccountBreach.execute({ adminId: 'admin-1', login, reason: '  ' }))).toBe('TRADING_ACCOUNT.REASON_REQUIRED');
      expect(code(await uc().overrideAccountBreach.execute({ adminId: 'admin-1', login: 'missing', reason: 'x' }))).toBe('TRADING_ACCOUNT.NOT_FOUND');
      clock.set(at('2026-11-06T15:00:00Z'));
      const overridden = value(await uc().overrideAccountBreach.execute({ adminId: 'admin-1', login, reason: 'bad price from the feed' }));
      // Nothing moved on the account since the bad tick: it trades on from 100,000 as a fresh day start.
      expect(overridden).toMatchObject({ login, status: 'active', tradingEnabled: true, tradingDay: '2026-11-06' });
      expect([overridden.dayStartBalance, overridden.dailyLossFloor, overridden.maxLossFloor].map((figure) => figure!.toFixed())).toEqual([
        '100000',
        '95000',
        '90000',
      ]);
      expect((await simulatorOf(ctx.platform).account(login)).tradingEnabled).toBe(true);

      const challenge = (await load(challengeId))!;
      expect(challenge.status).toBe('active');
      expect(challenge.breach).toBeNull();
      expect(challenge.overrides).toEqual([
        expect.objectContaining({ adminId: 'admin-1', reason: 'bad price from the feed', previousStatus: 'failed', original }),
      ]);
      expect((await account(login))!.overrides).toEqual([
        expect.objectContaining({ adminId: 'admin-1', reason: 'bad price from the feed', previousStatus: 'breached', original }),
      ]);
      const audit = await ctx.platform
        .get(AUDIT_LOG_READER)
        .list({ subjectType: 'trading_account', subjectId: login, action: 'trading_account.breach_overridden', limit: 10 });
      expect(audit).toEqual([
        expect.objectContaining({ actorId: 'admin-1', actorRole: 'admin', details: expect.objectContaining({ original }) }),
      ]);
      // The verdict is still there to replay.
      expect(value(await uc().replayAccountVerdict.execute({ requester: trader(traderId), login })).matches).toBe(true);
      // Nothing left to override now.
      expect(code(await uc().overrideAccountBreach.execute({ adminId: 'admin-1', login, reason: 'again' }))).toBe('TRADING_ACCOUNT.NOT_BREACHED');
    });

    it('answers with typed failures', async () => {
      const { challengeId, login, traderId } = await freshChallenge(at('2026-11-06T16:00:00Z'));
      expect(code(await uc().handleAccountBreach.execute({ login }))).toBe('TRADING_ACCOUNT.NOT_BREACHED');
      expect(code(await uc().handleAccountBreach.execute({ login: 'missing' }))).toBe('TRADING_ACCOUNT.NOT_FOUND');
      expect(code(await uc().evaluateEquity.execute({ login: '1', balance: '1', equity: '1' }))).toBe('TRADING_ACCOUNT.NOT_FOUND');
      expect(code(await uc().replayAccountVerdict.execute({ requester: trader(traderId), login }))).toBe('TRADING_ACCOUNT.NO_VERDICT');
      const stranger = await registerTrader(ctx.platform, 'stranger');
      expect(code(await uc().accountMetrics.execute({ requester: trader(stranger), challengeId }))).toBe('CHALLENGE.NOT_FOUND');
      expect(code(await uc().replayAccountVerdict.execute({ requester: trader(stranger), login }))).toBe('TRADING_ACCOUNT.NOT_FOUND');
      // An admin sees any challenge; live figures come from the platform while the account trades.
      const metrics = value(await uc().accountMetrics.execute({ requester: { userId: 'admin', role: 'admin' }, challengeId }));
      expect(metrics).toMatchObject({ status: 'active', account: login, figuresSource: 'platform', balance: '100000.00' });
      expect(metrics.nextResetAt).toBe('2026-11-06T22:00:00.000Z');
      expect(await knexOf(ctx.platform)('trading_account_verdicts').where({ login }).count({ n: '*' })).toEqual([{ n: '0' }]);
    });
  },
  { clock },
);
