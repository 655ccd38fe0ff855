import { describe, expect, it } from 'vitest';
import { Challenge } from '../challenge/challenge.js';
import { d, snapshotOf } from '../challenge/testing/challenge-fixtures.js';
import { unwrap } from '../shared/result.js';
import { aTradingAccount } from '../testing/trading-account-mother.js';
import type { TradingAccount } from '../trading-account/trading-account.js';
import type { DealAction } from '../trading-account/trading-account-deal.js';
import { accountMetrics } from './account-metrics.js';
import type { LiveFigures } from './loss-limit-metrics.js';
import { tradingAccountMetrics } from './trading-account-metrics.js';

const rules = snapshotOf(); // 100k Stellar 2-Step, New York 17:00

/** A challenge active on login-1 and that login's trading account, both from `activatedAt`. */
function activeChallenge(activatedAt: Date, snapshot = rules): { challenge: Challenge; account: TradingAccount } {
  const challenge = Challenge.create({ id: 'ch-1', traderId: 'tr-1', rules: snapshot, at: activatedAt });
  unwrap(challenge.activate('login-1', activatedAt));
  const owner = { kind: 'challenge_phase' as const, id: 'ch-1', phase: 1, attempt: 1 };
  const account = aTradingAccount({ login: 'login-1', traderId: 'tr-1', owner, rules: snapshot, at: activatedAt });
  return { challenge, account };
}

/** The challenge's view over its phase account's metrics with the platform's figures. */
function metricsOf(challenge: Challenge, account: TradingAccount, live: LiveFigures) {
  return accountMetrics(challenge.toState(), tradingAccountMetrics(account.toState(), live), live.now);
}

/** A deal on the account, and the challenge's reaction to the `TradingAccountDealRecorded` it records. */
function trade(challenge: Challenge, account: TradingAccount, action: DealAction, at: Date, balance: string): void {
  unwrap(account.recordDeal({ dealId: `${action}-${at.getTime()}`, positionId: 'a', action, at, balance: d(balance), equity: d(balance) }));
  const tradingDay = account.rules.calendar.tradingDayOf(at);
  unwrap(challenge.recordTradingActivity({ account: account.login, action, at, tradingDay, balance: d(balance), openPositions: account.openPositions.length }));
}

