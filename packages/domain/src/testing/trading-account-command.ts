import type { BreachRecord } from '../drawdown/breach-record.js';
import type { EquityObservation } from '../drawdown/equity-observation.js';
import type { Result } from '../shared/result.js';
import type { TradingAccountDeal } from '../trading-account/trading-account-deal.js';
import type {
  BalanceOperation,
  ClearRestrictionViolation,
  DayStartFiguresObserved,
  DealContext,
  OverrideTradingAccountBreach,
  TradingAccount,
} from '../trading-account/trading-account.js';

/** One decision asked of a trading account (rule book §4), as data, so a scenario can name it and run it. */
export type TradingAccountCommand =
  | { readonly type: 'recordDeal'; readonly deal: TradingAccountDeal; readonly context?: DealContext }
  | { readonly type: 'evaluateEquity'; readonly observation: EquityObservation }
  | { readonly type: 'rollTradingDay'; readonly at: Date; readonly figures: DayStartFiguresObserved }
  | { readonly type: 'applyBalanceOperation'; readonly operation: BalanceOperation }
  | { readonly type: 'markBreached'; readonly breach: BreachRecord | null; readonly at: Date }
  | { readonly type: 'overrideBreach'; readonly override: OverrideTradingAccountBreach }
  | { readonly type: 'close'; readonly cause: string; readonly at: Date }
  | { readonly type: 'checkWeekendCutOff'; readonly at: Date }
  | { readonly type: 'clearViolation'; readonly clearing: ClearRestrictionViolation };

export const recordDeal = (deal: TradingAccountDeal, context?: DealContext): TradingAccountCommand =>
  context ? { type: 'recordDeal', deal, context } : { type: 'recordDeal', deal };
export const checkWeekendCutOff = (at: Date): TradingAccountCommand => ({ type: 'checkWeekendCutOff', at });
export const clearViolation = (clearing: ClearRestrictionViolation): TradingAccountCommand => ({ type: 'clearViolation', clearing });
export const evaluateEquity = (observation: EquityObservation): TradingAccountCommand => ({ type: 'evaluateEquity', observation });
export const rollTradingDay = (at: Date, figures: DayStartFiguresObserved): TradingAccountCommand => ({ type: 'rollTradingDay', at, figures });
export const applyBalanceOperation = (operation: BalanceOperation): TradingAccountCommand => ({ type: 'applyBalanceOperation', operation });
export const markBreached = (breach: BreachRecord | null, at: Date): TradingAccountCommand => ({ type: 'markBreached', breach, at });
export const overrideBreach = (override: OverrideTradingAccountBreach): TradingAccountCommand => ({ type: 'overrideBreach', override });
export const closeTradingAccount = (cause: string, at: Date): TradingAccountCommand => ({ type: 'close', cause, at });

/** Runs a command on the account: the aggregate's own method, its own result. */
export function runTradingAccountCommand(account: TradingAccount, command: TradingAccountCommand): Result<unknown> {
  switch (command.type) {
    case 'recordDeal':
      return account.recordDeal(command.deal, command.context);
    case 'evaluateEquity':
      return account.evaluateEquity(command.observation);
    case 'rollTradingDay':
      return account.rollTradingDay(command.at, command.figures);
    case 'applyBalanceOperation':
      return account.applyBalanceOperation(command.operation);
    case 'markBreached':
      return account.markBreached(command.breach, command.at);
    case 'overrideBreach':
      return account.overrideBreach(command.override);
    case 'close':
      return account.close(command.cause, command.at);
    case 'checkWeekendCutOff':
      return account.checkWeekendCutOff(command.at);
    case 'clearViolation':
      return account.clearViolation(command.clearing);
  }
}
