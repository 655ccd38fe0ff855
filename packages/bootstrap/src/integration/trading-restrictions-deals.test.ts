import {
  TRADING_PLATFORM,
  UNIT_OF_WORK,
  createTradingAccountsOutboxHandlers,
  type StoredOutboxMessage,
  type UseCases,
} from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal, STELLAR_2STEP, parseEconomicEvent, unwrap, type ChallengeModelState, type TradingRestrictionsData } from '@tradesense/domain';
import { afterAll, expect, it } from 'vitest';
import { code, knexOf, openChallenge, outboxPayloads, platformDeals, quote, registerTrader, simulatorOf, value } from '../testing/challenge-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

const START = '2026-11-02T14:00:00Z';
const clock = new ManualClock(START);
const at = (iso: string): Date => new Date(iso);

/** The two-step model with some of its trading restrictions on (docs/rules.md §14). */
function modelWith(restrictions: Partial<TradingRestrictionsData>): ChallengeModelState {
  const parameters = STELLAR_2STEP.parameters;
  return { ...STELLAR_2STEP, parameters: { ...parameters, restrictions: { ...parameters.restrictions, ...restrictions } } };
}

describeEachPlatform(
  'trading restrictions on the deals from the trading platform',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    afterAll(() => clock.set(START));
    const violations = (login: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccountViolations.listByLogin(login));
    const account = (login: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccounts.find(login));

    /** Buys `volume` lots of EURUSD on the simulator at `when`. */
    async function buy(login: string, when: Date, volume: string) {
      clock.set(when);
      const server = simulatorOf(ctx.platform);
      await quote(server, 'EURUSD', '1.08500', when);
      return server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: new Decimal(volume) });
    }

    /** The outbox message as the dispatcher would hand it over, delivery after delivery. */
    async function closeRequired(login: string): Promise<StoredOutboxMessage[]> {
      const rows = (await knexOf(ctx.platform)('outbox').where({ aggregate_id: login, topic: 'TradingAccountPositionCloseRequired' }).orderBy('id')) as {
        id: string;
        payload: Record<string, unknown>;
      }[];
      return rows.map((row) => ({
        id: String(row.id),
        topic: 'TradingAccountPositionCloseRequired',
        aggregateType: 'trading_account',
        aggregateId: login,
        payload: row.payload,
        occurredAt: clock.now(),
        attempts: 0,
        status: 'pending',
      }));
    }

    it('max open lots 1.00 forex: the 0.50 lot opened on 0.60 is a violation stored once, closed on the platform once, replayable', async () => {
      clock.set(at('2026-11-02T14:00:00Z'));
      const traderId = await registerTrader(ctx.platform);
      const { login } = await openChallenge(ctx.platform, { traderId, at: clock.now(), model: modelWith({ maxOpenLotsPerAssetClass: { forex: '1.00' } }) });
      const first = await buy(login, at('2026-11-02T14:01:00Z'), '0.60');
      const second = await buy(login, at('2026-11-02T14:02:00Z'), '0.50');
      expect(value(await uc().recordAccountDeals.execute({ login })).recorded).toBe(3); // the deposit and both openings
      // Reading the feed again stores nothing twice.
      expect(value(await uc().recordAccountDeals.execute({ login })).recorded).toBe(0);

      const stored = await violations(login);
      expect(stored).toHaveLength(1);
      const violationId = `max_open_lots_per_asset_class:${second.dealId}`;
      expect(stored[0]).toMatchObject({
        id: violationId,
        login,
        status: 'open',
        tradingDay: '2026-11-02',
        positionsClosedAt: null,
        violation: {
          restriction: 'max_open_lots_per_asset_class',
          action: 'close',
          dealId: second.dealId,
          positionIds: [second.positionId],
          limit: '1',
          observed: '1.1',
          details: { assetClass: 'forex', lots: '0.5', openLotsBefore: '0.6' },
        },
        inputs: { restriction: 'max_open_lots_per_asset_class', fact: { assetClass: 'forex', lots: '0.5', openLotsBefore: '0.6' } },
      });
      const queue = await ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccountViolations.listOpen({ limit: 50 }));
      expect(queue.items.filter((item) => item.login === login).map((item) => item.id)).toEqual([violationId]);

      // The close request is in the outbox once, keyed by the violation; delivered twice, it closes once.
      const messages = await closeRequired(login);
      expect(messages.map((message) => message.payload)).toEqual([
        expect.objectContaining({ violationId, positionIds: [second.positionId], restriction: 'max_open_lots_per_asset_class' }),
      ]);
      const handler = createTradingAccountsOutboxHandlers(uc()).find((h) => h.topics.includes('TradingAccountPositionCloseRequired'))!;
      await handler.handle(messages[0]!);
      await handler.handle({ ...messages[0]!, attempts: 1 });
      const server = simulatorOf(ctx.platform);
      expect((await ctx.platform.get(TRADING_PLATFORM).openPositions(login)).map((position) => position.positionId)).toEqual([first.positionId]);
      const closings = (await platformDeals(ctx.platform, login)).filter((deal) => deal.positionId === second.positionId && deal.entry === 'out');
      expect(closings).toHaveLength(1);
      expect((await violations(login))[0]!.positionsClosedAt).not.toBeNull();
      // A third delivery finds the closing recorded and does not reach the platform.
      expect(value(await uc().closeViolatingPositions.execute({ login, violationId }))).toEqual({ login, violationId, closed: [], closedNow: false });
      // The rule closes the position; it does not stop the account.
      expect((await server.account(login)).tradingEnabled).toBe(true);

      expect(value(await uc().recordAccountDeals.execute({ login })).recorded).toBe(1);
      const watched = (await account(login))!;
      expect(watched.openPositions).toEqual([first.positionId]);
      expect(watched.isTrading).toBe(true);
      expect(await violations(login)).toHaveLength(1);

      const replay = value(await uc().replayAccountViolation.execute({ requester: { userId: traderId, role: 'trader' }, login }));
      expect(replay).toMatchObject({ violationId, matches: true, status: 'open' });
      expect(replay.replayedHash).toBe(replay.storedHash);
      expect(replay.storedHash).toBe(stored[0]!.inputHash);
      expect(value(await uc().replayAccountViolation.execute({ requester: { userId: 'an-admin', role: 'admin' }, login, violationId })).matches).toBe(true);
      const stranger = await registerTrader(ctx.platform, 'stranger');
      expect(code(await uc().replayAccountViolation.execute({ requester: { userId: stranger, role: 'trader' }, login }))).toBe('TRADING_ACCOUNT.NOT_FOUND');
      expect(
        code(await uc().replayAccountViolation.execute({ requester: { userId: traderId, role: 'trader' }, login, violationId: 'news_window:none' })),
      ).toBe('TRADING_ACCOUNT.NO_VIOLATION');
    });

    it('max trades per day 1 (flag): the second opening is recorded for review and nothing else happens', async () => {
      clock.set(at('2026-11-03T14:00:00Z'));
      const traderId = await registerTrader(ctx.platform);
      const { login } = await openChallenge(ctx.platform, { traderId, at: clock.now(), model: modelWith({ maxTradesPerDay: 1 }) });
      const first = await buy(login, at('2026-11-03T14:01:00Z'), '0.10');
      const second = await buy(login, at('2026-11-03T14:02:00Z'), '0.10');
      expect(value(await uc().recordAccountDeals.execute({ login })).recorded).toBe(3);

      const stored = await violations(login);
      expect(stored.map((violation) => violation.violation)).toEqual([
        expect.objectContaining({ id: `max_trades_per_day:${second.dealId}`, action: 'flag', limit: '1', observed: '2', details: { tradingDay: '2026-11-03' } }),
      ]);
      expect(await closeRequired(login)).toEqual([]);
      expect(await outboxPayloads(ctx.platform, login, 'TradingAccountBreachDetected')).toEqual([]);
      const watched = (await account(login))!;
      expect(watched.isTrading).toBe(true);
      expect(watched.openPositions).toEqual([first.positionId, second.positionId]);
      expect((await ctx.platform.get(TRADING_PLATFORM).openPositions(login)).map((position) => position.positionId).sort()).toEqual(
        [first.positionId, second.positionId].sort(),
      );
      expect((await simulatorOf(ctx.platform).account(login)).tradingEnabled).toBe(true);
      expect(value(await uc().replayAccountViolation.execute({ requester: { userId: traderId, role: 'trader' }, login })).matches).toBe(true);
    });

    it('news window 2 minutes: a EURUSD position opened a minute before a high-impact USD event has its net result, entry commission included, left out', async () => {
      clock.set(at('2026-11-04T04:00:00Z'));
      const traderId = await registerTrader(ctx.platform);
      const { login } = await openChallenge(ctx.platform, { traderId, at: clock.now(), model: modelWith({ newsWindowMinutes: 2 }) });
      const event = unwrap(
        parseEconomicEvent({ id: `ev-${login}`, uid: `uid-${login}`, title: 'Test release', currency: 'USD', impact: 'high', when: { at: at('2026-11-04T04:17:00Z'), timeZone: 'America/New_York' } }),
      );
      await ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.economicCalendar.add(event, clock.now()));
      const fill = await buy(login, at('2026-11-04T04:16:00Z'), '1.00');
      clock.set(at('2026-11-04T04:40:00Z'));
      await quote(simulatorOf(ctx.platform), 'EURUSD', '1.08600', clock.now());
      await simulatorOf(ctx.platform).closePosition(fill.positionId, 'client');
      expect(value(await uc().recordAccountDeals.execute({ login })).recorded).toBe(3);

      expect((await violations(login)).map((violation) => violation.violation)).toEqual([
        expect.objectContaining({
          id: `news_window:${fill.positionId}`,
          action: 'exclude_profit',
          dealId: fill.dealId,
          limit: '2',
          observed: '1',
          details: expect.objectContaining({ eventId: event.id, currency: 'USD', side: 'open' }),
        }),
      ]);
      const net = (await platformDeals(ctx.platform, login))
        .filter((deal) => deal.positionId === fill.positionId)
        .reduce((sum, deal) => sum.plus(deal.profit).plus(deal.swap).plus(deal.commission), new Decimal(0));
      expect(net.greaterThan(0)).toBe(true);
      const watched = (await account(login))!;
      expect(watched.excludedProfitEntries.map((entry) => new Decimal(entry.amount).toFixed(2))).toEqual([net.toFixed(2)]);
      expect(watched.isTrading).toBe(true);
      expect(value(await uc().replayAccountViolation.execute({ requester: { userId: traderId, role: 'trader' }, login })).matches).toBe(true);
    });
  },
  { clock },
);
