import { Decimal } from 'decimal.js';
import {
  breachToData,
  drawdownStateToData,
  evaluate,
  openDrawdownState,
  type DrawdownState,
  type EarlyWarning,
} from '@tradesense/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tick } from '../ports/price-feed.js';
import type { Deal, PositionSide } from '../ports/trading-platform.js';
import { ConversionRoutes } from '../shared-kernel/conversion-routes.js';
import { RISK_TEST_PRICES, RISK_TEST_SYMBOLS, riskTestSnapshot } from '../testing/risk-fixtures.js';
import { floatingProfit, type BidAsk, type ValuedPosition } from './position-valuation.js';
import { RiskEngine } from './risk-engine.js';

/**
 * The engine against the domain while trade deals change the book: positions
 * opened, added to (netting, volume-weighted price), partly and fully closed
 * and reversed, between ticks. The breaches and early warnings the engine
 * reports are exactly those that calling `evaluate` on every observation of
 * a book kept here independently gives, so the pre-check never values an
 * outdated book (lots, open prices, swaps, positions gone or new).
 */

const SYMBOLS = ['EURUSD', 'USDJPY', 'XAUUSD', 'EURJPY', 'GER40'] as const;
const T0 = new Date('2024-06-11T12:00:00Z');
const LOGIN = '5000002';
const specs = new Map(RISK_TEST_SYMBOLS.map((spec) => [spec.symbol, spec]));
const routes = new ConversionRoutes('USD', RISK_TEST_SYMBOLS);
const snapshot = riskTestSnapshot({ parameters: { dailyLossPercent: '3' } });
const ZERO = new Decimal(0);

type Step =
  | { kind: 'tick'; symbol: (typeof SYMBOLS)[number]; moveBps: number; minutes: number }
  | {
      kind: 'trade';
      action: 'open' | 'add' | 'reduce' | 'close' | 'reverse';
      symbol: (typeof SYMBOLS)[number];
      side: PositionSide;
      lots: number;
      /** Which open position the deal is about (modulo their count). */
      pick: number;
      /** Share of the position a partial close takes, in percent. */
      percent: number;
      profitCents: number;
      swapCents: number;
      commissionCents: number;
      minutes: number;
    };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      symbol: fc.constantFrom(...SYMBOLS),
      moveBps: fc.integer({ min: -80, max: 80 }),
      minutes: fc.integer({ min: 0, max: 90 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('trade' as const),
      action: fc.constantFrom('open' as const, 'add' as const, 'reduce' as const, 'close' as const, 'reverse' as const),
      symbol: fc.constantFrom(...SYMBOLS),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      lots: fc.integer({ min: 1, max: 300 }),
      pick: fc.nat(),
      percent: fc.integer({ min: 1, max: 99 }),
      profitCents: fc.integer({ min: -150_000, max: 150_000 }),
      swapCents: fc.integer({ min: -2_000, max: 500 }),
      commissionCents: fc.integer({ min: -1_500, max: 0 }),
      minutes: fc.integer({ min: 0, max: 90 }),
    }),
  },
);

function quoteTick(symbol: string, mid: number, time: Date): Tick {
  const spec = specs.get(symbol)!;
  const half = RISK_TEST_PRICES[symbol]!.spread / 2;
  return { symbol, bid: new Decimal((mid - half).toFixed(spec.digits)), ask: new Decimal((mid + half).toFixed(spec.digits)), time };
}

const warningData = (warnings: readonly EarlyWarning[]) =>
  warnings.map((w) => ({ limit: w.limit, usedPercent: w.usedPercent.toFixed(), floor: w.floor.toFixed(), equity: w.equity.toFixed(), at: w.at.toISOString() }));

const withoutLastFigures = (state: DrawdownState) => {
  const { lastBalance, lastEquity, ...rest } = drawdownStateToData(state);
  void lastBalance;
  void lastEquity;
  return rest;
};

