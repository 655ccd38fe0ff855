import {
  ORDER_EXECUTION,
  PAYMENT_GATEWAYS,
  RiskWatchList,
  TRADING_PLATFORM,
  UNIT_OF_WORK,
  WORKER_REGISTRY,
  type TransactionScope,
} from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import {
  SIMULATED_TRADING_SERVER,
  describeEachPlatform,
  fundTrader,
  pendingKycChallenge,
  registerPerson,
} from '@tradesense/bootstrap/testing';
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
import { afterAll, beforeAll, expect, it, vi, type MockInstance } from 'vitest';
import { createRiskMonitor } from './create-risk-monitor.js';
import { rendezvousOwner } from './rendezvous.js';
import type { RiskMonitor } from './risk-monitor.js';

// Tuesday 3 November 2026, 09:00 New York: trading day 2026-11-03, which ends at 22:00 UTC.
const START = '2026-11-03T14:00:00Z';
const clock = new ManualClock(START);
const d = (value: string | number) => new Decimal(value);
/**
 * How long a test waits for the monitor: each deal reaches it after the
 * previous one was recorded, which takes more than `vi.waitFor`'s default
 * second on a loaded machine; a settled wait returns as soon as it holds.
 */
const SETTLED = { timeout: 10_000 };

function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}

/**
 * The monitors here never rebalance after starting (no heartbeat runs, and
 * the configured heartbeat is five minutes): an account they watch that was
 * opened after they started was announced by the transaction that opened it.
 */
