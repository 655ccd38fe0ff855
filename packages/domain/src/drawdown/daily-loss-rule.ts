import { maxDecimal, roundToCents, type Decimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';
import type { DailyLossBasis, DailyLossReference } from '../catalog/rule-options.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { DrawdownState } from './drawdown-state.js';
import type { LossLimitLevel } from './loss-limit.js';
import { lossLimitLevel } from './loss-limit-level.js';

/**
 * Daily loss (rule book section 4): daily floor = day-start basis − daily loss
 * amount. The basis is the day-start balance, or the higher of day-start
 * balance and equity; the amount is the daily percentage of the initial
 * balance, or of that basis. Both are fixed for the whole trading day.
 */
export class DailyLossRule {
  readonly limit = 'daily_loss' as const;

  constructor(
    private readonly basis: DailyLossBasis,
    private readonly reference: DailyLossReference,
    private readonly percent: Percent,
    private readonly initialBalance: Decimal,
    private readonly warning: Percent,
  ) {}

  static of(snapshot: RuleSnapshot): DailyLossRule {
    const { rules } = snapshot;
    return new DailyLossRule(
      rules.dailyLossBasis,
      rules.dailyLossReference,
      snapshot.dailyLossPercent,
      snapshot.initialBalance.amount,
      rules.earlyWarningPercent,
    );
  }

  /** The figure the day is measured from. */
  dayStartBasis(state: Pick<DrawdownState, 'dayStartBalance' | 'dayStartEquity'>): Decimal {
    return this.basis === 'balance' ? state.dayStartBalance : maxDecimal(state.dayStartBalance, state.dayStartEquity);
  }

  /** The loss allowed today, booked to the cent. */
  allowance(state: Pick<DrawdownState, 'dayStartBalance' | 'dayStartEquity'>): Decimal {
    const of = this.reference === 'initial' ? this.initialBalance : this.dayStartBasis(state);
    return roundToCents(of.times(this.percent.fraction));
  }

  level(state: Pick<DrawdownState, 'dayStartBalance' | 'dayStartEquity'>): LossLimitLevel {
    const allowance = this.allowance(state);
    return lossLimitLevel(this.limit, this.dayStartBasis(state).minus(allowance), allowance, this.warning);
  }
}
