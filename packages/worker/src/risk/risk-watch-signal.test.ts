import {
  ORDER_EXECUTION,
  PAYMENT_GATEWAYS,
  RiskWatchList,
  TRADING_PLATFORM,
  UNIT_OF_WORK,
  WORKER_REGISTRY,
  riskSubjectKey,
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
    async function buyOneLot(monitor: RiskMonitor, key: string, login: string): Promise<Decimal> {
      const fill = await ctx.platform.get(ORDER_EXECUTION).placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d(1) });
      await vi.waitFor(() => expect(monitor.engine.bookTicketOf(key)).toBe(fill.dealId));
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

    /** An active 2-Step 100k challenge on a fresh simulated account, stored by `save` in its own transaction. */
    async function activeChallenge(id: string): Promise<Challenge> {
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
      return challenge;
    }

    let bought: { challengeId: string; login: string };

    it('a challenge bought and fulfilled is watched at once, and a dip on the tick after its first trade is caught with that tick', async () => {
      clock.set(START);
      await eurusd('1.10000', clock.now());
      const monitor = await startMonitor('signal-solo');
      bought = await buy({ modelId: 'stellar_2step', balance: '100000' });
      await vi.waitFor(() => expect(monitor.watching()).toContain(bought.challengeId));

      const balance = await buyOneLot(monitor, bought.challengeId, bought.login);
      const dipAt = await dipBelowTheFloor(monitor);
      const challenge = (await uow().run((tx) => tx.challenges.findById(bought.challengeId)))!;
      expect(challenge.status).toBe('failed');
      expect(breachToData(challenge.breach!)).toMatchObject({
        rule: 'daily_loss',
        floor: '95000',
        equity: balance.minus(5010).toFixed(),
        balance: balance.toFixed(),
        tick: { symbol: 'EURUSD', bid: '1.05', ask: '1.0501', time: dipAt.toISOString() },
        at: dipAt.toISOString(),
      });
      expect(monitor.watching()).not.toContain(bought.challengeId);
      await stopMonitor(monitor, 'signal-solo');
    });

    it('a paid reset is watched at once on its fresh account, and an override that re-enables trading is watched at once too', async () => {
      clock.set('2026-11-03T15:00:00Z');
      await eurusd('1.10000', clock.now());
      const monitor = await startMonitor('signal-solo');
      expect(monitor.watching()).not.toContain(bought.challengeId);

      const reset = await buy({ resetOfChallengeId: bought.challengeId });
      expect(reset.challengeId).toBe(bought.challengeId);
      expect(reset.login).not.toBe(bought.login);
      await vi.waitFor(() => expect(monitor.watching()).toContain(bought.challengeId));
      // The fresh account's deals are the ones the monitor books.
      const balance = await buyOneLot(monitor, bought.challengeId, reset.login);
      expect(balance.lessThan(100_000)).toBe(true);

      await dipBelowTheFloor(monitor);
      expect((await uow().run((tx) => tx.challenges.findById(bought.challengeId)))!.status).toBe('failed');
      expect(monitor.watching()).not.toContain(bought.challengeId);

      const overridden = value(
        await uc().overrideBreach.execute({ adminId: admin, challengeId: bought.challengeId, reason: 'price feed glitch' }),
      );
      expect(overridden).toMatchObject({ challengeId: bought.challengeId, status: 'active', account: reset.login, tradingEnabled: true });
      await vi.waitFor(() => expect(monitor.watching()).toContain(bought.challengeId));
      await stopMonitor(monitor, 'signal-solo');
    });

    it('a rolled-back transaction announces nothing', async () => {
      clock.set('2026-11-03T16:00:00Z');
      const monitor = await startMonitor('signal-solo');
      const lookups = vi.spyOn(RiskWatchList.prototype, 'candidate');
      const undone = await activeChallenge('signal-undone');
      await expect(
        uow().run(async (tx) => {
          await tx.challenges.save(undone);
          throw new Error('abandoned');
        }),
      ).rejects.toThrow('abandoned');
      const committed = await activeChallenge('signal-committed');
      await uow().run((tx) => tx.challenges.save(committed));
      await vi.waitFor(() => expect(monitor.watching()).toContain('signal-committed'));
      await monitor.idle();
      // Only the committed challenge was looked up: the rolled-back one was never announced.
      expect(lookups.mock.calls.map(([key]) => key)).toEqual(['signal-committed']);
      expect(monitor.watching()).not.toContain('signal-undone');
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
      const key = riskSubjectKey({ kind: 'funded', id: account.fundedAccountId });
      await vi.waitFor(() => expect(monitor.watching()).toContain(key));
      const balance = await buyOneLot(monitor, key, account.login);
      expect(monitor.engine.equityOf(key)!.toFixed()).toBe(balance.minus(10).toFixed());
      await stopMonitor(monitor, 'signal-solo');
    });

    it('with two workers, only the owner of an announced account watches it', async () => {
      clock.set('2026-11-03T18:00:00Z');
      const a = await startMonitor('signal-a');
      const b = await startMonitor('signal-b');
      // `a` started alone: one membership check shows it both workers (not counted as a rebalance after start).
      await a.rebalance();
      rebalances.get(a)!.mockClear();
      const ids = Array.from({ length: 6 }, (_, i) => `signal-split-${i + 1}`);
      for (const id of ids) {
        const challenge = await activeChallenge(id);
        await uow().run((tx) => tx.challenges.save(challenge));
      }
      const owners = new Map(ids.map((id) => [id, rendezvousOwner(id, ['signal-a', 'signal-b']) === 'signal-a' ? a : b]));
      expect(new Set(owners.values()).size).toBe(2);
      await vi.waitFor(() => {
        for (const [id, owner] of owners) expect(owner.watching()).toContain(id);
      });
      await a.idle();
      await b.idle();
      expect(a.watching().filter((id) => ids.includes(id)).sort()).toEqual(ids.filter((id) => owners.get(id) === a).sort());
      expect(b.watching().filter((id) => ids.includes(id)).sort()).toEqual(ids.filter((id) => owners.get(id) === b).sort());
      await stopMonitor(a, 'signal-a');
      await stopMonitor(b, 'signal-b');
    });
  },
  { clock, env: { WORKER_HEARTBEAT_SECONDS: '300' } },
);
