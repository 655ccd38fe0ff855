import type { Decimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';

/**
 * What the daily floor is measured from at the day start: the balance alone
 * (FundedNext) or the higher of balance and equity (FTMO, The5ers).
 */
export const DAILY_LOSS_BASES = ['balance', 'max_balance_equity'] as const;
export type DailyLossBasis = (typeof DAILY_LOSS_BASES)[number];

/**
 * What the daily loss percentage is taken of: the initial balance (FundedNext,
 * a fixed amount every day) or the day-start basis (the amount moves with it).
 */
export const DAILY_LOSS_REFERENCES = ['initial', 'day_start'] as const;
export type DailyLossReference = (typeof DAILY_LOSS_REFERENCES)[number];

/**
 * How the max-loss floor moves: never (`static`, initial × (1 − max loss)),
 * behind the highest equity seen (`trailing_equity`) or behind the highest
 * end-of-day balance (`trailing_eod_balance`); both trailing floors lock at
 * the initial balance.
 */
export const MAX_LOSS_MODES = ['static', 'trailing_equity', 'trailing_eod_balance'] as const;
export type MaxLossMode = (typeof MAX_LOSS_MODES)[number];

/** The per-model drawdown options of rule book section 2. */
export interface RuleOptions {
  readonly dailyLossBasis: DailyLossBasis;
  readonly dailyLossReference: DailyLossReference;
  readonly maxLossMode: MaxLossMode;
  /** Share of a loss limit used at which the early warning fires (80). */
  readonly earlyWarningPercent: Percent;
  /** Trading days without a trade after which a challenge expires (30). */
  readonly inactivityDays: number;
  /**
   * Amount in the account currency by which equity may go below a floor
   * before it counts as a breach (0: the comparison is exact).
   */
  readonly tolerance: Decimal;
}

export interface RuleOptionsData {
  readonly dailyLossBasis: DailyLossBasis;
  readonly dailyLossReference: DailyLossReference;
  readonly maxLossMode: MaxLossMode;
  readonly earlyWarningPercent: string;
  readonly inactivityDays: number;
  readonly tolerance: string;
}

/** The rule book's defaults. */
export const DEFAULT_RULE_OPTIONS: RuleOptionsData = Object.freeze({
  dailyLossBasis: 'balance',
  dailyLossReference: 'initial',
  maxLossMode: 'static',
  earlyWarningPercent: '80',
  inactivityDays: 30,
  tolerance: '0.00',
});
