import { Decimal } from 'decimal.js';
import { Money, openDrawdownState, rollDrawdownDay, type TradingAccountOwner } from '@tradesense/domain';
import { describe, expect, it } from 'vitest';
import type { Tick } from '../ports/price-feed.js';
import type { Deal } from '../ports/trading-platform.js';
import { RISK_TEST_SYMBOLS, riskTestSnapshot } from '../testing/risk-fixtures.js';
import type { BreachDetected, RiskListener } from './risk-events.js';
import { RiskEngine } from './risk-engine.js';

const d = (value: string | number): Decimal => new Decimal(value);
// Wednesday 12 June 2024, 08:00 New York: trading day 2024-06-12.
const T0 = new Date('2024-06-12T12:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const eurusd = (bid: string, time: Date): Tick => ({ symbol: 'EURUSD', bid: d(bid), ask: d(bid).plus('0.00012'), time });
const balanceDeal = (dealId: string, amount: string, login: string): Deal => ({
  dealId,
  login,
  time: at(60),
  kind: 'balance',
  entry: null,
  reason: 'other',
  symbol: null,
  positionId: null,
  volume: d(0),
  price: d(0),
  profit: d(amount),
  swap: d(0),
  commission: d(0),
  comment: '',
});

const FUNDED: TradingAccountOwner = { kind: 'funded_account', id: 'f1' };
const PHASE: TradingAccountOwner = { kind: 'challenge_phase', id: 'c1', phase: 1, attempt: 1 };

function engineWith(owner: TradingAccountOwner, login: string, firmBalanceOperations: boolean) {
  const breaches: BreachDetected[] = [];
  const listener: RiskListener = { breach: (event) => breaches.push(event), warning: () => undefined };
  const engine = new RiskEngine(listener, RISK_TEST_SYMBOLS);
  const rules = riskTestSnapshot();
  // The day started at 108,000 (8,000 of profit closed earlier): daily floor 103,000.
  const state = rollDrawdownDay(openDrawdownState(rules, new Date('2024-06-11T12:00:00Z')), {
    day: '2024-06-12',
    balance: d(108_000),
    equity: d(108_000),
  });
  engine.onTick(eurusd('1.10000', at(-1)));
  engine.watch({ login, owner, rules, state, balance: d(108_000), positions: [], bookTicket: '10', at: T0, firmBalanceOperations });
  return { engine, breaches, rules, login };
}

describe('risk engine: firm balance operations', () => {
  it('keys every account by its login and reports its owner with each finding', () => {
    const funded = engineWith(FUNDED, '5000002', true);
    expect(funded.engine.watchedLogins()).toEqual(['5000002']);
    funded.engine.onTick(eurusd('1.10000', at(1)));
    expect(funded.engine.isWatching('5000002')).toBe(true);
    expect(funded.engine.onDeal('5000002', balanceDeal('11', '-6000', '5000002'))).toBe(true);
    expect(funded.breaches).toEqual([]);
    const phase = engineWith(PHASE, '5000003', false);
    phase.engine.onDeal('5000003', balanceDeal('11', '-6000', '5000003'));
    expect(phase.breaches.map((event) => [event.login, event.owner])).toEqual([['5000003', PHASE]]);
  });

  it('a balance deal on an account with firm balance operations moves its floors with the money; otherwise it is a loss', () => {
    const funded = engineWith(FUNDED, '5000001', true);
    expect(funded.engine.onDeal('5000001', balanceDeal('11', '-8000', '5000001'))).toBe(true);
    expect(funded.breaches).toEqual([]);
    const state = funded.engine.stateOf(funded.login)!;
    expect([state.dayStartBalance, state.lastBalance, state.lastEquity].map((value) => value.toFixed(2))).toEqual([
      '100000.00',
      '100000.00',
      '100000.00',
    ]);

    // Whatever the owner: the watch says how a balance deal is read.
    const judged = engineWith(FUNDED, '5000001', false);
    judged.engine.onDeal('5000001', balanceDeal('11', '-8000', '5000001'));
    expect(judged.breaches.map((event) => [event.login, event.verdict.breach!.rule, event.verdict.breach!.floor.toFixed(2)])).toEqual([
      ['5000001', 'daily_loss', '103000.00'],
    ]);
  });

  it('takes an account onto rules at a new allocation and judges it against them at once', () => {
    const funded = engineWith(FUNDED, '5000001', true);
    // A 40,000 scaling deposit: the floors move by it first, then the rules measure against 140,000.
    funded.engine.onDeal('5000001', balanceDeal('11', '40000', '5000001'));
    expect(funded.engine.useRules(funded.login, funded.rules.withInitialBalance(Money.of(140_000)), at(61))).toBe(true);
    expect(funded.engine.rulesOf(funded.login)!.initialBalance.toFixed()).toBe('140000.00');
    const state = funded.engine.stateOf(funded.login)!;
    expect(state.initialBalance.toFixed(2)).toBe('140000.00');
    expect(state.dayStartBalance.toFixed(2)).toBe('148000.00');
    expect(funded.breaches).toEqual([]);
    expect(funded.engine.useRules('none', funded.rules, at(62))).toBe(false);
  });
});
