import { addMonths, type LocalMonth } from '../calendar/local-date.js';
import type { TradingCalendar } from '../calendar/trading-calendar.js';
import { Decimal, HUNDRED } from '../money/decimal.js';
import { Money } from '../money/money.js';
import type { ScalingDecision, ScalingEvidence, ScalingIneligibility } from './scaling-decision.js';
import { DEFAULT_SCALING_SETTINGS, type ScalingSettings } from './scaling-settings.js';

export interface MonthlyProfit {
  readonly month: LocalMonth;
  /** Closed P/L of the month (firm calendar); a month with no entry made nothing. */
  readonly profit: Money;
}

export interface ScalingReviewInput {
  readonly at: Date;
  /** The current balance allocation (the funded account's initial balance). */
  readonly allocation: Money;
  readonly monthlyProfits: readonly MonthlyProfit[];
  readonly payoutsPaidAt: readonly Date[];
  /** Funding start, or the last scale: the window restarts there. */
  readonly countingFrom: Date;
}

/**
 * GrowthNext (rule book section 6) over real calendar months of the firm
 * calendar. The window is the `months` complete months before the month of
 * the review instant; each must start at or after `countingFrom`, so a month
 * cut by funding or by the previous scale never counts and a scale cannot
 * repeat inside one window. Eligible when every month is profitable, the total
 * is at least the minimum percent of the allocation, enough payouts were paid
 * from the window start up to the review, and the last month is profitable.
 * Then the allocation grows by `growth`, capped at `cap`, booked to the cent.
 */
export class ScalingPolicy {
  constructor(
    private readonly calendar: TradingCalendar,
    readonly settings: ScalingSettings = DEFAULT_SCALING_SETTINGS,
  ) {}

  /** The months a review at `at` looks at, oldest first. */
  windowFor(at: Date): LocalMonth[] {
    const current = this.calendar.monthOf(at);
    const months: LocalMonth[] = [];
    for (let back = this.settings.months; back >= 1; back--) months.push(addMonths(current, -back));
    return months;
  }

  review(input: ScalingReviewInput): ScalingDecision {
    const { settings, calendar } = this;
    const currency = input.allocation.currency;
    const window = this.windowFor(input.at);
    const first = window[0];
    const last = window[window.length - 1];
    if (first === undefined || last === undefined) throw new RangeError('Scaling window needs at least one month');
    const windowStart = calendar.startOfMonth(first);
    const windowEnd = calendar.endOfMonth(last);

    const profitOf = new Map<string, Money>();
    for (const entry of input.monthlyProfits) {
      profitOf.set(entry.month, (profitOf.get(entry.month) ?? Money.zero(currency)).plus(entry.profit));
    }
    const months = window.map((month) => {
      const profit = profitOf.get(month) ?? Money.zero(currency);
      return { month, profit, profitable: profit.isPositive() };
    });
    const total = months.reduce((sum, m) => sum.plus(m.profit), Money.zero(currency));
    const required = input.allocation.percent(settings.minTotalProfit);
    const payoutsFrom = windowStart > input.countingFrom ? windowStart : input.countingFrom;
    const paidPayouts = input.payoutsPaidAt.filter((paidAt) => paidAt >= payoutsFrom && paidAt <= input.at).length;
    const lastMonthProfitable = months[months.length - 1]?.profitable ?? false;

    const reasons: ScalingIneligibility[] = [];
    if (windowStart < input.countingFrom) reasons.push('WINDOW_INCOMPLETE');
    if (months.some((m) => !m.profitable)) reasons.push('MONTH_NOT_PROFITABLE');
    if (total.lessThan(required)) reasons.push('TOTAL_PROFIT_TOO_LOW');
    if (paidPayouts < settings.minPaidPayouts) reasons.push('NOT_ENOUGH_PAID_PAYOUTS');
    if (!lastMonthProfitable) reasons.push('LAST_MONTH_NOT_PROFITABLE');
    if (input.allocation.greaterThanOrEqual(settings.cap)) reasons.push('ALLOCATION_AT_CAP');

    const evidence: ScalingEvidence = {
      reviewedAt: input.at.toISOString(),
      window: months.map((m) => ({ month: m.month, profit: m.profit.amount.toFixed(), profitable: m.profitable })),
      windowStart: windowStart.toISOString(),
      windowEnd: windowEnd.toISOString(),
      countingFrom: input.countingFrom.toISOString(),
      allocation: input.allocation.amount.toFixed(),
      totalProfit: total.amount.toFixed(),
      totalProfitPercent: input.allocation.isPositive()
        ? total.amount.dividedBy(input.allocation.amount).times(HUNDRED).toFixed(4, Decimal.ROUND_HALF_UP)
        : '0.0000',
      requiredProfitPercent: settings.minTotalProfit.points.toFixed(),
      paidPayouts,
      requiredPaidPayouts: settings.minPaidPayouts,
      lastMonthProfitable,
    };

    if (reasons.length > 0) return { eligible: false, before: input.allocation, reasons, evidence };
    const grown = input.allocation.plus(input.allocation.percent(settings.growth)).booked();
    const capped = grown.greaterThan(settings.cap);
    return {
      eligible: true,
      before: input.allocation,
      after: capped ? Money.of(settings.cap.amount, currency) : grown,
      capped,
      splitAfter: settings.scaledSplit,
      evidence,
    };
  }
}
