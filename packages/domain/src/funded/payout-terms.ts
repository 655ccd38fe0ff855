import { Money } from '../money/money.js';
import type { Percent } from '../money/percent.js';

/**
 * What the funded account needs from the challenge's frozen rule snapshot;
 * the application maps the snapshot onto it.
 */
export interface PayoutTerms {
  /** Trader's share of the profit (model default 80%). */
  readonly split: Percent;
  /** Trading days from the funded start before the first request. */
  readonly firstPayoutDays: number;
  /** Trading days from the previous payout request before the next one. */
  readonly cycleDays: number;
  /** 1-based payout number that also refunds the challenge fee; null for never. */
  readonly feeRefundOnPayoutNumber: number | null;
}

/** Seeded fee-refund rule (section 5): with the first payout on 2-Step, the third on Lite and 1-Step. */
export const FEE_REFUND_PAYOUT_NUMBER_BY_MODEL: Readonly<Record<string, number>> = {
  stellar_2step: 1,
  stellar_lite: 3,
  stellar_1step: 3,
};

/** The 24-hour payout guarantee: paid later than `hours` after the request earns `compensation`. */
export interface PayoutGuarantee {
  readonly hours: number;
  readonly compensation: Money;
}

export const DEFAULT_PAYOUT_GUARANTEE: PayoutGuarantee = { hours: 24, compensation: Money.of(1000) };

export function payoutDeadline(requestedAt: Date, guarantee: PayoutGuarantee): Date {
  return new Date(requestedAt.getTime() + guarantee.hours * 3_600_000);
}

/** Exactly at the deadline is on time; one millisecond later is late. */
export function isPaidLate(requestedAt: Date, paidAt: Date, guarantee: PayoutGuarantee): boolean {
  return paidAt.getTime() > payoutDeadline(requestedAt, guarantee).getTime();
}
