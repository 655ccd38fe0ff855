import type { Decimal } from '../money/decimal.js';

/** The two loss limits of rule book section 4. */
export const LOSS_LIMITS = ['daily_loss', 'max_loss'] as const;
export type LossLimitName = (typeof LOSS_LIMITS)[number];

/**
 * Where one loss limit stands for the current evaluation state. Equity at or
 * below `floor − tolerance` is a breach; at or below `warningLevel` the early
 * warning fires.
 */
export interface LossLimitLevel {
  readonly limit: LossLimitName;
  readonly floor: Decimal;
  /** The loss the limit allows, in money (booked to the cent). */
  readonly allowance: Decimal;
  /** floor + allowance × (1 − warning %): the equity at which the used part reaches the warning level. */
  readonly warningLevel: Decimal;
}

export interface DrawdownFloors {
  readonly dailyLoss: LossLimitLevel;
  readonly maxLoss: LossLimitLevel;
}
