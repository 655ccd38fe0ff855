import type { Money } from '../money/money.js';
import type { Percent } from '../money/percent.js';
import type { AffiliateTier } from './affiliate-tiers.js';

/** The affiliate's dashboard figures (section 11). */
export interface AffiliateDashboard {
  readonly code: string;
  readonly clicks: number;
  readonly signups: number;
  /** Referred users whose first paid order earned a commission not reversed. */
  readonly conversions: number;
  /** conversions ÷ clicks, in percent to 2 decimals (0 without clicks). */
  readonly conversionRate: Percent;
  /** Net commission earned, all time. */
  readonly earnings: Money;
  /** Net commission earned in the current calendar month. */
  readonly thisMonth: Money;
  readonly tier: AffiliateTier;
  readonly nextTier: AffiliateTier | null;
  /** thisMonth toward the next tier's requirement, 0–100%, 2 decimals; 100 at the top tier. */
  readonly progress: Percent;
  /** Commission still to earn this month to reach the next tier. */
  readonly remainingToNextTier: Money | null;
}
