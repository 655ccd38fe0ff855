import { Decimal } from 'decimal.js';
import {
  breachToData,
  drawdownStateToData,
  evaluate,
  openDrawdownState,
  type DrawdownState,
  type EarlyWarning,
  type RuleSnapshot,
} from '@tradesense/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tick } from '../ports/price-feed.js';
import { ConversionRoutes } from '../shared-kernel/conversion-routes.js';
import { RISK_TEST_PRICES, RISK_TEST_SYMBOLS, riskTestSnapshot } from '../testing/risk-fixtures.js';
import { floatingProfit, type BidAsk, type ValuedPosition } from './position-valuation.js';
import { RiskEngine } from './risk-engine.js';

/**
 * The engine against the domain: for random accounts and random streams of
 * ticks and balance changes, the breaches and early warnings the engine
 * reports (with their records, floors and input hashes) are exactly those
 * that calling the domain's `evaluate` on every tick that moves the account
 * gives, whatever the pre-check skipped.
 */

const SYMBOLS = ['EURUSD', 'USDJPY', 'XAUUSD', 'EURJPY', 'GER40'] as const;
const T0 = new Date('2024-06-11T12:00:00Z');
const LOGIN = '5000001';
const specs = new Map(RISK_TEST_SYMBOLS.map((spec) => [spec.symbol, spec]));
const routes = new ConversionRoutes('USD', RISK_TEST_SYMBOLS);

const snapshots = new Map<string, RuleSnapshot>();
function snapshotFor(rules: RulesChoice): RuleSnapshot {
  const key = JSON.stringify(rules);
  let snapshot = snapshots.get(key);
  if (!snapshot) {
    const { dailyLossPercent, ...options } = rules;
    snapshot = riskTestSnapshot({ parameters: { dailyLossPercent, rules: options } });
    snapshots.set(key, snapshot);
  }
  return snapshot;
}

interface RulesChoice {
  dailyLossPercent: string;
  dailyLossBasis: 'balance' | 'max_balance_equity';
  dailyLossReference: 'initial' | 'day_start';
  maxLossMode: 'static' | 'trailing_equity' | 'trailing_eod_balance';
  tolerance: string;
}

const rulesArb: fc.Arbitrary<RulesChoice> = fc.record({
  dailyLossPercent: fc.constantFrom('3', '5', '9'),
  dailyLossBasis: fc.constantFrom('balance' as const, 'max_balance_equity' as const),
  dailyLossReference: fc.constantFrom('initial' as const, 'day_start' as const),
  maxLossMode: fc.constantFrom('static' as const, 'trailing_equity' as const, 'trailing_eod_balance' as const),
  tolerance: fc.constantFrom('0.00', '5.00'),
});

const positionArb = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  lots: fc.integer({ min: 1, max: 400 }),
});

type Step =
  | { kind: 'tick'; symbol: (typeof SYMBOLS)[number]; moveBps: number; minutes: number }
  | { kind: 'balance'; cents: number; minutes: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ kind: fc.constant('tick' as const), symbol: fc.constantFrom(...SYMBOLS), moveBps: fc.integer({ min: -120, max: 120 }), minutes: fc.integer({ min: 0, max: 240 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('balance' as const), cents: fc.integer({ min: -300_000, max: 300_000 }).filter((c) => c !== 0), minutes: fc.integer({ min: 0, max: 240 }) }) },
);

function quoteTick(symbol: string, mid: number, time: Date): Tick {
  const spec = specs.get(symbol)!;
  const half = RISK_TEST_PRICES[symbol]!.spread / 2;
  return {
    symbol,
    bid: new Decimal((mid - half).toFixed(spec.digits)),
    ask: new Decimal((mid + half).toFixed(spec.digits)),
    time,
  };
}

const warningData = (warnings: readonly EarlyWarning[]) =>
  warnings.map((w) => ({
    limit: w.limit,
    usedPercent: w.usedPercent.toFixed(),
    floor: w.floor.toFixed(),
    warningLevel: w.warningLevel.toFixed(),
    equity: w.equity.toFixed(),
    at: w.at.toISOString(),
    tradingDay: w.tradingDay,
  }));

