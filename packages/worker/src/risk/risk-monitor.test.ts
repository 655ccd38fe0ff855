import {
  AUDIT_LOG_READER,
  ORDER_EXECUTION,
  RiskWatchList,
  TRADING_PLATFORM,
  UNIT_OF_WORK,
  WORKER_REGISTRY,
} from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform } from '@tradesense/bootstrap/testing';
import {
  Challenge,
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  Decimal,
  RuleSnapshot,
  STELLAR_2STEP,
  TradingAccount,
  breachToData,
  unwrap,
} from '@tradesense/domain';
import { afterAll, expect, it, vi } from 'vitest';
import { createRiskMonitor } from './create-risk-monitor.js';
import { rendezvousOwner } from './rendezvous.js';
import type { RiskMonitor } from './risk-monitor.js';

// Tuesday 3 November 2026, 09:00 New York: trading day 2026-11-03, which ends at 22:00 UTC.
const START = '2026-11-03T14:00:00Z';
const RESET = new Date('2026-11-03T22:00:00Z');
const clock = new ManualClock(START);
const d = (value: string | number) => new Decimal(value);
/**
 * How long a test waits for the monitor: each deal reaches it after the
 * previous one was recorded, which takes more than `vi.waitFor`'s default
 * second on a loaded machine; a settled wait returns as soon as it holds.
 */
const SETTLED = { timeout: 10_000 };

