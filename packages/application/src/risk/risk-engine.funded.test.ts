import { Decimal } from 'decimal.js';
import { Money, openDrawdownState, rollDrawdownDay } from '@tradesense/domain';
import { describe, expect, it } from 'vitest';
import type { Tick } from '../ports/price-feed.js';
import type { Deal } from '../ports/trading-platform.js';
import { RISK_TEST_SYMBOLS, riskTestSnapshot } from '../testing/risk-fixtures.js';
import type { BreachDetected, RiskListener } from './risk-events.js';
import { RiskEngine } from './risk-engine.js';
import { riskSubjectKey, type RiskSubject } from './risk-subject.js';

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

function engineWith(subject: RiskSubject, login: string) {
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
  engine.watch({ subject, login, rules, state, balance: d(108_000), positions: [], bookTicket: '10', at: T0 });
  return { engine, breaches, rules, key: riskSubjectKey(subject) };
}

describe('risk engine: funded accounts', () => {
  it('keys a funded account apart from a challenge with the same id', () => {
    const challenge = engineWith({ kind: 'challenge', id: 'x1' }, '5000001');
    const funded = engineWith({ kind: 'funded', id: 'x1' }, '5000002');
    expect(challenge.engine.watchedKeys()).toEqual(['x1']);
    expect(funded.engine.watchedKeys()).toEqual(['funded:x1']);
  });

  it('a payout withdrawal on a funded account moves its floors with the money; on a challenge it is a loss', () => {
    const funded = engineWith({ kind: 'funded', id: 'f1' }, '5000001');
    expect(funded.engine.onDeal('5000001', balanceDeal('11', '-8000', '5000001'))).toBe(true);
    expect(funded.breaches).toEqual([]);
    const state = funded.engine.stateOf(funded.key)!;
    expect([state.dayStartBalance, state.lastBalance, state.lastEquity].map((value) => value.toFixed(2))).toEqual([
      '100000.00',
      '100000.00',
      '100000.00',
    ]);

    const challenge = engineWith({ kind: 'challenge', id: 'c1' }, '5000001');
    challenge.engine.onDeal('5000001', balanceDeal('11', '-8000', '5000001'));
    expect(challenge.breaches.map((event) => [event.key, event.verdict.breach!.rule, event.verdict.breach!.floor.toFixed(2)])).toEqual([
      ['c1', 'daily_loss', '103000.00'],
    ]);
  });

  it('takes a funded account onto rules at a new allocation and judges it against them at once', () => {
    const funded = engineWith({ kind: 'funded', id: 'f2' }, '5000001');
    // A 40,000 scaling deposit: the floors move by it first, then the rules measure against 140,000.
    funded.engine.onDeal('5000001', balanceDeal('11', '40000', '5000001'));
    expect(funded.engine.useRules(funded.key, funded.rules.withInitialBalance(Money.of(140_000)), at(61))).toBe(true);
    expect(funded.engine.rulesOf(funded.key)!.initialBalance.toFixed()).toBe('140000.00');
    const state = funded.engine.stateOf(funded.key)!;
    expect(state.initialBalance.toFixed(2)).toBe('140000.00');
    expect(state.dayStartBalance.toFixed(2)).toBe('148000.00');
    expect(funded.breaches).toEqual([]);
    expect(funded.engine.useRules('funded:none', funded.rules, at(62))).toBe(false);
  });
});
