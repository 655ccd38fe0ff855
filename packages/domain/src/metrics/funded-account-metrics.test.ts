import { describe, expect, it } from 'vitest';
import { breachToData } from '../drawdown/breach-record.js';
import { Decimal } from '../money/decimal.js';
import { unwrap } from '../shared/result.js';
import { FUNDED_AT, openAccount } from '../funded/testing/funded-fixtures.js';
import { aTradingAccount } from '../testing/trading-account-mother.js';
import { fundedAccountMetrics } from './funded-account-metrics.js';
import { tradingAccountMetrics } from './trading-account-metrics.js';

const d = (value: string | number) => new Decimal(value);
const at = (iso: string) => new Date(iso);

/** fa-1's trading account: login mt-1001 under the 2-Step rules for 100k, opened with it. */
const tradingAccountOf = () => aTradingAccount({ login: 'mt-1001', owner: { kind: 'funded_account', id: 'fa-1' }, at: FUNDED_AT });

describe('funded account metrics', () => {
  it('shows the day start, both floors, buffers in money and percent and the next reset of a 100k funded account', () => {
    // Opened Monday 2026-01-05 10:00 New York.
    const account = openAccount();
    const metrics = fundedAccountMetrics(account.toState(), tradingAccountMetrics(tradingAccountOf().toState(), { now: at('2026-01-05T18:00:00Z'), balance: '101000', equity: '99500' }));
    expect(metrics).toEqual({
      fundedAccountId: 'fa-1',
      status: 'active',
      split: '80',
      currency: 'USD',
      tradingDay: '2026-01-05',
      nextResetAt: '2026-01-05T22:00:00.000Z',
      calendar: { timeZone: 'America/New_York', resetTime: '17:00' },
      initialBalance: '100000.00',
      balance: '101000.00',
      equity: '99500.00',
      dayStartBalance: '100000.00',
      dayStartEquity: '100000.00',
      dailyLoss: { floor: '95000.00', allowance: '5000.00', remaining: '4500.00', remainingPercent: '4.50', usedPercent: '10.00', warningLevel: '96000.00' },
      maxLoss: { floor: '90000.00', allowance: '10000.00', remaining: '9500.00', remainingPercent: '9.50', usedPercent: '5.00', warningLevel: '92000.00' },
      profit: { amount: '1000.00', percent: '1.00' },
      breach: null,
    });
  });

  it('starts the next day from the figures at the reset, as the engine would', () => {
    const account = tradingAccountOf();
    unwrap(account.evaluateEquity({ balance: d(102_000), equity: d(102_000), at: at('2026-01-05T21:00:00Z'), tick: null }));
    const metrics = fundedAccountMetrics(openAccount().toState(), tradingAccountMetrics(account.toState(), { now: at('2026-01-06T15:00:00Z'), balance: '102000', equity: '101000' }));
    expect(metrics).toMatchObject({ tradingDay: '2026-01-06', nextResetAt: '2026-01-06T22:00:00.000Z', dayStartBalance: '102000.00' });
    expect(metrics.dailyLoss).toMatchObject({ floor: '97000.00', remaining: '4000.00', remainingPercent: '4.00' });
    expect(metrics.maxLoss.floor).toBe('90000.00');
  });

  it('shows a breached account as it ended, with the full breach record', () => {
    const account = tradingAccountOf();
    const funded = openAccount();
    const tick = { symbol: 'US30', bid: d('38500'), ask: d('38502'), time: at('2026-01-05T16:00:00Z') };
    unwrap(account.evaluateEquity({ balance: d(100_000), equity: d('94999.99'), at: tick.time, tick }));
    unwrap(account.markBreached(null, at('2026-01-05T16:00:02Z')));
    unwrap(funded.endOnBreach(breachToData(account.breach!), at('2026-01-05T16:00:02Z')));
    const metrics = fundedAccountMetrics(funded.toState(), tradingAccountMetrics(account.toState(), { now: at('2026-01-07T15:00:00Z'), balance: '99980', equity: '99980' }));
    expect(metrics.status).toBe('breached');
    expect(metrics.breach).toEqual({
      ...breachToData(account.breach!),
      rule: 'daily_loss',
      floor: '95000',
      equity: '94999.99',
      balance: '100000',
      tick: { symbol: 'US30', bid: '38500', ask: '38502', time: '2026-01-05T16:00:00.000Z' },
      at: '2026-01-05T16:00:00.000Z',
      tradingDay: '2026-01-05',
    });
    // The floors as they stood on the breach day; the next reset is still the calendar's.
    expect(metrics).toMatchObject({ dayStartBalance: '100000.00', tradingDay: '2026-01-07', nextResetAt: '2026-01-07T22:00:00.000Z', balance: '99980.00' });
    expect(metrics.dailyLoss).toMatchObject({ floor: '95000.00', remaining: '4980.00' });
  });
});
