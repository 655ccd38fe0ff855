import { describe, expect, it } from 'vitest';
import { breachToData } from '../drawdown/breach-record.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { ScalingPolicy } from '../scaling/scaling-policy.js';
import { unwrap } from '../shared/result.js';
import { FundedAccount } from './funded-account.js';
import { calendar, openAccount, trade } from './testing/funded-fixtures.js';

const d = (value: string | number) => new Decimal(value);
const at = (iso: string) => new Date(iso);
const observe = (account: FundedAccount, balance: string, equity: string, when: Date, tick = false) =>
  account.evaluateEquity({
    balance: d(balance),
    equity: d(equity),
    at: when,
    tick: tick ? { symbol: 'EURUSD', bid: d('1.05000'), ask: d('1.05010'), time: when } : null,
  });
const types = (account: FundedAccount) => account.pullEvents().map((event) => event.type);

describe('FundedAccount breach engine (worked example, 100k on the 2-Step rules)', () => {
  it('warns once a day, takes the day start at the reset and breaches at the floor, once', () => {
    // Opened Monday 2026-01-05 10:00 New York: day start = initial balance, floors 95,000 and 90,000.
    const account = openAccount();
    expect(account.floors.dailyLoss.floor.toFixed(2)).toBe('95000.00');
    expect(account.floors.maxLoss.floor.toFixed(2)).toBe('90000.00');

    // 80% of the 5,000 daily allowance used at 96,000: one warning, not repeated the same day.
    expect(unwrap(observe(account, '100000', '96000', at('2026-01-05T16:00:00Z'))).warnings.map((w) => w.limit)).toEqual(['daily_loss']);
    expect(unwrap(observe(account, '100000', '95500', at('2026-01-05T17:00:00Z'))).warnings).toEqual([]);
    expect(account.pendingEvents.map((event) => event.payload)).toEqual([
      { limit: 'daily_loss', usedPercent: '80.00', floor: '95000', equity: '96000', tradingDay: '2026-01-05' },
    ]);
    account.pullEvents();

    // The reset at 17:00 New York with balance 102,000: daily floor 97,000, max-loss floor stays 90,000.
    const rolled = unwrap(
      account.rollTradingDay(at('2026-01-05T22:00:00Z'), { balance: d(102_000), equity: d(102_000), observedAt: at('2026-01-05T21:59:59Z') }),
    );
    expect(rolled).toMatchObject({ rolled: true, day: '2026-01-06' });
    expect(account.pullEvents().map((event) => [event.type, event.payload])).toEqual([
      [
        'FundedAccountTradingDayStarted',
        {
          account: 'mt-1001',
          day: '2026-01-06',
          dayStartBalance: '102000',
          dayStartEquity: '102000',
          dailyLossFloor: '97000',
          maxLossFloor: '90000',
          nextResetAt: '2026-01-06T22:00:00.000Z',
        },
      ],
    ]);
    // A repeated rollover changes nothing.
    expect(unwrap(account.rollTradingDay(at('2026-01-05T22:00:15Z'), { balance: d(1), equity: d(1), observedAt: null })).rolled).toBe(false);

    expect(unwrap(observe(account, '102000', '97000.01', at('2026-01-06T15:00:00Z'))).breach).toBeUndefined();
    const dip = at('2026-01-06T15:00:01Z');
    const verdict = unwrap(observe(account, '102000', '97000.00', dip, true));
    expect(breachToData(verdict.breach!)).toMatchObject({
      rule: 'daily_loss',
      floor: '97000',
      equity: '97000',
      balance: '102000',
      tick: { symbol: 'EURUSD', bid: '1.05', ask: '1.0501', time: dip.toISOString() },
      at: dip.toISOString(),
      tradingDay: '2026-01-06',
    });
    // 97,000.01 used 99.99% of the allowance: the day's first warning, then the breach.
    expect(types(account)).toEqual(['FundedAccountEarlyWarningRaised', 'FundedAccountBreachDetected']);
    expect(account.isTrading).toBe(false);
    expect(account.status).toBe('active');
    const again = observe(account, '102000', '90000', at('2026-01-06T15:00:02Z'));
    expect(!again.ok && again.error.code).toBe('FUNDED.ALREADY_BREACHED');

    // Handled: the detected record stands, whatever the handler passes; a second call records nothing.
    unwrap(account.markBreached(null, at('2026-01-06T15:00:05Z')));
    unwrap(account.markBreached(null, at('2026-01-06T15:00:09Z')));
    const events = account.pullEvents();
    expect(events.map((event) => event.type)).toEqual(['FundedAccountBreached']);
    expect(events[0]!.payload).toEqual({ cause: 'breach:daily_loss', breach: breachToData(verdict.breach!) });
    const state = account.toState();
    expect(state.status).toBe('breached');
    expect(state.breach).toEqual({ cause: 'breach:daily_loss', at: at('2026-01-06T15:00:05Z') });
    expect(state.drawdown.breach).toEqual(breachToData(verdict.breach!));
    expect(FundedAccount.restore(state).toState()).toEqual(state);
  });

  it('a payout withdrawal moves the floors with the money, so it never reads as a loss', () => {
    const account = openAccount();
    trade(account, '8000', at('2026-01-05T16:00:00Z'));
    unwrap(account.rollTradingDay(at('2026-01-25T22:00:00Z'), { balance: d(108_000), equity: d(108_000), observedAt: at('2026-01-25T21:59:00Z') }));
    expect(account.floors.dailyLoss.floor.toFixed(2)).toBe('103000.00');
    account.pullEvents();

    const requestedAt = at('2026-01-26T15:00:00Z');
    unwrap(account.requestPayout({ payoutId: 'p1', actor: 'trader-1', at: requestedAt }, calendar));
    expect(account.floors.dailyLoss.floor.toFixed(2)).toBe('95000.00');
    expect(account.floors.maxLoss.floor.toFixed(2)).toBe('90000.00');
    expect(account.pullEvents().at(-1)).toMatchObject({
      type: 'FundedAccountLimitsRebased',
      payload: { cause: 'payout_withdrawal', amount: '-8000.00', initialBalance: '100000.00', dailyLossFloor: '95000', maxLossFloor: '90000' },
    });
    // The platform's balance after the withdrawal is fine; figures from before it are refused.
    expect(unwrap(observe(account, '100000', '100000', at('2026-01-26T15:00:01Z'))).verdict).toBe('ok');
    const stale = observe(account, '108000', '108000', at('2026-01-26T14:59:59Z'));
    expect(!stale.ok && stale.error.code).toBe('FUNDED.STALE_OBSERVATION');
    // Closing figures observed before the withdrawal give way to the account's own (already moved) ones.
    unwrap(account.rollTradingDay(at('2026-01-26T22:00:00Z'), { balance: d(108_000), equity: d(108_000), observedAt: at('2026-01-26T14:00:00Z') }));
    expect(account.drawdown.dayStartBalance.toFixed(2)).toBe('100000.00');
  });

  it('a scaling deposit measures the rules against the new allocation', () => {
    const account = openAccount({ at: at('2025-12-20T15:00:00Z') });
    for (const month of ['01', '02', '03', '04']) trade(account, '3000', at(`2026-${month}-10T15:00:00Z`));
    for (const [id, when, pnl] of [['p1', '2026-03-05T15:00:00Z', null], ['p2', '2026-03-20T16:00:00Z', '100']] as const) {
      if (pnl) trade(account, pnl, at(when));
      unwrap(account.requestPayout({ payoutId: id, actor: 't', at: at(when) }, calendar));
      unwrap(account.approvePayout({ payoutId: id, actor: 'a', at: at(when) }));
      unwrap(account.markPayoutPaid({ payoutId: id, actor: 'a', at: at(when), paymentReference: id }));
    }
    const decision = unwrap(account.reviewScaling({ at: at('2026-05-04T15:00:00Z') }, new ScalingPolicy(calendar)));
    expect(decision.eligible).toBe(true);
    expect(account.rules.initialBalance.equals(Money.of(140_000))).toBe(true);
    // 10% of 140,000 below the allocation; the day's basis moved by the 40,000 deposit, the allowance is 5% of 140,000.
    expect(account.floors.maxLoss.floor.toFixed(2)).toBe('126000.00');
    expect(account.floors.dailyLoss.allowance.toFixed(2)).toBe('7000.00');
    expect(account.drawdown.initialBalance.toFixed(2)).toBe('140000.00');
  });
});
