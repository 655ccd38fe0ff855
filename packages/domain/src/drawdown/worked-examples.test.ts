import { describe, expect, it } from 'vitest';
import { at, d, observation, snapshotOf } from '../challenge/testing/challenge-fixtures.js';
import { openDrawdownState } from './drawdown-state.js';
import { evaluate } from './evaluate.js';
import { rollDrawdownDay } from './roll-drawdown-day.js';

/**
 * Rule book section 4, worked examples, on a 100k Stellar 2-Step (5% daily,
 * 10% max) under the default calendar (New York 17:00). The trading day
 * "2026-01-06" runs from 2026-01-05T22:00Z to 2026-01-06T22:00Z.
 */
const snapshot = snapshotOf();
const dayStart = at('2026-01-05T22:00:00Z');
const noon = at('2026-01-06T17:00:00Z'); // 12:00 New York
const startedDay = (balance: string, equity: string, day = '2026-01-06') =>
  rollDrawdownDay(openDrawdownState(snapshot, at('2026-01-05T15:00:00Z')), { day, balance: d(balance), equity: d(equity) });

describe('worked example 1: a profit does not move the daily floor', () => {
  const state = startedDay('100000', '100000');

  it('keeps the floor at 95,000.00 after closing +2,000 by noon, so 7,000 may be lost from 102,000', () => {
    const afterProfit = evaluate(state, snapshot, observation('102000', '102000', noon));
    expect(afterProfit.verdict).toBe('ok');
    expect(afterProfit.floors.dailyLoss.floor.toFixed(2)).toBe('95000.00');
    expect(afterProfit.floors.maxLoss.floor.toFixed(2)).toBe('90000.00');
    expect(d('102000').minus(afterProfit.floors.dailyLoss.floor).toFixed(2)).toBe('7000.00');
  });

  it('accepts equity 95,000.01 and breaches the daily limit at exactly 95,000.00', () => {
    const afterProfit = evaluate(state, snapshot, observation('102000', '102000', noon)).nextState;
    const tick = { symbol: 'EURUSD', bid: d('1.08412'), ask: d('1.08419'), time: at('2026-01-06T18:00:00Z') };

    const fine = evaluate(afterProfit, snapshot, { ...observation('102000', '95000.01', tick.time), tick });
    expect(fine.verdict).not.toBe('breach');
    expect(fine.breach).toBeUndefined();

    const breached = evaluate(fine.nextState, snapshot, { ...observation('102000', '95000.00', tick.time), tick });
    expect(breached.verdict).toBe('breach');
    expect(breached.breach).toMatchObject({ rule: 'daily_loss', tick, tradingDay: '2026-01-06' });
    expect(breached.breach?.floor.toFixed(2)).toBe('95000.00');
    expect(breached.breach?.equity.toFixed(2)).toBe('95000.00');
    expect(breached.breach?.balance.toFixed(2)).toBe('102000.00');
    expect(breached.breach?.at).toEqual(tick.time);
  });
});

describe('worked example 2: the next day starts from the new balance', () => {
  it('gives a daily floor of 97,000.00 while the max-loss floor stays 90,000.00', () => {
    const dayOne = evaluate(startedDay('100000', '100000'), snapshot, observation('102000', '102000', noon)).nextState;
    const dayTwo = rollDrawdownDay(dayOne, { day: '2026-01-07', balance: d('102000'), equity: d('102000') });
    const verdict = evaluate(dayTwo, snapshot, observation('102000', '102000', at('2026-01-07T15:00:00Z')));
    expect(verdict.floors.dailyLoss.floor.toFixed(2)).toBe('97000.00');
    expect(verdict.floors.maxLoss.floor.toFixed(2)).toBe('90000.00');
  });

  it('reaches the same floors when the reset passes unobserved and the next tick starts the day', () => {
    const dayOne = evaluate(startedDay('100000', '100000'), snapshot, observation('102000', '102000', noon)).nextState;
    const verdict = evaluate(dayOne, snapshot, observation('102000', '101800', at('2026-01-07T15:00:00Z')));
    expect(verdict.nextState.tradingDay).toBe('2026-01-07');
    expect(verdict.nextState.dayStartBalance.toFixed(2)).toBe('102000.00');
    expect(verdict.floors.dailyLoss.floor.toFixed(2)).toBe('97000.00');
  });
});

describe('worked example 3: the day-start basis with a floating position', () => {
  const balanceBasis = snapshot;
  const maxBasis = snapshotOf({ parameters: { rules: { dailyLossBasis: 'max_balance_equity' } } });
  const floorAt = (rules: typeof snapshot, equity: string) =>
    evaluate(startedDay('100000', equity), rules, observation('100000', equity, noon)).floors.dailyLoss.floor.toFixed(2);

  it('keeps 95,000.00 under the balance basis with −1,500 floating', () => {
    expect(floorAt(balanceBasis, '98500')).toBe('95000.00');
  });

  it('also gives 95,000.00 under max(balance, equity) with −1,500 floating', () => {
    expect(floorAt(maxBasis, '98500')).toBe('95000.00');
  });

  it('gives 96,500.00 under max(balance, equity) with +1,500 floating (and 95,000.00 under balance)', () => {
    expect(floorAt(maxBasis, '101500')).toBe('96500.00');
    expect(floorAt(balanceBasis, '101500')).toBe('95000.00');
  });
});
