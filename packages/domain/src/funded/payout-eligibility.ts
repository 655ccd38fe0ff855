import { addDays } from '../calendar/local-date.js';
import type { TradingCalendar } from '../calendar/trading-calendar.js';
import type { Money } from '../money/money.js';
import type { PayoutTerms } from './payout-terms.js';

export type PayoutIneligibility =
  | 'ACCOUNT_NOT_ACTIVE'
  | 'PAYOUT_PENDING'
  | 'FIRST_PAYOUT_DAYS_NOT_REACHED'
  | 'CYCLE_DAYS_NOT_REACHED'
  | 'OPEN_POSITIONS'
  | 'NO_PROFIT';

export interface PayoutEligibilityInput {
  readonly at: Date;
  readonly fundedAt: Date;
  /** Request instant of the last payout that was not rejected; null before the first. */
  readonly previousPayoutRequestedAt: Date | null;
  readonly terms: PayoutTerms;
  readonly openPositions: number;
  readonly balance: Money;
  readonly initialBalance: Money;
  readonly accountActive: boolean;
  readonly payoutPending: boolean;
}

export interface PayoutEligibility {
  readonly eligible: boolean;
  readonly reasons: readonly PayoutIneligibility[];
  /** balance − initial (may be zero or negative). */
  readonly profit: Money;
  /** Start of the trading day from which the day rule is met. */
  readonly eligibleFrom: Date;
  readonly tradingDaysElapsed: number;
  readonly requiredTradingDays: number;
}

/**
 * Payout eligibility (section 5): the first request after `firstPayoutDays`
 * trading days from the funded start, later ones `cycleDays` after the
 * previous request; no open positions; profit = balance − initial > 0. Days
 * are firm-calendar trading days, so the day rule opens at a reset instant.
 */
export function evaluatePayoutEligibility(input: PayoutEligibilityInput, calendar: TradingCalendar): PayoutEligibility {
  const first = input.previousPayoutRequestedAt === null;
  const reference = input.previousPayoutRequestedAt ?? input.fundedAt;
  const requiredTradingDays = first ? input.terms.firstPayoutDays : input.terms.cycleDays;
  const eligibleFrom = calendar.startOf(addDays(calendar.tradingDayOf(reference), requiredTradingDays));
  const profit = input.balance.minus(input.initialBalance);

  const reasons: PayoutIneligibility[] = [];
  if (!input.accountActive) reasons.push('ACCOUNT_NOT_ACTIVE');
  if (input.payoutPending) reasons.push('PAYOUT_PENDING');
  if (input.at < eligibleFrom) reasons.push(first ? 'FIRST_PAYOUT_DAYS_NOT_REACHED' : 'CYCLE_DAYS_NOT_REACHED');
  if (input.openPositions > 0) reasons.push('OPEN_POSITIONS');
  if (!profit.isPositive()) reasons.push('NO_PROFIT');

  return {
    eligible: reasons.length === 0,
    reasons,
    profit,
    eligibleFrom,
    tradingDaysElapsed: calendar.tradingDaysBetween(reference, input.at),
    requiredTradingDays,
  };
}