/** A position of the independent book: what MetaTrader keeps for it. */
interface ModelPosition extends ValuedPosition {
  readonly positionId: string;
  readonly symbol: string;
  side: PositionSide;
  volume: Decimal;
  openPrice: Decimal;
  swap: Decimal;
}

const opposite = (side: PositionSide): PositionSide => (side === 'buy' ? 'sell' : 'buy');

const totals = { screened: 0, highs: 0, trades: 0, breaches: 0, warnings: 0 };

describe('risk engine verdicts equal the domain evaluate while trade deals change the book', () => {
  it('for random opens, additions, partial and full closes and reversals between ticks', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 5, maxLength: 60, size: 'max' }), (steps) => {
        const engineEvents: unknown[] = [];
        const domainEvents: unknown[] = [];
        let step = -1;
        const engine = new RiskEngine(
          {
            breach: (event) => engineEvents.push({ step, breach: breachToData(event.verdict.breach!) }),
            warning: (event) => engineEvents.push({ step, warnings: warningData(event.warnings) }),
          },
          RISK_TEST_SYMBOLS,
        );
        const mids = new Map<string, number>(SYMBOLS.map((s) => [s, RISK_TEST_PRICES[s]!.mid]));
        const quotes = new Map<string, BidAsk>();
        for (const symbol of SYMBOLS) {
          const tick = quoteTick(symbol, mids.get(symbol)!, new Date(T0.getTime() - 1_000));
          quotes.set(symbol, tick);
          engine.onTick(tick);
        }

        const book: ModelPosition[] = [];
        let balance = new Decimal(100_000);
        let opened = 0;
        const newPosition = (symbol: string, side: PositionSide, volume: Decimal, price: Decimal): ModelPosition => {
          const spec = specs.get(symbol)!;
          opened += 1;
          return { positionId: `q${opened}`, symbol, side, volume, openPrice: price, swap: ZERO, contractSize: spec.contractSize, route: routes.route(spec.profitCurrency)! };
        };
        const drivers = () => new Set(book.flatMap((p) => (p.route ? [p.symbol, p.route.symbol] : [p.symbol])));
        const equity = () =>
          book.reduce(
            (sum, p) => sum.plus(floatingProfit(p, quotes.get(p.symbol)!, p.route ? quotes.get(p.route.symbol)! : null)).plus(p.swap),
            balance,
          );

        let state = openDrawdownState(snapshot, T0);
        let breached = false;
        const observe = (at: Date, tick: Tick | null) => {
          if (breached) return;
          const verdict = evaluate(state, snapshot, { balance, equity: equity(), at, tick });
          if (verdict.breach) {
            breached = true;
            domainEvents.push({ step, breach: breachToData(verdict.breach) });
          } else if (verdict.warnings.length > 0) {
            domainEvents.push({ step, warnings: warningData(verdict.warnings) });
          }
          state = verdict.nextState;
        };

        const first = quotes.get('EURUSD')!;
        book.push(newPosition('EURUSD', 'buy', new Decimal('1.5'), first.ask));
        engine.watch({
          login: LOGIN,
          owner: { kind: 'challenge_phase', id: 'c2', phase: 1, attempt: 1 },
          rules: snapshot,
          state,
          balance,
          positions: book.map((p) => ({ positionId: p.positionId, symbol: p.symbol, side: p.side, volume: p.volume, openPrice: p.openPrice, swap: p.swap })),
          bookTicket: '0',
          at: T0,
          firmBalanceOperations: false,
        });
        observe(T0, null);

        let time = T0.getTime();
        steps.forEach((s, index) => {
          step = index;
          time += s.minutes * 60_000 + 1_000;
          const at = new Date(time);
          if (s.kind === 'tick') {
            const mid = mids.get(s.symbol)! * (1 + s.moveBps / 10_000);
            mids.set(s.symbol, mid);
            const tick = quoteTick(s.symbol, mid, at);
            quotes.set(s.symbol, tick);
            const observed = drivers().has(s.symbol);
            engine.onTick(tick);
            if (observed) observe(at, tick);
            return;
          }
          const existing = book.length > 0 ? book[s.pick % book.length]! : undefined;
          const lots = new Decimal(s.lots).dividedBy(100);
          let deal: Omit<Deal, 'dealId' | 'login' | 'time' | 'reason' | 'comment'>;
          const money = { profit: ZERO, swap: new Decimal(s.swapCents).dividedBy(100), commission: new Decimal(s.commissionCents).dividedBy(100) };
          const priceFor = (symbol: string, side: PositionSide) => (side === 'buy' ? quotes.get(symbol)!.ask : quotes.get(symbol)!.bid);
          if (s.action === 'open' || !existing) {
            const price = priceFor(s.symbol, s.side);
            book.push(newPosition(s.symbol, s.side, lots, price));
            deal = { kind: s.side, entry: 'in', symbol: s.symbol, positionId: book.at(-1)!.positionId, volume: lots, price, ...money };
          } else if (s.action === 'add') {
            const price = priceFor(existing.symbol, existing.side);
            const volume = existing.volume.plus(lots);
            existing.openPrice = existing.openPrice.times(existing.volume).plus(price.times(lots)).dividedBy(volume);
            existing.volume = volume;
            deal = { kind: existing.side, entry: 'in', symbol: existing.symbol, positionId: existing.positionId, volume: lots, price, ...money };
          } else if (s.action === 'reduce' && existing.volume.greaterThan('0.01')) {
            const part = Decimal.max(new Decimal('0.01'), existing.volume.times(s.percent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN));
            const side = opposite(existing.side);
            existing.volume = existing.volume.minus(part);
            existing.swap = existing.swap.minus(money.swap);
            deal = { kind: side, entry: 'out', symbol: existing.symbol, positionId: existing.positionId, volume: part, price: priceFor(existing.symbol, side), ...money, profit: new Decimal(s.profitCents).dividedBy(100) };
          } else if (s.action === 'reverse') {
            const side = opposite(existing.side);
            const price = priceFor(existing.symbol, side);
            book.splice(book.indexOf(existing), 1);
            const reversed = newPosition(existing.symbol, side, lots, price);
            book.push({ ...reversed, positionId: existing.positionId });
            deal = { kind: side, entry: 'inout', symbol: existing.symbol, positionId: existing.positionId, volume: existing.volume.plus(lots), price, ...money, profit: new Decimal(s.profitCents).dividedBy(100) };
          } else {
            const side = opposite(existing.side);
            book.splice(book.indexOf(existing), 1);
            deal = { kind: side, entry: 'out', symbol: existing.symbol, positionId: existing.positionId, volume: existing.volume, price: priceFor(existing.symbol, side), ...money, profit: new Decimal(s.profitCents).dividedBy(100) };
          }
          totals.trades += 1;
          balance = balance.plus(deal.profit).plus(deal.swap).plus(deal.commission);
          engine.onDeal(LOGIN, { ...deal, dealId: String(index + 1), login: LOGIN, time: at, reason: 'client', comment: '' });
          observe(at, null);
        });

        expect(engineEvents).toEqual(domainEvents);
        if (!breached) expect(withoutLastFigures(engine.stateOf(LOGIN)!)).toEqual(withoutLastFigures(state));
        totals.screened += engine.stats.screened;
        totals.highs += engine.stats.highs;
        totals.breaches += domainEvents.filter((e) => 'breach' in (e as object)).length;
        totals.warnings += domainEvents.filter((e) => 'warnings' in (e as object)).length;
      }),
      { numRuns: 250 },
    );
    // Both paths and both kinds of outcome were exercised.
    expect(totals.trades).toBeGreaterThan(1_000);
    expect(totals.screened).toBeGreaterThan(400);
    expect(totals.highs).toBeGreaterThan(50);
    expect(totals.breaches).toBeGreaterThan(20);
    expect(totals.warnings).toBeGreaterThan(20);
  });
});
