import { Decimal } from 'decimal.js';
import { breachToData, openDrawdownState, replayVerdict, type RuleSnapshot } from '@tradesense/domain';
import { describe, expect, it } from 'vitest';
import type { Tick } from '../ports/price-feed.js';
import type { Deal } from '../ports/trading-platform.js';
import { RISK_TEST_SYMBOLS, riskTestSnapshot } from '../testing/risk-fixtures.js';
import type { BookPositionInput } from './book-position.js';
import type { BreachDetected, EarlyWarningsRaised, RiskListener, TradingDayClosed } from './risk-events.js';
import { RiskEngine } from './risk-engine.js';

const d = (value: string | number): Decimal => new Decimal(value);
// Tuesday 11 June 2024, 08:00 New York: trading day 2024-06-11, which ends at 21:00 UTC.
const T0 = new Date('2024-06-11T12:00:00Z');
const RESET = new Date('2024-06-11T21:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

class Recorder implements RiskListener {
  readonly breaches: BreachDetected[] = [];
  readonly warnings: EarlyWarningsRaised[] = [];
  readonly closes: TradingDayClosed[] = [];
  readonly needed: string[] = [];
  readonly released: string[] = [];
  breach(event: BreachDetected): void {
    this.breaches.push(event);
  }
  warning(event: EarlyWarningsRaised): void {
    this.warnings.push(event);
  }
  dayClosed(event: TradingDayClosed): void {
    this.closes.push(event);
  }
  symbolNeeded(symbol: string): void {
    this.needed.push(symbol);
  }
  symbolReleased(symbol: string): void {
    this.released.push(symbol);
  }
}

const tick = (symbol: string, bid: string, ask: string, time: Date): Tick => ({ symbol, bid: d(bid), ask: d(ask), time });
const eurusd = (bid: string, time: Date): Tick => tick('EURUSD', bid, d(bid).plus('0.00012').toFixed(5), time);

const buyEurusd = (volume = '1', openPrice = '1.10000'): BookPositionInput => ({
  positionId: 'p1',
  symbol: 'EURUSD',
  side: 'buy',
  volume: d(volume),
  openPrice: d(openPrice),
  swap: d(0),
});

function engineWith(options: { snapshot?: RuleSnapshot; positions?: BookPositionInput[]; balance?: string } = {}) {
  const recorder = new Recorder();
  const engine = new RiskEngine(recorder, RISK_TEST_SYMBOLS);
  const snapshot = options.snapshot ?? riskTestSnapshot();
  engine.onTick(eurusd('1.10000', at(-1)));
  engine.watch({
    login: '5000001',
    owner: { kind: 'challenge_phase', id: 'c1', phase: 1, attempt: 1 },
    rules: snapshot,
    state: openDrawdownState(snapshot, T0),
    balance: d(options.balance ?? '100000'),
    positions: options.positions ?? [buyEurusd()],
    bookTicket: '10',
    at: T0,
    firmBalanceOperations: false,
  });
  return { engine, recorder, snapshot };
}

const deal = (fields: Partial<Deal> & Pick<Deal, 'dealId' | 'kind'>): Deal => ({
  login: '5000001',
  time: at(100),
  entry: null,
  reason: 'client',
  symbol: null,
  positionId: null,
  volume: d(0),
  price: d(0),
  profit: d(0),
  swap: d(0),
  commission: d(0),
  comment: '',
  ...fields,
});

describe('risk engine: breaches', () => {
  it('catches a dip below the daily floor that lasts a single tick, with that tick in the breach record', () => {
    const { engine, recorder } = engineWith();
    // 1 lot EURUSD: each 0.00001 is $1. Daily floor 95,000; 1.05000 would be exactly the floor.
    engine.onTick(eurusd('1.09000', at(1)));
    const dip = eurusd('1.04990', at(2));
    engine.onTick(dip);
    engine.onTick(eurusd('1.09000', at(3)));

    expect(recorder.breaches).toHaveLength(1);
    const [event] = recorder.breaches;
    const breach = breachToData(event!.verdict.breach!);
    expect(breach).toMatchObject({
      rule: 'daily_loss',
      floor: '95000',
      equity: '94990',
      balance: '100000',
      tick: { symbol: 'EURUSD', bid: '1.0499', ask: '1.05002', time: dip.time.toISOString() },
      at: dip.time.toISOString(),
    });
    // The inputs replay to the same verdict and hash.
    const replayed = replayVerdict(event!.inputs);
    expect(replayed.ok && replayed.value.breach?.inputHash).toBe(breach.inputHash);
    // Reported once; the account is no longer watched.
    expect(engine.isWatching('5000001')).toBe(false);
    expect(recorder.released).toEqual(['EURUSD']);
  });

  it('treats equity exactly at the floor as a breach and a cent above as safe', () => {
    const { engine, recorder } = engineWith();
    engine.onTick(eurusd('1.05001', at(1)));
    expect(recorder.breaches).toHaveLength(0);
    engine.onTick(eurusd('1.05000', at(2)));
    expect(recorder.breaches.map((b) => b.verdict.breach!.equity.toFixed(2))).toEqual(['95000.00']);
  });

  it('values profits in other currencies through the latest cross rate (a USDJPY tick moves a EURJPY position)', () => {
    const { engine, recorder } = engineWith({
      positions: [{ positionId: 'p9', symbol: 'EURJPY', side: 'buy', volume: d(1), openPrice: d('162.700'), swap: d(0) }],
    });
    expect(recorder.needed.sort()).toEqual(['EURJPY', 'USDJPY']);
    // −750,000 JPY: at USDJPY 150 (bought at the bid) that is −5,000 → a breach; at 160 it is −4,687.50.
    engine.onTick(tick('USDJPY', '160.000', '160.014', at(1)));
    engine.onTick(tick('EURJPY', '155.200', '155.220', at(2)));
    expect(recorder.breaches).toHaveLength(0);
    engine.onTick(tick('USDJPY', '150.000', '150.014', at(3)));
    expect(recorder.breaches).toHaveLength(1);
    expect(recorder.breaches[0]!.verdict.breach!.equity.toFixed(2)).toBe('95000.00');
    expect(recorder.breaches[0]!.verdict.breach!.tick!.symbol).toBe('USDJPY');
  });
});

describe('risk engine: trailing floors', () => {
  it('raises a trailing max-loss floor with every new equity high, so a fall from the high is caught', () => {
    const snapshot = riskTestSnapshot({ parameters: { dailyLossPercent: '9', rules: { maxLossMode: 'trailing_equity' } } });
    const { engine, recorder } = engineWith({ snapshot });
    // Up in small steps to 108,000: the max-loss floor trails to 98,000 (the daily floor stays 91,000).
    for (let i = 1; i <= 80; i += 1) engine.onTick(eurusd((1.1 + i * 0.001).toFixed(5), at(i)));
    expect(engine.stateOf('5000001')!.highestEquity.toFixed(2)).toBe('108000.00');
    engine.onTick(eurusd('1.08001', at(100))); // 98,001: above the trailed floor
    expect(recorder.breaches).toHaveLength(0);
    engine.onTick(eurusd('1.08000', at(101))); // 98,000: on it
    expect(recorder.breaches).toHaveLength(1);
    expect(recorder.breaches[0]!.verdict.breach).toMatchObject({ rule: 'max_loss' });
    expect(recorder.breaches[0]!.verdict.breach!.floor.toFixed(2)).toBe('98000.00');
  });
});

describe('risk engine: early warnings', () => {
  it('raises each limit once per trading day, again after the reset', () => {
    // Daily 9 %, max 10 % of 100k: daily floor 91,000 (warning at 92,800), max floor 90,000 (warning at 92,000).
    const snapshot = riskTestSnapshot({ parameters: { dailyLossPercent: '9' } });
    const { engine, recorder } = engineWith({ snapshot });
    const limits = () => recorder.warnings.map((w) => w.warnings.map((x) => `${x.limit}@${x.tradingDay}`).join(','));

    engine.onTick(eurusd('1.07500', at(1))); // 97,500: nothing
    engine.onTick(eurusd('1.02500', at(2))); // 92,500: daily warning
    engine.onTick(eurusd('1.02400', at(3))); // 92,400: already raised today
    engine.onTick(eurusd('1.07500', at(4)));
    engine.onTick(eurusd('1.02500', at(5))); // still the same day: nothing new
    engine.onTick(eurusd('1.01900', at(6))); // 91,900: max-loss warning
    expect(limits()).toEqual(['daily_loss@2024-06-11', 'max_loss@2024-06-11']);

    engine.onTick(eurusd('1.07500', new Date(RESET.getTime() + 60_000)));
    engine.onTick(eurusd('1.02500', new Date(RESET.getTime() + 120_000)));
    expect(limits()).toEqual(['daily_loss@2024-06-11', 'max_loss@2024-06-11', 'daily_loss@2024-06-12']);
    expect(recorder.breaches).toHaveLength(0);
  });
});

describe('risk engine: deals and balance changes', () => {
  it('re-evaluates on a balance deal and skips deals the book already has', () => {
    const { engine, recorder } = engineWith({ positions: [] });
    expect(engine.onDeal('5000001', deal({ dealId: '9', kind: 'balance', profit: d(-6000) }))).toBe(false);
    expect(recorder.breaches).toHaveLength(0);
    expect(engine.onDeal('5000001', deal({ dealId: '11', kind: 'balance', profit: d(-6000) }))).toBe(true);
    expect(recorder.breaches).toHaveLength(1);
    expect(recorder.breaches[0]!.verdict.breach).toMatchObject({ rule: 'daily_loss', tick: null });
    expect(recorder.breaches[0]!.verdict.breach!.balance.toFixed(2)).toBe('94000.00');
  });

  it('books opening and closing deals: a closed position no longer listens to its symbol', () => {
    const { engine, recorder } = engineWith({ positions: [] });
    expect(recorder.needed).toEqual([]);
    engine.onDeal(
      '5000001',
      deal({ dealId: '11', kind: 'sell', entry: 'in', symbol: 'XAUUSD', positionId: 'p2', volume: d(2), price: d('2350.00'), commission: d(-6) }),
    );
    expect(recorder.needed).toEqual(['XAUUSD']);
    engine.onTick(tick('XAUUSD', '2349.75', '2350.00', at(200)));
    // 2 lots short gold from 2,350.00 at ask 2,350.00: flat; the commission is in the balance.
    expect(engine.equityOf('5000001')!.toFixed(2)).toBe('99994.00');
    engine.onTick(tick('XAUUSD', '2360.00', '2360.25', at(201)));
    expect(engine.equityOf('5000001')!.toFixed(2)).toBe('97944.00');
    engine.onDeal(
      '5000001',
      deal({ dealId: '12', kind: 'buy', entry: 'out', symbol: 'XAUUSD', positionId: 'p2', volume: d(2), price: d('2360.25'), profit: d('-2050.00'), commission: d(-6), time: at(202) }),
    );
    expect(engine.equityOf('5000001')!.toFixed(2)).toBe('97938.00');
    expect(engine.stateOf('5000001')!.lastBalance.toFixed(2)).toBe('97938.00');
    expect(recorder.released).toEqual(['XAUUSD']);
    const checks = engine.stats.accountChecks;
    engine.onTick(tick('XAUUSD', '2100.00', '2100.25', at(203)));
    expect(engine.stats.accountChecks).toBe(checks);
  });

  it('a balance change reported outside the deal stream re-evaluates too', () => {
    const { engine, recorder } = engineWith();
    engine.onBalanceChange('5000001', d('94999.99'), at(5));
    expect(recorder.breaches).toHaveLength(1);
  });
});

describe('risk engine: pre-check and rollover', () => {
  it('settles ticks far from every level in floats and sends the ones near a level to the exact path', () => {
    const { engine, recorder } = engineWith();
    const before = { ...engine.stats };
    for (let i = 0; i < 100; i += 1) engine.onTick(eurusd((1.09 + (i % 7) * 0.0001).toFixed(5), at(10 + i)));
    expect(engine.stats.screened - before.screened).toBe(100);
    expect(engine.stats.exact - before.exact).toBe(0);
    // The warning level is 96,000.00: a dollar above it is still provably safe in floats…
    engine.onTick(eurusd('1.06001', at(200)));
    expect(engine.stats.screened - before.screened).toBe(101);
    // …and a breach goes to the exact path, whose inputs carry the last screened tick's figures, recomputed exactly.
    engine.onTick(eurusd('1.04999', at(201)));
    expect(engine.stats.exact - before.exact).toBe(1);
    const [breach] = recorder.breaches;
    expect(breach!.inputs.state.lastEquity).toBe('96001');
    expect(breach!.inputs.state.lastBalance).toBe('100000');
  });

  it('at the reset, takes the current figures as the new day start and renews the floors', () => {
    const { engine, recorder } = engineWith({ snapshot: riskTestSnapshot({ parameters: { rules: { dailyLossBasis: 'max_balance_equity' } } }) });
    engine.onTick(eurusd('1.12000', at(60))); // +2,000 floating, screened
    engine.rollover(RESET);
    expect(recorder.closes).toHaveLength(1);
    expect(recorder.closes[0]).toMatchObject({ closedDay: '2024-06-11', day: '2024-06-12', at: RESET });
    expect(recorder.closes[0]!.equity.toFixed(2)).toBe('102000.00');
    const state = engine.stateOf('5000001')!;
    expect(state.tradingDay).toBe('2024-06-12');
    expect(state.dayStartEquity.toFixed(2)).toBe('102000.00');
    // max(balance, equity) basis: floor = 102,000 − 5,000; 97,000 is a breach now.
    engine.onTick(eurusd('1.07000', new Date(RESET.getTime() + 1000)));
    expect(recorder.breaches[0]!.verdict.breach!.floor.toFixed(2)).toBe('97000.00');
  });
});