describeEachPlatform(
  'risk watch signal',
  (ctx) => {
    afterAll(() => clock.set(START));
    const uow = () => ctx.platform.get(UNIT_OF_WORK);
    const server = () => ctx.platform.get(SIMULATED_TRADING_SERVER);
    const platform = () => ctx.platform.get(TRADING_PLATFORM);
    const registry = () => ctx.platform.get(WORKER_REGISTRY);
    const uc = () => ctx.platform.useCases;
    const eurusd = (bid: string, time: Date) => server().pushTick({ symbol: 'EURUSD', bid: d(bid), ask: d(bid).plus('0.00010'), time });

    let admin: string;
    let trader: string;
    beforeAll(async () => {
      admin = (await registerPerson(ctx.platform, { name: 'signal-admin', role: 'admin' })).userId;
      trader = (await registerPerson(ctx.platform, { name: 'signal-buyer' })).userId;
    });

    const rebalances = new Map<RiskMonitor, MockInstance>();
    async function startMonitor(workerId: string): Promise<RiskMonitor> {
      await registry().register(workerId, clock.now());
      const monitor = createRiskMonitor(ctx.platform, { workerId });
      await monitor.start();
      // Observed, not replaced: any later membership check would show here.
      rebalances.set(monitor, vi.spyOn(monitor, 'rebalance'));
      return monitor;
    }

    async function stopMonitor(monitor: RiskMonitor, workerId: string): Promise<void> {
      expect(rebalances.get(monitor)).not.toHaveBeenCalled();
      await monitor.stop();
      await registry().deregister(workerId);
    }

    /** An order placed and paid through the simulated gateway, which fulfils it: the challenge and its fresh login. */
    async function buy(order: { modelId?: string; balance?: string; resetOfChallengeId?: string }) {
      const placed = value(await uc().placeOrder.execute({ userId: trader, gatewayId: 'simulated', ...order }));
      const parameters = Object.fromEntries(new URL(placed.checkout.redirectUrl!).searchParams);
      const notice = await ctx.platform.get(PAYMENT_GATEWAYS).get('simulated').completeCheckout!({ parameters });
      if (notice.outcome !== 'event') throw new Error(`expected a payment event, got ${notice.rawType}`);
      value(await uc().handlePaymentEvent.execute(notice.event));
      const challenge = (await uow().run((tx) => tx.orders.findById(placed.order.id)))!.challengeId!;
      const login = (await uow().run((tx) => tx.challenges.findById(challenge)))!.account!;
      return { challengeId: challenge, login };
    }

    /** Buys 1 lot EURUSD at the ask and waits until the monitor has booked it; returns the balance after it. */
    async function buyOneLot(monitor: RiskMonitor, login: string): Promise<Decimal> {
      const fill = await ctx.platform.get(ORDER_EXECUTION).placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d(1) });
      await vi.waitFor(() => expect(monitor.engine.bookTicketOf(login)).toBe(fill.dealId), SETTLED);
      return (await platform().getAccount(login)).balance;
    }

    /** A dip below the 95,000 daily floor for one tick after a 1-lot buy at 1.10010; returns the tick's instant. */
    async function dipBelowTheFloor(monitor: RiskMonitor): Promise<Date> {
      await eurusd('1.09000', clock.advance(1_000)); // balance − 1,010: safe
      const dipAt = clock.advance(1_000);
      await eurusd('1.05000', dipAt); // balance − 5,010: below the floor, for this tick only
      await eurusd('1.09000', clock.advance(1_000));
      await monitor.idle();
      return dipAt;
    }

    /** An active 2-Step 100k challenge on a fresh simulated account, with its phase's trading account, to store. */
    async function activeChallenge(id: string): Promise<{ challenge: Challenge; account: TradingAccount }> {
      const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
      const account = await platform().createAccount({
        group: 'signal-test',
        leverage: 100,
        initialBalance: rules.initialBalance.amount,
        swapFree: true,
        name: 'Signal Test',
      });
      const challenge = Challenge.create({ id, traderId: trader, rules, at: clock.now() });
      unwrap(challenge.activate(account.login, clock.now()));
      const owner = { kind: 'challenge_phase', id, phase: 1, attempt: 1 } as const;
      return { challenge, account: unwrap(TradingAccount.open({ login: account.login, traderId: trader, owner, rules, at: clock.now() })) };
    }

    /** Stores both in the caller's transaction: the trading account's save is what announces it. */
    async function store(tx: TransactionScope, opened: { challenge: Challenge; account: TradingAccount }): Promise<void> {
      await tx.challenges.save(opened.challenge);
      await tx.tradingAccounts.save(opened.account);
    }

    let bought: { challengeId: string; login: string };

    it('a challenge bought and fulfilled is watched at once, and a dip on the tick after its first trade is caught with that tick', async () => {
      clock.set(START);
      await eurusd('1.10000', clock.now());
      const monitor = await startMonitor('signal-solo');
      bought = await buy({ modelId: 'stellar_2step', balance: '100000' });
      await vi.waitFor(() => expect(monitor.watching()).toContain(bought.login), SETTLED);

      const balance = await buyOneLot(monitor, bought.login);
      const dipAt = await dipBelowTheFloor(monitor);
      expect((await uow().run((tx) => tx.challenges.findById(bought.challengeId)))!.status).toBe('failed');
      const account = (await uow().run((tx) => tx.tradingAccounts.find(bought.login)))!;
      expect(breachToData(account.breach!)).toMatchObject({
        rule: 'daily_loss',
        floor: '95000',
        equity: balance.minus(5010).toFixed(),
        balance: balance.toFixed(),
        tick: { symbol: 'EURUSD', bid: '1.05', ask: '1.0501', time: dipAt.toISOString() },
        at: dipAt.toISOString(),
      });
      expect(monitor.watching()).not.toContain(bought.login);
      await stopMonitor(monitor, 'signal-solo');
    });

    it('a paid reset is watched at once on its fresh account, and an override that re-enables trading is watched at once too', async () => {
      clock.set('2026-11-03T15:00:00Z');
      await eurusd('1.10000', clock.now());
      const monitor = await startMonitor('signal-solo');
      expect(monitor.watching()).not.toContain(bought.login);

      const reset = await buy({ resetOfChallengeId: bought.challengeId });
      expect(reset.challengeId).toBe(bought.challengeId);
      expect(reset.login).not.toBe(bought.login);
      await vi.waitFor(() => expect(monitor.watching()).toContain(reset.login), SETTLED);
      // The fresh account's deals are the ones the monitor books.
      const balance = await buyOneLot(monitor, reset.login);
      expect(balance.lessThan(100_000)).toBe(true);

      await dipBelowTheFloor(monitor);
      expect((await uow().run((tx) => tx.challenges.findById(bought.challengeId)))!.status).toBe('failed');
      expect(monitor.watching()).not.toContain(reset.login);

      const overridden = value(await uc().overrideAccountBreach.execute({ adminId: admin, login: reset.login, reason: 'price feed glitch' }));
      expect(overridden).toMatchObject({ login: reset.login, status: 'active', tradingEnabled: true });
      expect((await uow().run((tx) => tx.challenges.findById(bought.challengeId)))!.status).toBe('active');
      await vi.waitFor(() => expect(monitor.watching()).toContain(reset.login), SETTLED);
      await stopMonitor(monitor, 'signal-solo');
    });

    it('a rolled-back transaction announces nothing', async () => {
      clock.set('2026-11-03T16:00:00Z');
      const monitor = await startMonitor('signal-solo');
      const lookups = vi.spyOn(RiskWatchList.prototype, 'candidate');
      const undone = await activeChallenge('signal-undone');
      await expect(
        uow().run(async (tx) => {
          await store(tx, undone);
          throw new Error('abandoned');
        }),
      ).rejects.toThrow('abandoned');
      const committed = await activeChallenge('signal-committed');
      await uow().run((tx) => store(tx, committed));
      await vi.waitFor(() => expect(monitor.watching()).toContain(committed.account.login), SETTLED);
      await monitor.idle();
      // Only the committed account was looked up: the rolled-back one was never announced.
      expect(lookups.mock.calls.map(([login]) => login)).toEqual([committed.account.login]);
      expect(monitor.watching()).not.toContain(undone.account.login);
      lookups.mockRestore();
      await stopMonitor(monitor, 'signal-solo');
    });

    it('a funded account is watched as soon as it is activated', async () => {
      clock.set('2026-11-03T17:00:00Z');
      await eurusd('1.10000', clock.now());
      const monitor = await startMonitor('signal-solo');
      const funded = (await registerPerson(ctx.platform, { name: 'signal-funded' })).userId;
      await pendingKycChallenge(ctx.platform, { traderId: funded, at: clock.now() });
      const account = (await fundTrader(ctx.platform, { traderId: funded, adminId: admin })).fundedAccounts[0]!;
      await vi.waitFor(() => expect(monitor.watching()).toContain(account.login), SETTLED);
      const balance = await buyOneLot(monitor, account.login);
      expect(monitor.engine.equityOf(account.login)!.toFixed()).toBe(balance.minus(10).toFixed());
      await stopMonitor(monitor, 'signal-solo');
    });

    it('with two workers, only the owner of an announced account watches it', async () => {
      clock.set('2026-11-03T18:00:00Z');
      const a = await startMonitor('signal-a');
      const b = await startMonitor('signal-b');
      // `a` started alone: one membership check shows it both workers (not counted as a rebalance after start).
      await a.rebalance();
      rebalances.get(a)!.mockClear();
      const ids: string[] = [];
      for (let i = 1; i <= 6; i += 1) {
        const opened = await activeChallenge(`signal-split-${i}`);
        await uow().run((tx) => store(tx, opened));
        ids.push(opened.account.login);
      }
      const owners = new Map(ids.map((login) => [login, rendezvousOwner(login, ['signal-a', 'signal-b']) === 'signal-a' ? a : b]));
      expect(new Set(owners.values()).size).toBe(2);
      await vi.waitFor(() => {
        for (const [login, owner] of owners) expect(owner.watching()).toContain(login);
      }, SETTLED);
      await a.idle();
      await b.idle();
      expect(a.watching().filter((login) => ids.includes(login)).sort()).toEqual(ids.filter((login) => owners.get(login) === a).sort());
      expect(b.watching().filter((login) => ids.includes(login)).sort()).toEqual(ids.filter((login) => owners.get(login) === b).sort());
      await stopMonitor(a, 'signal-a');
      await stopMonitor(b, 'signal-b');
    });
  },
  { clock, env: { WORKER_HEARTBEAT_SECONDS: '300' } },
);
