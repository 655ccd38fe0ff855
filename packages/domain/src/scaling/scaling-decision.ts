import type { LocalMonth } from '../calendar/local-date.js';
import type { Money } from '../money/money.js';
import type { Percent } from '../money/percent.js';

export type ScalingIneligibility =
  | 'WINDOW_INCOMPLETE'
  | 'MONTH_NOT_PROFITABLE'
  | 'TOTAL_PROFIT_TOO_LOW'
  | 'NOT_ENOUGH_PAID_PAYOUTS'
  | 'LAST_MONTH_NOT_PROFITABLE'
  | 'ALLOCATION_AT_CAP';

/** Plain data (amounts as decimal strings, instants as ISO-8601 UTC) so it can travel in an event and be stored as-is. */
export interface ScalingEvidence {
  readonly reviewedAt: string;
  /** Months start at the firm calendar's reset that opens the 1st. */
  readonly window: ReadonlyArray<{ readonly month: LocalMonth; readonly profit: string; readonly profitable: boolean }>;
  readonly windowStart: string;
  readonly windowEnd: string;
  /** Months that start before this instant (funding or the last scale) do not count. */
  readonly countingFrom: string;
  readonly allocation: string;
  readonly totalProfit: string;
  /** Total profit as a percent of the allocation, 4 decimals (display; the check is exact). */
  readonly totalProfitPercent: string;
  readonly requiredProfitPercent: string;
  readonly paidPayouts: number;
  readonly requiredPaidPayouts: number;
  readonly lastMonthProfitable: boolean;
}

export type ScalingDecision =
  | {
      readonly eligible: true;
      readonly before: Money;
      readonly after: Money;
      /** True when the cap cut the growth short. */
      readonly capped: boolean;
      readonly splitAfter: Percent;
      readonly evidence: ScalingEvidence;
    }
  | {
      readonly eligible: false;
      readonly before: Money;
      readonly reasons: readonly ScalingIneligibility[];
      readonly evidence: ScalingEvidence;
    };
