import { ConversionRoutes, RiskEngine, floatingProfit, type Tick } from '@tradesense/application';
import { DEFAULT_SYMBOLS, NO_COMMISSIONS, SimulatedTradingServer } from '@tradesense/bootstrap/testing';
import { ChallengeModel, DEFAULT_CALENDAR_SETTINGS, Decimal, RuleSnapshot, STELLAR_2STEP, openDrawdownState, unwrap } from '@tradesense/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * The risk engine's valuation against the embedded trading server's: on the
 * same positions and the same ticks, every position's floating P/L and the
 * account's equity agree to the cent (EURUSD in USD, USDJPY converted from
 * yen through its own rate, XAUUSD, and GER40 converted from euros).
 */

const START = new Date('2024-06-11T12:00:00Z');
const specs = DEFAULT_SYMBOLS.map((symbol) => symbol.spec);
const routes = new ConversionRoutes('USD', specs);
const START_PRICES: Record<string, [string, string]> = {
  EURUSD: ['1.08500', '1.08512'],
  USDJPY: ['150.000', '150.014'],
  XAUUSD: ['2350.25', '2350.50'],
  GER40: ['18000.00', '18001.50'],
};
const SYMBOLS = Object.keys(START_PRICES);
const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));

const moveArb = fc.record({ symbol: fc.constantFrom(...SYMBOLS), bps: fc.integer({ min: -300, max: 300 }) });

describe('position valuation agrees with the simulated trading server', () => {
  it('for buys and sells on EURUSD, USDJPY, XAUUSD and GER40 along random price paths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(moveArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 500 }), async (moves, lots) => {
        const server = new SimulatedTradingServer({ startAt: START, replay: [], commissions: NO_COMMISSIONS });
        const push = (tick: Tick) => server.pushTick(tick);
        let time = START.getTime();
        for (const [symbol, [bid, ask]] of Object.entries(START_PRICES)) {
          await push({ symbol, bid: new Decimal(bid), ask: new Decimal(ask), time: new Date(time) });
        }
        const { login } = await server.createAccount({ group: 'g', leverage: 100, initialBalance: new Decimal(10_000_000), swapFree: true, name: 'V' });
        const volume = new Decimal(lots).dividedBy(100);
        for (const symbol of SYMBOLS) {
          for (const side of ['buy', 'sell'] as const) await server.placeMarketOrder({ login, symbol, side, volume });
        }

        const engine = new RiskEngine({ breach: () => undefined, warning: () => undefined }, specs);
        for (const symbol of SYMBOLS) engine.onTick(server.lastTick(symbol)!);
        engine.watch({
          login,
          owner: { kind: 'challenge_phase', id: 'c', phase: 1, attempt: 1 },
          firmBalanceOperations: false,
          rules,
          state: openDrawdownState(rules, START),
          balance: (await server.account(login)).balance,
          positions: await server.positions(login),
          bookTicket: null,
          at: START,
        });

        for (const move of moves) {
          time += 1_000;
          const last = server.lastTick(move.symbol)!;
          const digits = specs.find((spec) => spec.symbol === move.symbol)!.digits;
          const factor = new Decimal(1).plus(new Decimal(move.bps).dividedBy(10_000));
          const spread = last.ask.minus(last.bid);
          const bid = last.bid.times(factor).toDecimalPlaces(digits);
          const tick = { symbol: move.symbol, bid, ask: bid.plus(spread), time: new Date(time) };
          await push(tick);
          engine.onTick(tick);

          for (const position of await server.positions(login)) {
            const spec = specs.find((s) => s.symbol === position.symbol)!;
            const route = routes.route(spec.profitCurrency)!;
            const ours = floatingProfit(
              { ...position, contractSize: spec.contractSize, route },
              server.lastTick(position.symbol)!,
              route ? server.lastTick(route.symbol) : null,
            );
            expect(ours.toFixed(2)).toBe(position.profit.toFixed(2));
          }
          expect(engine.equityOf(login)!.toFixed(2)).toBe((await server.account(login)).equity.toFixed(2));
        }
      }),
      { numRuns: 60 },
    );
  });
});
