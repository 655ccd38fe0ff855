import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import type { EquityObservation } from '../drawdown/equity-observation.js';
import { TradingAccountErrorCode } from '../trading-account/trading-account-errors.js';
import { applyBalanceOperation, closeTradingAccount, evaluateEquity, markBreached, overrideBreach, recordDeal, rollTradingDay } from './trading-account-command.js';
import { givenTradingAccount } from './trading-account-scenario.js';
import { aTradingAccount } from './trading-account-mother.js';

/** Figures on the 2-Step 100,000 account of the mother, opened on trading day 2026-01-05. */
const figures = (equity: string, iso: string, balance = '100000'): EquityObservation => ({
  balance: new Decimal(balance),
  equity: new Decimal(equity),
  at: new Date(iso),
  tick: null,
});

describe('given / when / then for trading-account decisions', () => {
  it('passes when the command records the expected events, named as partially as the test likes', () => {
    const outcome = givenTradingAccount()
      .when(evaluateEquity(figures('95000.00', '2026-01-05T16:00:00Z')))
      .then([
        { type: 'TradingAccountBreachDetected', occurredAt: '2026-01-05T16:00:00.000Z', payload: { breach: { rule: 'daily_loss', floor: '95000.00' } } },
      ]);
    expect(outcome.account.isTrading).toBe(false);
  });

  it('starts from figures that built the account, and from an account it leaves untouched', () => {
    const account = aTradingAccount();
    givenTradingAccount(account, figures('99000', '2026-01-05T16:00:00Z'), figures('95000', '2026-01-05T16:01:00Z'))
      .when(recordDeal({ dealId: 'd-1', positionId: 'p-1', action: 'open', at: new Date('2026-01-05T16:02:00Z'), balance: new Decimal('100000'), equity: new Decimal('99000') }))
      .thenError(TradingAccountErrorCode.ALREADY_BREACHED);
    expect(account.isTrading).toBe(true);
    givenTradingAccount(account.toState())
      .when(rollTradingDay(new Date('2026-01-05T22:00:00Z'), { balance: new Decimal('102000'), equity: new Decimal('102000'), observedAt: new Date('2026-01-05T22:00:00Z') }))
      .then([{ type: 'TradingDayRolled', payload: { tradingDay: '2026-01-06', dailyLossFloor: '97000.00', maxLossFloor: '90000' } }]);
  });

  it('covers the account\'s other decisions', () => {
    const breached = [figures('95000', '2026-01-05T16:00:00Z')] as const;
    const at = new Date('2026-01-05T16:05:00Z');
    givenTradingAccount({}, ...breached).when(markBreached(null, at)).then([{ type: 'TradingAccountBreached', payload: { cause: 'breach:daily_loss' } }]);
    givenTradingAccount({}, ...breached, markBreached(null, at))
      .when(overrideBreach({ adminId: 'admin-1', reason: 'price spike', at, balance: new Decimal('99000'), equity: new Decimal('99000') }))
      .then([{ type: 'TradingAccountBreachOverridden', payload: { adminId: 'admin-1', previousStatus: 'breached' } }]);
    givenTradingAccount()
      .when(applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of('-1000'), at, allocation: null }))
      .then([{ type: 'TradingAccountLimitsRebased', payload: { amount: '-1000', dailyLossFloor: '94000' } }]);
    givenTradingAccount().when(closeTradingAccount('phase_passed', at)).then([{ type: 'TradingAccountClosed' }]);
    givenTradingAccount({}, closeTradingAccount('phase_passed', at)).when(closeTradingAccount('again', at)).thenNothingHappened();
  });

  it('fails with a readable difference when an event or a field is not what was expected', () => {
    const when = givenTradingAccount().when(evaluateEquity(figures('95000.01', '2026-01-05T16:00:00Z')));
    expect(() => when.then([{ type: 'TradingAccountBreachDetected' }])).toThrowError(
      /when evaluateEquity[\s\S]*#1: expected TradingAccountBreachDetected, got EarlyWarningRaised[\s\S]*recorded:\n {2}#1 EarlyWarningRaised/,
    );
    expect(() => when.then([{ type: 'EarlyWarningRaised', payload: { floor: '95000.01' } }])).toThrowError(
      /#1 EarlyWarningRaised\.payload\.floor: expected "95000\.01", got "95000"/,
    );
    expect(() => when.thenNothingHappened()).toThrowError(/#1: unexpected EarlyWarningRaised/);
    expect(() => when.thenError(TradingAccountErrorCode.CLOSED)).toThrowError(/expected the error TRADING_ACCOUNT\.CLOSED, but the command succeeded/);
  });

  it('fails when a refusal is not the expected one, or comes where events were expected', () => {
    const at = new Date('2026-01-05T16:00:00Z');
    const when = givenTradingAccount({}, closeTradingAccount('ended', at)).when(evaluateEquity(figures('99000', '2026-01-05T16:01:00Z')));
    expect(when.thenError(TradingAccountErrorCode.CLOSED).code).toBe(TradingAccountErrorCode.CLOSED);
    expect(() => when.thenError(TradingAccountErrorCode.ALREADY_BREACHED)).toThrowError(/expected the error TRADING_ACCOUNT\.ALREADY_BREACHED, got TRADING_ACCOUNT\.CLOSED/);
    expect(() => when.then([])).toThrowError(/the command was refused: TRADING_ACCOUNT\.CLOSED/);
    expect(() => givenTradingAccount({ login: '  ' }).when(closeTradingAccount('x', at))).toThrowError(/platform login/);
    expect(() => givenTradingAccount({}, markBreached(null, at)).when(closeTradingAccount('x', at))).toThrowError(
      /given step #1 markBreached .* was refused: TRADING_ACCOUNT\.NOT_BREACHED/,
    );
  });
});
