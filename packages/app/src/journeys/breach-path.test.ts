import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Journey, type Person } from '../testing/journey.js';

// Monday 2 November 2026, 09:00 in New York: trading day 2026-11-02, which ends at 22:00 UTC.
const START = '2026-11-02T14:00:00Z';
const clock = new ManualClock(START);
const dataDir = mkdtempSync(join(tmpdir(), 'tradesense-breach-path-'));
let runs = 0;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * A trader of a 10k Stellar 2-Step loses through the daily floor while a
 * position is open: the risk monitor catches the tick, trading stops, the
 * position is closed at that tick, the challenge fails, and the trader sees
 * the exact breach record over HTTP. Only the clock and US30's price are
 * moved by the test.
 */
describeEachPlatform(
  'journey: a breach of the daily loss limit, through HTTP',
  (ctx) => {
    let journey: Journey;
    let trader: Person;
    let challengeId = '';
    let orderId = '';
    const metrics = async () => (await journey.call('GET', `/v1/challenges/${challengeId}/metrics`, trader)).body;

    beforeAll(async () => {
      clock.set(START);
      journey = await Journey.start(ctx.platform, clock);
      runs += 1;
      trader = { email: `breach-${runs}-${Date.now()}@example.com`, password: 'a long trader password' };
    });
    afterAll(async () => {
      await journey?.stop();
      clock.set(START);
    });

    it('a trader registers and buys a 10k 2-Step through the simulated gateway', async () => {
      const registered = await journey.call('POST', '/v1/auth/register', null, { ...trader, country: 'DE', displayName: 'Bea Breach' });
      expect(registered.status).toBe(201);
      const model = (await journey.call('GET', '/v1/catalog')).body.models.find((m: { id: string }) => m.id === 'stellar_2step');
      const placed = await journey.call('POST', '/v1/orders', trader, { gatewayId: 'simulated', modelId: model.id, balance: '10000' });
      expect(placed.body.order).toMatchObject({ status: 'pending_payment', total: '99.00' });
      expect((await journey.follow(placed.body.checkout.redirectUrl)).body).toEqual({ received: true, outcome: 'payment_confirmed' });
      await journey.settle();
      orderId = placed.body.order.id;
      challengeId = (await journey.call('GET', `/v1/orders/${orderId}`, trader)).body.challengeId;
      expect(await metrics()).toMatchObject({ status: 'active', balance: '10000.00', dailyLoss: { floor: '9500.00' }, maxLoss: { floor: '9000.00' } });
    });

    it('day 1: +300.00 closed; day 2 starts at 10,300.00, so its daily floor is 9,800.00', async () => {
      await journey.advanceTo('2026-11-02T15:00:00Z');
      await journey.quote('US30', '39000.00');
      const opened = await journey.call('POST', `/v1/challenges/${challengeId}/trades`, trader, { symbol: 'US30', side: 'buy', volume: '1.00' });
      expect(opened.body).toMatchObject({ price: '39002' });
      await journey.settle();
      await journey.advanceTo('2026-11-02T16:00:00Z');
      await journey.quote('US30', '39302.00');
      expect((await journey.call('DELETE', `/v1/challenges/${challengeId}/positions/${opened.body.positionId}`, trader)).status).toBe(200);
      await journey.settle();
      expect(await metrics()).toMatchObject({ balance: '10300.00', equity: '10300.00', tradingDays: { done: 1, needed: 5 } });

      await journey.advanceTo('2026-11-03T15:00:00Z');
      expect(await metrics()).toMatchObject({
        tradingDay: '2026-11-03',
        nextResetAt: '2026-11-03T22:00:00.000Z',
        dayStartBalance: '10300.00',
        dailyLoss: { floor: '9800.00', remaining: '500.00' },
        maxLoss: { floor: '9000.00', remaining: '1300.00' },
      });
    });

    it('day 2: an open loss of 404.00 raises the early warning; one tick at 9,799.00 equity breaches', async () => {
      await journey.quote('US30', '39300.00');
      const opened = await journey.call('POST', `/v1/challenges/${challengeId}/trades`, trader, { symbol: 'US30', side: 'buy', volume: '2.00' });
      expect(opened.body).toMatchObject({ price: '39302' });
      await journey.settle();

      await journey.advanceTo('2026-11-03T15:05:00Z');
      // Equity 10,300 + (39,100 − 39,302) × 2 = 9,896.00: 80.80 % of the 500.00 allowance used.
      await journey.quote('US30', '39100.00');
      await journey.settle();
      expect(await metrics()).toMatchObject({ status: 'active', equity: '9896.00', dailyLoss: { usedPercent: '80.80', remaining: '96.00' } });

      await journey.advanceTo('2026-11-03T15:06:00Z');
      // Equity 10,300 + (39,051.50 − 39,302) × 2 = 9,799.00, one dollar through the floor.
      await journey.quote('US30', '39051.50');
      await journey.settle();
      // The market recovers at once; the verdict stands.
      await journey.advanceTo('2026-11-03T15:07:00Z');
      await journey.quote('US30', '39400.00');
      await journey.settle();

      const failed = await metrics();
      expect(failed).toMatchObject({ status: 'failed', balance: '9799.00', equity: '9799.00', figuresSource: 'stored' });
      expect(failed.breach).toEqual({
        rule: 'daily_loss',
        floor: '9800',
        equity: '9799',
        balance: '10300',
        tick: { symbol: 'US30', bid: '39051.5', ask: '39053.5', time: '2026-11-03T15:06:00.000Z' },
        at: '2026-11-03T15:06:00.000Z',
        tradingDay: '2026-11-03',
        inputHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      });
      const replay = await journey.call('GET', `/v1/challenges/${challengeId}/verdicts/replay`, trader);
      expect(replay.body).toMatchObject({ challengeId, matches: true, storedHash: failed.breach.inputHash });
    });

    it('trading is disabled: the position was closed at the breach tick and new orders are refused', async () => {
      expect((await journey.call('GET', `/v1/challenges/${challengeId}/positions`, trader)).body).toEqual({ items: [] });
      const refused = await journey.call('POST', `/v1/challenges/${challengeId}/trades`, trader, { symbol: 'US30', side: 'buy', volume: '1.00' });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'TRADING.ACCOUNT_NOT_TRADABLE', details: { status: 'failed' } });
      const history = (await journey.call('GET', `/v1/challenges/${challengeId}/history`, trader)).body.items;
      expect(history[0]).toMatchObject({ symbol: 'US30', profit: '-501.00' });
      const listed = (await journey.call('GET', '/v1/challenges', trader)).body.items;
      expect(listed).toEqual([expect.objectContaining({ id: challengeId, status: 'failed', endedAt: '2026-11-03T15:06:00.000Z' })]);
      // One early warning (80.80 % used) and one breach notice, for the account the trader trades on.
      const login = (await metrics()).account;
      expect(journey.mailSubjects(trader.email)).toEqual(
        [
          `Receipt for order ${orderId}`,
          `Your phase 1 account is ready (login ${login})`,
          `Warning: 80.80% of your daily loss limit used on account ${login}`,
          `Account ${login}: Daily loss limit breached`,
        ].sort(),
      );
    });
  },
  { clock, env: { TRADESENSE_DATA_DIR: dataDir, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } },
);