describe('account metrics', () => {
  it('shows day-start figures, both floors, buffers, next reset, profit progress and trading days', () => {
    const { challenge, account } = activeChallenge(new Date('2026-01-05T15:00:00Z'));
    const reset = new Date('2026-01-05T22:00:00Z');
    unwrap(account.rollTradingDay(reset, { balance: d('100000'), equity: d('100000'), observedAt: new Date(reset.getTime() - 1_000) }));
    trade(challenge, account, 'open', new Date('2026-01-06T14:00:00Z'), '100000');
    trade(challenge, account, 'close', new Date('2026-01-06T16:00:00Z'), '102000');

    const metrics = metricsOf(challenge, account, { now: new Date('2026-01-06T17:00:00Z'), balance: '102000', equity: '101000' });
    expect(metrics).toMatchObject({
      status: 'active',
      phase: 1,
      phaseCount: 2,
      currency: 'USD',
      tradingDay: '2026-01-06',
      nextResetAt: '2026-01-06T22:00:00.000Z',
      calendar: { timeZone: 'America/New_York', resetTime: '17:00' },
      initialBalance: '100000.00',
      balance: '102000.00',
      equity: '101000.00',
      dayStartBalance: '100000.00',
      dayStartEquity: '100000.00',
      dailyLoss: { floor: '95000.00', allowance: '5000.00', remaining: '6000.00', remainingPercent: '6.00', usedPercent: '0.00', warningLevel: '96000.00' },
      maxLoss: { floor: '90000.00', allowance: '10000.00', remaining: '11000.00', remainingPercent: '11.00', usedPercent: '0.00', warningLevel: '92000.00' },
      profit: { amount: '2000.00', percent: '2.00', targetBalance: '108000.00', targetPercent: '8.00', progressPercent: '25.00' },
      tradingDays: { done: 1, needed: 5 },
      breach: null,
    });
  });

  it('reports how much of a limit is used', () => {
    const { challenge, account } = activeChallenge(new Date('2026-01-06T15:00:00Z'));
    const metrics = metricsOf(challenge, account, { now: new Date('2026-01-06T16:00:00Z'), balance: '100000', equity: '96250' });
    expect(metrics.dailyLoss).toMatchObject({ remaining: '1250.00', remainingPercent: '1.25', usedPercent: '75.00' });
    expect(metrics.maxLoss).toMatchObject({ remaining: '6250.00', usedPercent: '37.50' });
  });

  it('shows a loss too small for two decimals as 0.00, not -0.00', () => {
    const { challenge, account } = activeChallenge(new Date('2026-01-06T15:00:00Z'));
    const metrics = metricsOf(challenge, account, { now: new Date('2026-01-06T16:00:00Z'), balance: '99999', equity: '99999' });
    expect(metrics.profit).toMatchObject({ amount: '-1.00', percent: '0.00' });
  });

  it('gives the next reset in UTC across the DST change (23-hour day)', () => {
    const { challenge, account } = activeChallenge(new Date('2026-03-07T23:00:00Z'));
    const metrics = metricsOf(challenge, account, { now: new Date('2026-03-08T12:00:00Z'), balance: '100000', equity: '100000' });
    expect(metrics.tradingDay).toBe('2026-03-08');
    expect(metrics.nextResetAt).toBe('2026-03-08T21:00:00.000Z');
  });

  it('uses the calendar frozen in the challenge (London midnight)', () => {
    const london = snapshotOf({ calendar: { timeZone: 'Europe/London', resetTime: '00:00' } });
    const { challenge, account } = activeChallenge(new Date('2026-06-30T10:00:00Z'), london);
    const metrics = metricsOf(challenge, account, { now: new Date('2026-06-30T22:59:59Z'), balance: '100000', equity: '100000' });
    expect(metrics.tradingDay).toBe('2026-06-30');
    expect(metrics.nextResetAt).toBe('2026-06-30T23:00:00.000Z');
  });

  it('starts the new day from the last known figures when the reset has not been processed yet', () => {
    const { challenge, account } = activeChallenge(new Date('2026-01-06T15:00:00Z'));
    unwrap(account.evaluateEquity({ balance: d('103000'), equity: d('102500'), at: new Date('2026-01-06T20:00:00Z'), tick: null }));
    const metrics = metricsOf(challenge, account, { now: new Date('2026-01-07T15:00:00Z'), balance: '103000', equity: '103100' });
    expect(metrics.dayStartBalance).toBe('103000.00');
    expect(metrics.dayStartEquity).toBe('102500.00');
    expect(metrics.dailyLoss.floor).toBe('98000.00');
  });

  it('shows the full breach record of a failed account, with the floors as they stood', () => {
    const { challenge, account } = activeChallenge(new Date('2026-01-06T15:00:00Z'));
    const tick = { symbol: 'GBPUSD', bid: d('1.2701'), ask: d('1.2703'), time: new Date('2026-01-06T18:30:00Z') };
    unwrap(account.evaluateEquity({ balance: d('100000'), equity: d('94999.99'), at: tick.time, tick }));
    const handledAt = new Date('2026-01-06T18:30:01Z');
    unwrap(account.markBreached(null, handledAt));
    unwrap(challenge.failOnBreach(account.breach!, handledAt, account.login));
    const metrics = metricsOf(challenge, account, { now: new Date('2026-01-08T12:00:00Z'), balance: '95010', equity: '95010' });
    expect(metrics.status).toBe('failed');
    expect(metrics.breach).toEqual({
      rule: 'daily_loss',
      floor: '95000',
      equity: '94999.99',
      balance: '100000',
      tick: { symbol: 'GBPUSD', bid: '1.2701', ask: '1.2703', time: '2026-01-06T18:30:00.000Z' },
      at: '2026-01-06T18:30:00.000Z',
      tradingDay: '2026-01-06',
      inputHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(metrics.dailyLoss.floor).toBe('95000.00');
    expect(metrics.dayStartBalance).toBe('100000.00');
  });

  it('works before activation (pending payment) from the initial balance', () => {
    const challenge = Challenge.create({ id: 'c', traderId: 't', rules, at: new Date('2026-01-06T15:00:00Z') });
    const metrics = accountMetrics(challenge.toState(), null, new Date('2026-01-06T16:00:00Z'));
    expect(metrics.status).toBe('pending_payment');
    expect(metrics.dailyLoss.floor).toBe('95000.00');
    expect(metrics.profit.progressPercent).toBe('0.00');
  });
});