describeEachPlatform(
  'risk monitor',
  (ctx) => {
    afterAll(() => clock.set(START));
    const uow = () => ctx.platform.get(UNIT_OF_WORK);
    const server = () => ctx.platform.get(SIMULATED_TRADING_SERVER);
    const registry = () => ctx.platform.get(WORKER_REGISTRY);
    const load = (id: string) => uow().run((tx) => tx.challenges.findById(id));
    const loadAccount = (login: string) => uow().run((tx) => tx.tradingAccounts.find(login));
    const eurusd = (bid: string, time: Date) =>
      server().pushTick({ symbol: 'EURUSD', bid: d(bid), ask: d(bid).plus('0.00010'), time });

    let opened = 0;
    /** An active 2-Step 100k challenge on a fresh simulated account, with its phase's trading account (as fulfilment makes them). */
    async function openChallenge(id: string): Promise<{ challengeId: string; login: string }> {
      opened += 1;
      const registered = await ctx.platform.useCases.registerUser.execute({
        email: `risk-${opened}-${Date.now()}@example.com`,
        password: 'long enough password',
        country: 'DE',
      });
      if (!registered.ok) throw registered.error;
      const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
      const account = await ctx.platform.get(TRADING_PLATFORM).createAccount({
        group: 'risk-test',
        leverage: 100,
        initialBalance: rules.initialBalance.amount,
        swapFree: true,
        name: 'Risk Test',
      });
      const traderId = registered.value.userId;
      const challenge = Challenge.create({ id, traderId, rules, at: clock.now() });
      unwrap(challenge.activate(account.login, clock.now()));
      const owner = { kind: 'challenge_phase', id, phase: 1, attempt: 1 } as const;
      const watched = unwrap(TradingAccount.open({ login: account.login, traderId, owner, rules, at: clock.now() }));
      await uow().run(async (tx) => {
        await tx.challenges.save(challenge);
        await tx.tradingAccounts.save(watched);
      });
      return { challengeId: id, login: account.login };
    }

    async function startMonitor(workerId: string): Promise<RiskMonitor> {
      await registry().register(workerId, clock.now());
      const monitor = createRiskMonitor(ctx.platform, { workerId });
      await monitor.start();
      return monitor;
    }

    async function stopMonitor(monitor: RiskMonitor, workerId: string): Promise<void> {
      await monitor.stop();
      await registry().deregister(workerId);
    }

    /** Opens 1 lot EURUSD at the ask and waits until the monitor has booked the deal. */
    async function buyOneLot(monitor: RiskMonitor, login: string): Promise<void> {
      const fill = await ctx.platform.get(ORDER_EXECUTION).placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d(1) });
      await vi.waitFor(() => expect(monitor.engine.bookTicketOf(login)).toBe(fill.dealId), SETTLED);
    }

    it('catches a dip below the daily floor lasting one tick and handles it: trading disabled, positions closed, challenge failed', async () => {
      clock.set(START);
      await eurusd('1.10000', clock.now());
      const { challengeId, login } = await openChallenge('risk-dip');
      const monitor = await startMonitor('risk-solo');
      expect(monitor.watching()).toContain(login);
      // Bought at 1.10010 with $3 commission: balance 99,997; equity = 99,997 + (bid − 1.10010) × 100,000.
      await buyOneLot(monitor, login);

      await eurusd('1.09000', clock.advance(1_000)); // 98,987: safe
      const dipAt = clock.advance(1_000);
      await eurusd('1.05000', dipAt); // 94,987: below the 95,000 daily floor, for one tick
      await eurusd('1.09000', clock.advance(1_000)); // safe again
      await monitor.idle();

      expect((await load(challengeId))!.status).toBe('failed');
      const account = (await loadAccount(login))!;
      expect(account.status).toBe('breached');
      const breach = breachToData(account.breach!);
      expect(breach).toMatchObject({
        rule: 'daily_loss',
        floor: '95000',
        equity: '94987',
        balance: '99997',
        tick: { symbol: 'EURUSD', bid: '1.05', ask: '1.0501', time: dipAt.toISOString() },
        at: dipAt.toISOString(),
      });
      const platform = ctx.platform.get(TRADING_PLATFORM);
      expect((await platform.getAccount(login)).tradingEnabled).toBe(false);
      expect(await platform.openPositions(login)).toEqual([]);
      const verdicts = await uow().run((tx) => tx.tradingAccountVerdicts.listByLogin(login));
      expect(verdicts.map((v) => v.inputHash)).toEqual([breach.inputHash]);
      const audit = await ctx.platform.get(AUDIT_LOG_READER).list({ subjectId: login, action: 'trading_account.breach_handled', limit: 10 });
      expect(audit.map((entry) => entry.details['order'])).toEqual([['disable_trading', 'close_positions', 'mark_breached']]);
      // The closing deal was taken in after the handling: the account holds no position.
      expect((await loadAccount(login))!.openPositions).toEqual([]);
      expect(monitor.watching()).not.toContain(login);
      await stopMonitor(monitor, 'risk-solo');
    });

    it('an account already below a floor when a worker picks it up is caught at once', async () => {
      clock.set('2026-11-03T14:30:00Z');
      await eurusd('1.10000', clock.now());
      const { challengeId, login } = await openChallenge('risk-unwatched-dip');
      await ctx.platform.get(ORDER_EXECUTION).placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d(1) });
      // The deals are taken in while the account is safe, so only the monitor can find what follows.
      expect((await ctx.platform.useCases.recordAccountDeals.execute({ login })).ok).toBe(true);
      // Nobody watches while the price falls through the floor.
      const lastAt = clock.advance(60_000);
      await eurusd('1.04000', lastAt);

      const monitor = await startMonitor('risk-solo');
      await monitor.idle();
      expect((await load(challengeId))!.status).toBe('failed');
      // Valued at the feed's last price as soon as it arrived.
      expect(breachToData((await loadAccount(login))!.breach!).tick).toMatchObject({ symbol: 'EURUSD', bid: '1.04', time: lastAt.toISOString() });
      await stopMonitor(monitor, 'risk-solo');
    });

    it('stores an early warning once and the closing figures at the reset', async () => {
      clock.set('2026-11-03T15:00:00Z');
      await eurusd('1.10000', clock.now());
      const { challengeId, login } = await openChallenge('risk-warned');
      const monitor = await startMonitor('risk-solo');
      await buyOneLot(monitor, login);

      await eurusd('1.06000', clock.advance(1_000)); // 95,987: past the 96,000 warning level
      await eurusd('1.05900', clock.advance(1_000)); // lower, same day: no second warning
      await monitor.idle();
      expect((await load(challengeId))!.status).toBe('active');
      expect((await loadAccount(login))!.drawdown.warningsSent).toEqual(['daily_loss']);

      await eurusd('1.08000', clock.advance(1_000)); // 97,987 when the day closes
      monitor.rollover(RESET);
      await monitor.idle();
      const figures = await uow().run((tx) => tx.accountEquity.find(login));
      expect(figures!.equity.toFixed(2)).toBe('97987.00');
      expect(figures!.updatedAt.getTime()).toBe(RESET.getTime() - 1);
      expect(monitor.engine.stateOf(login)!.tradingDay).toBe('2026-11-04');
      await stopMonitor(monitor, 'risk-solo');
    });

    it('two workers watch every account exactly once; stopping one hands its accounts to the other', async () => {
      clock.set('2026-11-03T16:00:00Z');
      for (let i = 1; i <= 8; i += 1) await openChallenge(`risk-split-${i}`);
      const active = (await new RiskWatchList(uow()).candidates()).map((c) => c.login).sort();

      const a = await startMonitor('risk-a');
      const b = await startMonitor('risk-b');
      // `a` started alone; both see both after a membership check.
      await a.rebalance();
      await b.rebalance();
      const watchedByA = a.watching().sort();
      const watchedByB = b.watching().sort();
      expect(watchedByA.filter((login) => watchedByB.includes(login))).toEqual([]);
      expect([...watchedByA, ...watchedByB].sort()).toEqual(active);
      expect(watchedByA).toEqual(active.filter((login) => rendezvousOwner(login, ['risk-a', 'risk-b']) === 'risk-a'));
      expect(watchedByA.length).toBeGreaterThan(0);
      expect(watchedByB.length).toBeGreaterThan(0);

      await stopMonitor(b, 'risk-b');
      await a.rebalance();
      expect(a.watching().sort()).toEqual(active);
      await stopMonitor(a, 'risk-a');
    });

    it('a worker whose heartbeat lapses loses its accounts to the live one', async () => {
      clock.set('2026-11-03T17:00:00Z');
      const a = await startMonitor('risk-a');
      const b = await startMonitor('risk-b');
      await a.rebalance();
      await b.rebalance();
      const active = (await new RiskWatchList(uow()).candidates()).map((c) => c.login).sort();
      expect(a.watching().length).toBeLessThan(active.length);

      // `b` hangs: no heartbeat for longer than the lease (3 × 10 s); `a` keeps beating.
      clock.advance(31_000);
      await registry().heartbeat('risk-a', clock.now());
      await a.rebalance();
      expect(a.watching().sort()).toEqual(active);
      // …and `b`, once it sees it is no longer live, lets go of everything.
      await b.rebalance();
      expect(b.watching()).toEqual([]);
      await stopMonitor(b, 'risk-b');
      await stopMonitor(a, 'risk-a');
    });
  },
  { clock },
);
