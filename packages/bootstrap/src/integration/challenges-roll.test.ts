import { TRADING_PLATFORM, UNIT_OF_WORK, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal, unwrap } from '@tradesense/domain';
import { afterAll, expect, it } from 'vitest';
import { code, knexOf, openChallenge, registerTrader, value } from '../testing/challenge-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

const START = '2026-10-30T14:00:00Z';
const clock = new ManualClock(START);
const at = (iso: string): Date => new Date(iso);

describeEachPlatform(
  'challenges: trading day rollover',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    // The next database's platform starts its simulated market at the clock's time.
    afterAll(() => clock.set(START));
    const load = (id: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.challenges.findById(id));
    const account = (login: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccounts.find(login));
    let dstLogins: string[] = [];
    let dstChallenges: string[] = [];
    let traderId = '';

    it('rolls across the end of US daylight saving time on the 25-hour trading day of 2026-11-01', async () => {
      clock.set(at('2026-10-30T14:00:00Z'));
      traderId = await registerTrader(ctx.platform);
      for (let i = 0; i < 3; i++) {
        const opened = await openChallenge(ctx.platform, { traderId, at: clock.now() });
        dstChallenges.push(opened.challengeId);
        dstLogins.push(opened.login);
      }

      // Friday 17:00 New York (EDT) starts Saturday's trading day.
      const friday = value(await uc().rollAccountsTradingDay.execute({ at: at('2026-10-30T21:00:00Z') }));
      expect(friday).toMatchObject({ tradingDay: '2026-10-31', snapshots: 3, rolled: 3, nextResetAt: '2026-10-31T21:00:00.000Z' });

      // Saturday 17:00 EDT starts the day named 2026-11-01; it ends at Sunday 17:00 EST, 25 hours later.
      const longDay = value(await uc().rollAccountsTradingDay.execute({ at: at('2026-10-31T21:00:00Z') }));
      expect(longDay).toMatchObject({ tradingDay: '2026-11-01', snapshots: 3, rolled: 3, nextResetAt: '2026-11-01T22:00:00.000Z' });

      // 24 hours later the day has not ended: nothing rolls.
      clock.set(at('2026-11-01T21:00:00Z'));
      const early = value(await uc().rollAccountsTradingDay.execute());
      expect(early).toMatchObject({ tradingDay: '2026-11-01', snapshots: 0, rolled: 0 });
      const metrics = value(await uc().accountMetrics.execute({ requester: { userId: traderId, role: 'trader' }, challengeId: dstChallenges[0]! }));
      expect(metrics).toMatchObject({ tradingDay: '2026-11-01', nextResetAt: '2026-11-01T22:00:00.000Z' });

      clock.set(at('2026-11-01T22:00:00Z'));
      const sunday = value(await uc().rollAccountsTradingDay.execute());
      expect(sunday).toMatchObject({ tradingDay: '2026-11-02', snapshots: 3, rolled: 3, nextResetAt: '2026-11-02T22:00:00.000Z' });
      for (const login of dstLogins) expect((await account(login))!.drawdown.tradingDay).toBe('2026-11-02');

      const taken = await knexOf(ctx.platform)('trading_account_day_starts')
        .whereIn('login', dstLogins)
        .select('trading_day', 'taken_at')
        .orderBy('trading_day');
      const startOf = new Map(taken.map((row: { trading_day: string; taken_at: Date }) => [row.trading_day, row.taken_at.toISOString()]));
      expect(Object.fromEntries(startOf)).toEqual({
        '2026-10-31': '2026-10-30T21:00:00.000Z',
        '2026-11-01': '2026-10-31T21:00:00.000Z',
        '2026-11-02': '2026-11-01T22:00:00.000Z',
      });
    });

    it('takes the day-start snapshot of every active account in one statement, then rolls each challenge from it', async () => {
      clock.set(at('2026-11-09T14:00:00Z'));
      const opened = [];
      for (let i = 0; i < 5; i++) opened.push(await openChallenge(ctx.platform, { traderId, at: clock.now() }));
      // One account was observed below its start: the snapshot takes that equity.
      value(
        await uc().evaluateEquity.execute({ login: opened[0]!.login, balance: '100000', equity: '99000.50', at: at('2026-11-09T20:00:00Z') }),
      );
      const active = dstChallenges.length + opened.length;

      const knex = knexOf(ctx.platform);
      const statements: string[] = [];
      const listener = (query: { sql: string }) => statements.push(query.sql);
      knex.on('query', listener);
      const rolled = value(await uc().rollAccountsTradingDay.execute({ at: at('2026-11-09T22:00:00Z') }));
      knex.off('query', listener);

      expect(rolled).toMatchObject({ tradingDay: '2026-11-10', snapshots: active, rolled: active });
      expect(statements.filter((sql) => /insert into "?trading_account_day_starts/i.test(sql))).toHaveLength(1);
      // The per-account part reads the snapshots, never the accounts' figures one by one.
      expect(statements.filter((sql) => /account_equity/i.test(sql))).toHaveLength(1);

      const observed = (await account(opened[0]!.login))!.drawdown;
      expect(observed.tradingDay).toBe('2026-11-10');
      expect(observed.dayStartEquity.toFixed(2)).toBe('99000.50');
      expect(observed.dayStartBalance.toFixed(2)).toBe('100000.00');
      const events = await knex('outbox').where({ aggregate_id: opened[1]!.login, topic: 'TradingDayRolled' }).pluck('payload');
      expect(events).toEqual([
        expect.objectContaining({ tradingDay: '2026-11-10', dailyLossFloor: '95000', maxLossFloor: '90000', nextResetAt: '2026-11-10T22:00:00.000Z' }),
      ]);

      // The same rollover again changes nothing.
      expect(value(await uc().rollAccountsTradingDay.execute({ at: at('2026-11-09T22:00:30Z') }))).toMatchObject({ snapshots: 0, rolled: 0 });
    });

    it('worked example 2: the next day starts at balance 102,000, so the daily floor is 97,000 and the max-loss floor stays 90,000', async () => {
      clock.set(at('2026-11-10T14:00:00Z'));
      const { challengeId, login } = await openChallenge(ctx.platform, { traderId, at: clock.now() });
      await ctx.platform.get(TRADING_PLATFORM).balanceOperation({
        login,
        kind: 'correction',
        amount: new Decimal('2000'),
        clientOperationId: `profit-${login}`,
      });
      value(await uc().recordAccountDeals.execute({ login }));
      value(await uc().rollAccountsTradingDay.execute({ at: at('2026-11-10T22:00:00Z') }));
      clock.set(at('2026-11-11T14:00:00Z'));
      const metrics = value(await uc().accountMetrics.execute({ requester: { userId: traderId, role: 'trader' }, challengeId }));
      expect(metrics).toMatchObject({
        tradingDay: '2026-11-11',
        dayStartBalance: '102000.00',
        balance: '102000.00',
        figuresSource: 'platform',
      });
      expect(metrics.dailyLoss).toMatchObject({ floor: '97000.00', remaining: '5000.00', remainingPercent: '5.00' });
      expect(metrics.maxLoss).toMatchObject({ floor: '90000.00', remaining: '12000.00' });
    });

    it('expires challenges after 30 trading days without a trade, as part of the rollover', async () => {
      clock.set(at('2026-11-11T15:00:00Z'));
      const { challengeId, login } = await openChallenge(ctx.platform, { traderId, at: clock.now() });
      // The last activity day is 2026-11-11: days 11-12 … 12-11 are idle, the roll into 12-12 expires it.
      value(await uc().rollAccountsTradingDay.execute({ at: at('2026-12-10T22:00:00Z') }));
      expect((await load(challengeId))!.status).toBe('active');
      const expired = value(await uc().rollAccountsTradingDay.execute({ at: at('2026-12-11T22:00:00Z') }));
      expect(expired.tradingDay).toBe('2026-12-12');
      expect((await load(challengeId))!.status).toBe('expired');
      // Its account is no longer watched.
      expect((await account(login))!.status).toBe('closed');
      expect(code(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '100000' }))).toBe('TRADING_ACCOUNT.CLOSED');
    });

    it('starts the next phase of a challenge whose phase-2 account could not be made when it passed', async () => {
      clock.set(at('2026-12-13T14:00:00Z'));
      const { challengeId, login } = await openChallenge(ctx.platform, { traderId, at: clock.now() });
      // Phase 1 passed in the domain, with no follow-up (as if the platform was down at that moment).
      await ctx.platform.get(UNIT_OF_WORK).run(async (tx) => {
        const challenge = (await tx.challenges.findById(challengeId, { lock: true }))!;
        const calendar = challenge.rules.calendar;
        for (let day = 0; day < 5; day++) {
          const when = new Date(Date.parse('2026-12-13T15:00:00Z') + day * 86_400_000);
          const tradingDay = calendar.tradingDayOf(when);
          const balance = new Decimal(day === 4 ? '108500' : '100000');
          unwrap(challenge.recordTradingActivity({ account: login, action: 'open', at: when, tradingDay, balance: new Decimal(100000), openPositions: 1 }));
          const closedAt = new Date(when.getTime() + 60_000);
          unwrap(challenge.recordTradingActivity({ account: login, action: 'close', at: closedAt, tradingDay, balance, openPositions: 0 }));
        }
        expect(challenge.phasePassed).toBe(true);
        await tx.challenges.save(challenge);
      });
      // The rollover's safety net starts it.
      expect(value(await uc().startAwaitingPhases.execute())).toEqual({ started: 1 });
      const challenge = (await load(challengeId))!;
      expect(challenge).toMatchObject({ phase: 2, phasePassed: false, status: 'active' });
      expect(challenge.account).not.toBe(login);
      expect(challenge.history[0]).toMatchObject({ phase: 1, outcome: 'passed', account: login });
    });

    it('lists a trader’s challenges a page at a time, and all of them for an admin by filter', async () => {
      const own = await registerTrader(ctx.platform, 'lister');
      clock.set(at('2026-12-12T10:00:00Z'));
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        clock.set(new Date(clock.now().getTime() + 60_000));
        ids.push((await openChallenge(ctx.platform, { traderId: own, at: clock.now() })).challengeId);
      }
      const first = value(await uc().listChallenges.execute({ userId: own, limit: 2 }));
      expect(first.items.map((c) => c.id)).toEqual([ids[2], ids[1]]);
      expect(first.items[0]).toMatchObject({ status: 'active', phase: 1, phaseCount: 2, modelId: 'stellar_2step', initialBalance: '100000.00' });
      const second = value(await uc().listChallenges.execute({ userId: own, limit: 2, cursor: first.nextCursor }));
      expect(second.items.map((c) => c.id)).toEqual([ids[0]]);
      expect(second.nextCursor).toBeNull();
      expect(code(await uc().listChallenges.execute({ userId: own, cursor: 'nope' }))).toBe('PAGE.INVALID_CURSOR');
      expect(code(await uc().listChallenges.execute({ userId: own, limit: 1000 }))).toBe('PAGE.INVALID_LIMIT');

      const expired = value(await uc().listChallengesAdmin.execute({ status: 'expired', limit: 100 }));
      expect(expired.items.length).toBeGreaterThan(0);
      expect(expired.items.every((c) => c.status === 'expired')).toBe(true);
      const mine = value(await uc().listChallengesAdmin.execute({ traderId: own }));
      expect(mine.items.map((c) => c.id).sort()).toEqual([...ids].sort());
    });
  },
  { clock },
);
