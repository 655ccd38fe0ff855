import { ORDER_EXECUTION, TRADING_PLATFORM, UNIT_OF_WORK } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform, scrapeMetrics, type ScrapedMetrics } from '@tradesense/bootstrap/testing';
import { Challenge, ChallengeModel, DEFAULT_CALENDAR_SETTINGS, Decimal, RuleSnapshot, STELLAR_2STEP, TradingAccount, unwrap } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startSteppedWorker, type SteppedWorker } from './testing/stepped-worker.js';

// Tuesday 3 November 2026, 09:00 New York: inside trading day 2026-11-03.
const clock = new ManualClock('2026-11-03T14:00:00Z');
const d = (value: string | number) => new Decimal(value);
/**
 * How long a test waits for the monitor: each deal reaches it after the
 * previous one was recorded, which takes more than `vi.waitFor`'s default
 * second on a loaded machine; a settled wait returns as soon as it holds.
 */
const SETTLED = { timeout: 10_000 };

describeEachPlatform(
  'worker metrics',
  (ctx) => {
    let worker: SteppedWorker;
    const url = () => ctx.platform.metrics.url!;
    const eurusd = (bid: string) =>
      ctx.platform.get(SIMULATED_TRADING_SERVER).pushTick({ symbol: 'EURUSD', bid: d(bid), ask: d(bid).plus('0.00010'), time: clock.now() });

    beforeAll(async () => {
      worker = await startSteppedWorker(ctx.platform, 'metrics-worker');
    });
    afterAll(() => worker.stop());

    it('reports the risk engine, the feed lag, the scheduled jobs and the outbox backlog', async () => {
      // A trader (registration leaves a message in the outbox) with an active 2-Step 100k challenge.
      const registered = await ctx.platform.useCases.registerUser.execute({ email: 'metrics@example.com', password: 'long enough password', country: 'DE' });
      if (!registered.ok) throw registered.error;
      await eurusd('1.10000');
      const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
      const account = await ctx.platform.get(TRADING_PLATFORM).createAccount({ group: 'metrics', leverage: 100, initialBalance: rules.initialBalance.amount, swapFree: true, name: 'Metrics' });
      const challenge = Challenge.create({ id: 'metrics-challenge', traderId: registered.value.userId, rules, at: clock.now() });
      unwrap(challenge.activate(account.login, clock.now()));
      const owner = { kind: 'challenge_phase', id: challenge.id, phase: 1, attempt: 1 } as const;
      const watched = unwrap(TradingAccount.open({ login: account.login, traderId: registered.value.userId, owner, rules, at: clock.now() }));
      await ctx.platform.get(UNIT_OF_WORK).run(async (tx) => {
        await tx.challenges.save(challenge);
        await tx.tradingAccounts.save(watched);
      });
      await worker.rebalance();
      const engine = worker.riskMonitor.engine;
      expect(engine.isWatching(account.login)).toBe(true);
      const fill = await ctx.platform.get(ORDER_EXECUTION).placeMarketOrder({ login: account.login, symbol: 'EURUSD', side: 'buy', volume: d(1) });
      await vi.waitFor(() => expect(engine.bookTicketOf(account.login)).toBe(fill.dealId), SETTLED);

      const before = await scrapeMetrics(url());
      expect(before.value('tradesense_risk_accounts_near_level')).toBe(0);

      clock.advance(1_000);
      await eurusd('1.09990'); // equity 99,977: far from every level, settled by the float pre-check
      clock.advance(1_000);
      await eurusd('1.05500'); // equity 95,487: above the 95,000 daily floor, inside its warning band (96,000)
      await worker.idle();
      clock.advance(60_000);
      await worker.runDueJobs();

      const after = await scrapeMetrics(url());
      const types = (scraped: ScrapedMetrics, names: readonly string[]) => names.map((name) => [name, scraped.type(name)]);
      expect(types(after, ['tradesense_risk_ticks_total', 'tradesense_risk_evaluations_total'])).toEqual([
        ['tradesense_risk_ticks_total', 'COUNTER'],
        ['tradesense_risk_evaluations_total', 'COUNTER'],
      ]);
      expect(after.value('tradesense_risk_ticks_total')).toBe(before.value('tradesense_risk_ticks_total') + 2);
      const evaluations = (scraped: ScrapedMetrics, kind: string) => scraped.value('tradesense_risk_evaluations_total', { kind });
      expect(evaluations(after, 'screened')).toBe(evaluations(before, 'screened') + 1);
      expect(evaluations(after, 'exact')).toBe(evaluations(before, 'exact') + 1);

      expect(types(after, ['tradesense_risk_watched_accounts', 'tradesense_risk_accounts_near_level'])).toEqual([
        ['tradesense_risk_watched_accounts', 'GAUGE'],
        ['tradesense_risk_accounts_near_level', 'GAUGE'],
      ]);
      expect(after.value('tradesense_risk_watched_accounts')).toBe(1);
      expect(after.value('tradesense_risk_accounts_near_level')).toBe(1);

      expect(types(after, ['tradesense_risk_tick_to_verdict_seconds', 'tradesense_feed_lag_seconds'])).toEqual([
        ['tradesense_risk_tick_to_verdict_seconds', 'HISTOGRAM'],
        ['tradesense_feed_lag_seconds', 'HISTOGRAM'],
      ]);
      // One exact verdict on a tick (the second); both ticks measured for lag.
      expect(after.value('tradesense_risk_tick_to_verdict_seconds_count')).toBe(before.value('tradesense_risk_tick_to_verdict_seconds_count') + 1);
      expect(after.value('tradesense_feed_lag_seconds_count')).toBe(before.value('tradesense_feed_lag_seconds_count') + 2);

      expect(types(after, ['tradesense_job_last_run_timestamp_seconds', 'tradesense_job_last_run_duration_seconds'])).toEqual([
        ['tradesense_job_last_run_timestamp_seconds', 'GAUGE'],
        ['tradesense_job_last_run_duration_seconds', 'GAUGE'],
      ]);
      expect(after.value('tradesense_job_last_run_timestamp_seconds', { job: 'payout-guarantee', outcome: 'succeeded' })).toBe(clock.now().getTime() / 1000);
      expect(after.value('tradesense_job_last_run_duration_seconds', { job: 'payout-guarantee' })).toBeGreaterThanOrEqual(0);

      expect(types(after, ['tradesense_outbox_undelivered', 'tradesense_outbox_oldest_undelivered_age_seconds', 'tradesense_outbox_parked'])).toEqual([
        ['tradesense_outbox_undelivered', 'GAUGE'],
        ['tradesense_outbox_oldest_undelivered_age_seconds', 'GAUGE'],
        ['tradesense_outbox_parked', 'GAUGE'],
      ]);
      expect(after.value('tradesense_outbox_undelivered')).toBeGreaterThanOrEqual(1);
      // The registration's message was written 62 s (of the test's clock) ago.
      expect(after.value('tradesense_outbox_oldest_undelivered_age_seconds')).toBeGreaterThanOrEqual(62);
      expect(after.value('tradesense_outbox_parked')).toBe(0);
      await worker.deliverOutbox();
      const delivered = await scrapeMetrics(url());
      expect(delivered.value('tradesense_outbox_undelivered')).toBe(0);
      expect(delivered.value('tradesense_outbox_oldest_undelivered_age_seconds')).toBe(0);
    });
  },
  { clock, env: { METRICS_PORT: '0' } },
);