const withoutLastFigures = (state: DrawdownState) => {
  const { lastBalance, lastEquity, ...rest } = drawdownStateToData(state);
  void lastBalance;
  void lastEquity;
  return rest;
};

const totals = { screened: 0, highs: 0, exact: 0, breaches: 0, warnings: 0 };

describe('risk engine verdicts equal the domain evaluate on every tick', () => {
  it('for random accounts, tick streams and balance changes', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(positionArb, { minLength: 1, maxLength: 3 }), fc.array(stepArb, { minLength: 5, maxLength: 80, size: 'max' }), (rules, held, steps) => {
        const snapshot = snapshotFor(rules);
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

        // Both sides see the same quotes; the domain side values the book itself.
        const mids = new Map<string, number>(SYMBOLS.map((s) => [s, RISK_TEST_PRICES[s]!.mid]));
        const quotes = new Map<string, BidAsk>();
        const seed = new Date(T0.getTime() - 1000);
        for (const symbol of SYMBOLS) {
          const tick = quoteTick(symbol, mids.get(symbol)!, seed);
          quotes.set(symbol, tick);
          engine.onTick(tick);
        }
        const positions = held.map((p, i) => {
          const spec = specs.get(p.symbol)!;
          const route = routes.route(spec.profitCurrency)!;
          const quote = quotes.get(p.symbol)!;
          const valued: ValuedPosition & { symbol: string; positionId: string } = {
            positionId: `p${i}`,
            symbol: p.symbol,
            side: p.side,
            volume: new Decimal(p.lots).dividedBy(100),
            openPrice: p.side === 'buy' ? quote.ask : quote.bid,
            contractSize: spec.contractSize,
            route,
          };
          return valued;
        });
        const drivers = new Set(positions.flatMap((p) => (p.route ? [p.symbol, p.route.symbol] : [p.symbol])));
        let balance = new Decimal(100_000);
        const equity = () =>
          positions.reduce(
            (sum, p) => sum.plus(floatingProfit(p, quotes.get(p.symbol)!, p.route ? quotes.get(p.route.symbol)! : null)),
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

        engine.watch({
          login: LOGIN,
          owner: { kind: 'challenge_phase', id: 'c1', phase: 1, attempt: 1 },
          rules: snapshot,
          state,
          balance,
          positions: positions.map((p) => ({ ...p, swap: new Decimal(0) })),
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
            engine.onTick(tick);
            if (drivers.has(s.symbol)) observe(at, tick);
          } else {
            const amount = new Decimal(s.cents).dividedBy(100);
            engine.onDeal(LOGIN, {
              dealId: String(index + 1),
              login: LOGIN,
              time: at,
              kind: 'balance',
              entry: null,
              reason: 'dealer',
              symbol: null,
              positionId: null,
              volume: new Decimal(0),
              price: new Decimal(0),
              profit: amount,
              swap: new Decimal(0),
              commission: new Decimal(0),
              comment: '',
            });
            balance = balance.plus(amount);
            observe(at, null);
          }
        });

        expect(engineEvents).toEqual(domainEvents);
        if (!breached) expect(withoutLastFigures(engine.stateOf(LOGIN)!)).toEqual(withoutLastFigures(state));
        totals.screened += engine.stats.screened;
        totals.highs += engine.stats.highs;
        totals.exact += engine.stats.exact;
        totals.breaches += domainEvents.filter((e) => 'breach' in (e as object)).length;
        totals.warnings += domainEvents.filter((e) => 'warnings' in (e as object)).length;
      }),
      { numRuns: 300 },
    );
    // The property was exercised on both paths and on both kinds of outcome.
    expect(totals.screened).toBeGreaterThan(1_000);
    expect(totals.highs).toBeGreaterThan(100);
    expect(totals.exact).toBeGreaterThan(300);
    expect(totals.breaches).toBeGreaterThan(20);
    expect(totals.warnings).toBeGreaterThan(20);
  });
});
