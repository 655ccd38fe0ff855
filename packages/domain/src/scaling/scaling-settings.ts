import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';

/** GrowthNext parameters (rule book section 6); seeded defaults below. */
export interface ScalingSettings {
  /** Complete calendar months reviewed. */
  readonly months: number;
  /** Minimum total profit over the window, as a percent of the current allocation. */
  readonly minTotalProfit: Percent;
  /** Minimum payouts paid inside the window (up to the review instant). */
  readonly minPaidPayouts: number;
  /** Allocation growth on a scale. */
  readonly growth: Percent;
  /** The allocation never grows past this. */
  readonly cap: Money;
  /** Profit split after a scale. */
  readonly scaledSplit: Percent;
}

export const DEFAULT_SCALING_SETTINGS: ScalingSettings = {
  months: 4,
  minTotalProfit: Percent.of(10),
  minPaidPayouts: 2,
  growth: Percent.of(40),
  cap: Money.of('4000000'),
  scaledSplit: Percent.of(90),
};
