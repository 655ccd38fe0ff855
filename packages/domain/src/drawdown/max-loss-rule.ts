import { minDecimal, roundToCents, type Decimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';
import type { MaxLossMode } from '../catalog/rule-options.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { DrawdownState } from './drawdown-state.js';
import type { LossLimitLevel } from './loss-limit.js';
import { lossLimitLevel } from './loss-limit-level.js';

/**
 * Max loss (rule book sections 2 and 4). The allowance is always the max-loss
 * percentage of the initial balance. `static`: floor = initial − allowance.
 * `trailing_equity`: floor = highest equity seen − allowance. And
 * `trailing_eod_balance`: floor = highest end-of-day balance − allowance. A
 * trailing floor never goes above the initial balance: once it gets there it
 * stays locked at initial.
 */
export class MaxLossRule {
  readonly limit = 'max_loss' as const;
  private readonly allowanceAmount: Decimal;

  constructor(
    private readonly mode: MaxLossMode,
    percent: Percent,
    private readonly initialBalance: Decimal,
    private readonly warning: Percent,
  ) {
    this.allowanceAmount = roundToCents(initialBalance.times(percent.fraction));
  }

  static of(snapshot: RuleSnapshot): MaxLossRule {
    return new MaxLossRule(
      snapshot.rules.maxLossMode,
      snapshot.maxLossPercent,
      snapshot.initialBalance.amount,
      snapshot.rules.earlyWarningPercent,
    );
  }

  /** The loss allowed over the whole challenge, booked to the cent. */
  get allowance(): Decimal {
    return this.allowanceAmount;
  }

  /** The high-water mark the floor trails (the initial balance for `static`). */
  highWaterMark(state: Pick<DrawdownState, 'highestEquity' | 'highestEodBalance'>): Decimal {
    switch (this.mode) {
      case 'static':
        return this.initialBalance;
      case 'trailing_equity':
        return state.highestEquity;
      case 'trailing_eod_balance':
        return state.highestEodBalance;
    }
  }

  level(state: Pick<DrawdownState, 'highestEquity' | 'highestEodBalance'>): LossLimitLevel {
    const trailing = this.highWaterMark(state).minus(this.allowanceAmount);
    const floor = minDecimal(trailing, this.initialBalance);
    return lossLimitLevel(this.limit, floor, this.allowanceAmount, this.warning);
  }
}
