import {
  AUDIT_LOG_READER,
  ORDER_EXECUTION,
  RiskWatchList,
  TRADING_PLATFORM,
  UNIT_OF_WORK,
  WORKER_REGISTRY,
  type Deal,
} from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import {
  SIMULATED_TRADING_SERVER,
  describeEachPlatform,
  fundTrader,
  outboxPayloads,
  pendingKycChallenge,
  registerPerson,
} from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
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

describeEachPlatform(
  'risk monitor: funded accounts',
  (ctx) => {
    afterAll(() => clock.set(START));
    const uow = () => ctx.platform.get(UNIT_OF_WORK);
    const server = () => ctx.platform.get(SIMULATED_TRADING_SERVER);
    const platform = () => ctx.platform.get(TRADING_PLATFORM);
    const registry = () => ctx.platform.get(WORKER_REGISTRY);
    const load = (id: string) => uow().run((tx) => tx.fundedAccounts.findById(id));
    const loadTrading = (login: string) => uow().run((tx) => tx.tradingAccounts.find(login));
    const eurusd = (bid: string, time: Date) => server().pushTick({ symbol: 'EURUSD', bid: d(bid), ask: d(bid).plus('0.00010'), time });
    const outbox = (aggregateId: string, topic: string) => outboxPayloads(ctx.platform, aggregateId, topic);

    let admin: string;
    beforeAll(async () => {
      admin = (await registerPerson(ctx.platform, { name: 'risk-admin', role: 'admin' })).userId;
    });

    /** A trader funded on the simulator (2-Step 100k: daily floor 95,000, max-loss floor 90,000). */
    async function fundedAccount(): Promise<{ fundedAccountId: string; login: string }> {
      const trader = (await registerPerson(ctx.platform, { name: 'funded-risk' })).userId;
      await pendingKycChallenge(ctx.platform, { traderId: trader, at: clock.now() });
      const funded = (await fundTrader(ctx.platform, { traderId: trader, adminId: admin })).fundedAccounts[0]!;
      return { fundedAccountId: funded.fundedAccountId, login: funded.login };
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

    /** Buys 1 lot EURUSD at the ask and waits until the monitor has booked the deal; returns the balance after it. */
    async function buyOneLot(monitor: RiskMonitor, login: string): Promise<Decimal> {
      const fill = await ctx.platform.get(ORDER_EXECUTION).placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d(1) });
      await vi.waitFor(() => expect(monitor.engine.bookTicketOf(login)).toBe(fill.dealId), SETTLED);
      return (await platform().getAccount(login)).balance;
    }

    it('a dip below the daily floor for one tick breaches the funded account once: trading disabled before positions close, exact record, one e-mail', async () => {
      clock.set(START);
      await eurusd('1.10000', clock.now());
      const { fundedAccountId, login } = await fundedAccount();
      // Whether trading was still enabled when the platform booked each position-closing deal.
      const enabledAtClose: boolean[] = [];
      const closes = platform().subscribeDeals(login, null, async (deal: Deal) => {
        if (deal.entry === 'out') enabledAtClose.push((await server().account(login)).tradingEnabled);
      });
      const monitor = await startMonitor('funded-solo');
      expect(monitor.watching()).toContain(login);
      // Bought at 1.10010: equity = balance + (bid − 1.10010) × 100,000.
      const balance = await buyOneLot(monitor, login);

      await eurusd('1.09000', clock.advance(1_000)); // balance − 1,010: safe
      const dipAt = clock.advance(1_000);
      await eurusd('1.05000', dipAt); // balance − 5,010: below the 95,000 daily floor, for one tick
      await eurusd('1.09000', clock.advance(1_000)); // safe again
      await monitor.idle();
      closes.unsubscribe();

      const account = (await load(fundedAccountId))!;
      expect(account.status).toBe('breached');
      const breach = account.breachRecord!;
      expect(breach).toMatchObject({
        rule: 'daily_loss',
        floor: '95000',
        equity: balance.minus(5010).toFixed(),
        balance: balance.toFixed(),
        tick: { symbol: 'EURUSD', bid: '1.05', ask: '1.0501', time: dipAt.toISOString() },
        at: dipAt.toISOString(),
        tradingDay: '2026-11-03',
      });
      expect(account.toState().breach).toMatchObject({ cause: 'breach:daily_loss' });
      expect((await platform().getAccount(login)).tradingEnabled).toBe(false);
      expect(await platform().openPositions(login)).toEqual([]);
      expect(enabledAtClose).toEqual([false]);
      // The verdict is stored with its inputs and replays to the same hash.
      const verdicts = await uow().run((tx) => tx.tradingAccountVerdicts.listByLogin(login));
      expect(verdicts.map((verdict) => verdict.inputHash)).toEqual([breach.inputHash]);
      const audit = await ctx.platform.get(AUDIT_LOG_READER).list({ subjectId: login, action: 'trading_account.breach_handled', limit: 10 });
      expect(audit.map((entry) => entry.details['order'])).toEqual([['disable_trading', 'close_positions', 'mark_breached']]);
      const mails = await outbox(login, 'email.account_breach');
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({
        accountLogin: login,
        owner: { kind: 'funded_account', id: fundedAccountId },
        breach: { floor: '95000', equity: breach.equity },
      });
      expect(await outbox(fundedAccountId, 'FundedAccountBreached')).toHaveLength(1);
      expect(monitor.watching()).not.toContain(login);

      // A second detection changes nothing; the closing deal was taken in by the trading account's intake, once.
      expect(await ctx.platform.useCases.handleAccountBreach.execute({ login })).toMatchObject({ ok: true, value: { handled: false } });
      expect(await outbox(login, 'email.account_breach')).toHaveLength(1);
      expect((await loadTrading(login))!.openPositions).toEqual([]);
      await stopMonitor(monitor, 'funded-solo');
    });

    it('a funded account in profit is not breached; its early warning is stored once and the day rolls from its closing figures', async () => {
      clock.set('2026-11-03T15:00:00Z');
      await eurusd('1.10000', clock.now());
      const profitable = await fundedAccount();
      const warned = await fundedAccount();
      const monitor = await startMonitor('funded-solo');
      await buyOneLot(monitor, profitable.login);
      const balance = await buyOneLot(monitor, warned.login);

      await eurusd('1.12000', clock.advance(1_000)); // +1,990 each
      await eurusd('1.06000', clock.advance(1_000)); // balance − 4,010: past the 96,000 warning level, above the floor
      await eurusd('1.05900', clock.advance(1_000)); // lower, same day: no second warning
      await eurusd('1.13000', clock.advance(1_000)); // +2,990 at the close
      await monitor.idle();
      for (const account of [profitable, warned]) {
        expect((await load(account.fundedAccountId))!.status).toBe('active');
        expect(monitor.watching()).toContain(account.login);
        expect(await outbox(account.login, 'TradingAccountBreachDetected')).toEqual([]);
      }
      expect((await loadTrading(warned.login))!.drawdown.warningsSent).toEqual(['daily_loss']);
      const warnings = await outbox(warned.login, 'email.early_warning');
      expect(warnings).toEqual([
        expect.objectContaining({ owner: { kind: 'funded_account', id: warned.fundedAccountId }, limit: 'daily_loss', floor: '95000', equity: balance.minus(4010).toFixed(), tradingDay: '2026-11-03' }),
      ]);

      // The reset: the monitor stores the closing figures, the rollover snapshots them set-based and rolls from them.
      const reset = new Date('2026-11-03T22:00:00Z');
      monitor.rollover(reset);
      await monitor.idle();
      const rolled = await ctx.platform.useCases.rollAccountsTradingDay.execute({ at: reset });
      expect(rolled.ok && rolled.value.snapshots).toBeGreaterThanOrEqual(2);
      const closing = balance.plus(2990);
      const next = (await loadTrading(profitable.login))!;
      expect(next.drawdown).toMatchObject({ tradingDay: '2026-11-04', warningsSent: [] });
      expect(next.drawdown.dayStartBalance.toFixed(2)).toBe(balance.toFixed(2));
      expect(next.drawdown.dayStartEquity.toFixed(2)).toBe(closing.toFixed(2));
      expect(next.floors.dailyLoss.floor.toFixed(2)).toBe(balance.minus(5000).toFixed(2));
      expect(monitor.engine.stateOf(profitable.login)!.tradingDay).toBe('2026-11-04');
      // Repeated, the rollover changes nothing.
      expect(await ctx.platform.useCases.rollAccountsTradingDay.execute({ at: reset })).toMatchObject({ ok: true, value: { snapshots: 0, rolled: 0 } });
      await stopMonitor(monitor, 'funded-solo');
    });

    it('a payout withdrawal on a watched funded account moves its floors instead of breaching it', async () => {
      clock.set('2026-11-03T16:00:00Z');
      const { fundedAccountId, login } = await fundedAccount();
      const trader = (await load(fundedAccountId))!.traderId;
      const monitor = await startMonitor('funded-solo');
      // +8,000 closed the same day: 10 lots of US30 bought at 39,002, sold at 39,802.
      await server().pushTick({ symbol: 'US30', bid: d(39_000), ask: d(39_002), time: clock.advance(1_000) });
      const opened = await server().placeMarketOrder({ login, symbol: 'US30', side: 'buy', volume: d(10) });
      await server().pushTick({ symbol: 'US30', bid: d(39_802), ask: d(39_804), time: clock.advance(1_000) });
      const closed = await server().closePosition(opened.positionId);
      await vi.waitFor(() => expect(monitor.engine.bookTicketOf(login)).toBe(closed.dealId), SETTLED);
      const balance = (await platform().getAccount(login)).balance;

      // 21 firm days later the day starts at that balance: daily floor = balance − 5,000.
      clock.set('2026-11-24T15:00:00Z');
      monitor.rollover(new Date('2026-11-23T22:00:00Z'));
      await monitor.idle();
      expect(monitor.engine.stateOf(login)!.dayStartBalance.toFixed(2)).toBe(balance.toFixed(2));

      const payout = await ctx.platform.useCases.requestPayout.execute({ userId: trader, fundedAccountId, payoutId: `payout-${fundedAccountId}` });
      expect(payout.ok && payout.value.profit.toFixed()).toBe('8000.00');
      await vi.waitFor(() => expect(monitor.engine.stateOf(login)!.lastBalance.toFixed(2)).toBe(balance.minus(8000).toFixed(2)), SETTLED);
      await monitor.idle();
      const state = monitor.engine.stateOf(login)!;
      expect(state.dayStartBalance.toFixed(2)).toBe(balance.minus(8000).toFixed(2));
      expect(monitor.watching()).toContain(login);
      const stored = (await load(fundedAccountId))!;
      expect(stored.status).toBe('active');
      expect(stored.breachRecord).toBeNull();
      expect(await outbox(login, 'TradingAccountBreachDetected')).toEqual([]);
      expect(await outbox(login, 'TradingAccountLimitsRebased')).toEqual([
        expect.objectContaining({ cause: 'payout_withdrawal', amount: '-8000.00' }),
      ]);
      await stopMonitor(monitor, 'funded-solo');
    });

    it('two workers watch every funded account exactly once; a lapsed worker hands its funded accounts to the live one', async () => {
      clock.set('2026-11-25T16:00:00Z');
      for (let i = 0; i < 5; i += 1) await fundedAccount();
      const funded = (await new RiskWatchList(uow()).candidates())
        .filter((candidate) => candidate.owner.kind === 'funded_account')
        .map((candidate) => candidate.login)
        .sort();
      expect(funded.length).toBeGreaterThanOrEqual(5);
      const fundedOf = (monitor: RiskMonitor) => monitor.watching().filter((login) => funded.includes(login)).sort();

      const a = await startMonitor('funded-a');
      const b = await startMonitor('funded-b');
      await a.rebalance();
      await b.rebalance();
      expect(fundedOf(a).filter((login) => fundedOf(b).includes(login))).toEqual([]);
      expect([...fundedOf(a), ...fundedOf(b)].sort()).toEqual(funded);
      expect(fundedOf(a)).toEqual(funded.filter((login) => rendezvousOwner(login, ['funded-a', 'funded-b']) === 'funded-a'));
      expect(fundedOf(a).length).toBeGreaterThan(0);
      expect(fundedOf(b).length).toBeGreaterThan(0);

      // `b` hangs past the lease (3 × 10 s); `a` keeps beating and takes every funded account over.
      clock.advance(31_000);
      await registry().heartbeat('funded-a', clock.now());
      await a.rebalance();
      expect(fundedOf(a)).toEqual(funded);
      await b.rebalance();
      expect(b.watching()).toEqual([]);
      await stopMonitor(b, 'funded-b');
      await stopMonitor(a, 'funded-a');
    });
  },
  { clock },
);
