import {
  OUTBOX_HANDLER,
  OUTBOX_STORE,
  TRADING_PLATFORM,
  TradingPlatformError,
  UNIT_OF_WORK,
  USE_CASE_DEPENDENCIES,
  createUseCases,
  handlesTopic,
  type TradingPlatform,
} from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal } from '@tradesense/domain';
import { afterAll, expect, it } from 'vitest';
import { code, openChallenge, outboxPayloads, registerTrader, simulatorOf, value } from '../testing/challenge-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

// Tuesday 3 November 2026, 09:00 New York: trading day 2026-11-03, which ends at 22:00 UTC.
const START = '2026-11-03T14:00:00Z';
const clock = new ManualClock(START);
const TOPIC = 'TradingAccountBreachOverridden';

describeEachPlatform(
  'challenges: breach override of the phase account from the platform figures, trading re-enabled through the outbox',
  (ctx) => {
    afterAll(() => clock.set(START));
    const uc = () => ctx.platform.useCases;
    const load = (id: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.challenges.findById(id));

    /** The real platform, except that it refuses to enable trading (as when it is down right after the override). */
    function refusingToEnable(): TradingPlatform {
      const real = ctx.platform.get(TRADING_PLATFORM);
      return new Proxy(real, {
        get(target, property) {
          if (property === 'enableTrading') {
            return async () => {
              throw new TradingPlatformError('PLATFORM.UNAVAILABLE', 'The platform is not answering');
            };
          }
          const member = Reflect.get(target, property, target) as unknown;
          return typeof member === 'function' ? member.bind(target) : member;
        },
      });
    }

    it('resumes from a fresh day start below the old daily floor, and the worker re-enables trading the platform refused', async () => {
      clock.set(START);
      const server = simulatorOf(ctx.platform);
      const traderId = await registerTrader(ctx.platform);
      const { challengeId, login } = await openChallenge(ctx.platform, { traderId, at: clock.now() });
      const us30 = (bid: string) => server.pushTick({ symbol: 'US30', bid: new Decimal(bid), ask: new Decimal(bid).plus(2), time: clock.now() });

      // 10 lots of US30 bought at 39,002, then the market at 38,400: equity 93,980 ≤ 95,000, a daily-loss breach.
      // Handling it closes the position there, so the account ends flat at 93,980, below that daily floor.
      await us30('39000');
      await server.placeMarketOrder({ login, symbol: 'US30', side: 'buy', volume: new Decimal(10) });
      clock.advance(60_000);
      await us30('38400');
      const evaluated = value(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '93980', at: clock.now() }));
      expect(evaluated.breach).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '93980' });
      expect((await load(challengeId))!.status).toBe('failed');
      expect(await server.account(login)).toMatchObject({ tradingEnabled: false });
      expect((await server.account(login)).balance.toFixed(2)).toBe('93980.00');

      // The platform refuses the re-enabling right after the commit: the override stands all the same.
      clock.advance(60_000);
      const override = createUseCases({ ...ctx.platform.get(USE_CASE_DEPENDENCIES), tradingPlatform: refusingToEnable() }).overrideAccountBreach;
      const overridden = value(await override.execute({ adminId: 'admin-1', login, reason: 'bad US30 print from the feed' }));
      expect(overridden).toMatchObject({ login, status: 'active', tradingEnabled: false, tradingDay: '2026-11-03' });
      expect((await load(challengeId))!.status).toBe('active');
      expect(
        [overridden.dayStartBalance, overridden.dayStartEquity, overridden.dailyLossFloor, overridden.maxLossFloor].map((figure) => figure!.toFixed(2)),
      ).toEqual(['93980.00', '93980.00', '88980.00', '90000.00']);
      expect((await server.account(login)).tradingEnabled).toBe(false);
      expect(await outboxPayloads(ctx.platform, challengeId, 'ChallengeReinstated')).toEqual([
        expect.objectContaining({ from: 'failed', to: 'active', account: login }),
      ]);
      expect(await outboxPayloads(ctx.platform, login, TOPIC)).toEqual([
        expect.objectContaining({
          owner: { kind: 'challenge_phase', id: challengeId, phase: 1, attempt: 1 },
          previousStatus: 'breached',
          tradingDay: '2026-11-03',
          dayStartBalance: '93980',
          dailyLossFloor: '88980',
          maxLossFloor: '90000',
          nextResetAt: '2026-11-03T22:00:00.000Z',
        }),
      ]);
      // The account trades again, so asking again is no way out; the outbox is.
      expect(code(await uc().overrideAccountBreach.execute({ adminId: 'admin-1', login, reason: 'again' }))).toBe('TRADING_ACCOUNT.NOT_BREACHED');
      // The same figures on the next tick do not breach again.
      clock.advance(60_000);
      expect(value(await uc().evaluateEquity.execute({ login, balance: '93980', equity: '93980', at: clock.now() })).verdict).toBe('ok');

      // The worker's pass: the committed message, delivered to the handler bound for its topic.
      const store = ctx.platform.get(OUTBOX_STORE);
      const now = clock.now();
      const claimed = (await store.claimDue('override-test', now, new Date(now.getTime() + 60_000), 50, [TOPIC])).filter(
        (message) => message.aggregateId === login,
      );
      expect(claimed).toHaveLength(1);
      const message = claimed[0]!;
      const handlers = ctx.platform.getAll(OUTBOX_HANDLER).filter((handler) => handlesTopic(handler, TOPIC));
      expect(handlers).toHaveLength(1);
      await handlers[0]!.handle(message);
      await store.markDelivered(message.id, 'override-test', now);
      expect((await server.account(login)).tradingEnabled).toBe(true);

      // Breached again since (the day start is now 93,980, its floor 88,980): a late redelivery leaves it disabled.
      clock.advance(60_000);
      const again = value(await uc().evaluateEquity.execute({ login, balance: '93980', equity: '88980', at: clock.now() }));
      expect(again.breach).toMatchObject({ rule: 'max_loss', floor: '90000', equity: '88980' });
      expect((await server.account(login)).tradingEnabled).toBe(false);
      await handlers[0]!.handle(message);
      expect((await server.account(login)).tradingEnabled).toBe(false);
    });
  },
  { clock },
);
