import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';

export type PayoutStatus = 'requested' | 'approved' | 'paid' | 'rejected';

/** Plain-data shape of one payout inside a funded account (amounts as decimal strings). */
export interface PayoutState {
  readonly id: string;
  /** 1-based among the account's payouts that were not rejected. */
  readonly number: number;
  readonly status: PayoutStatus;
  /** The whole profit withdrawn from the trading account. */
  readonly profit: string;
  /** Split in percentage points at request time. */
  readonly split: string;
  readonly traderShare: string;
  readonly feeRefund: string;
  /** Guarantee compensation, set when paid late; "0" otherwise. */
  readonly compensation: string;
  readonly requestedAt: Date;
  readonly requestedBy: string;
  readonly deadline: Date;
  readonly approvedAt: Date | null;
  readonly approvedBy: string | null;
  readonly paidAt: Date | null;
  readonly paidBy: string | null;
  readonly paymentReference: string | null;
  readonly rejectedAt: Date | null;
  readonly rejectedBy: string | null;
  readonly rejectionReason: string | null;
}

/** Read model of a payout with Money values. */
export interface PayoutView {
  readonly id: string;
  readonly number: number;
  readonly status: PayoutStatus;
  readonly profit: Money;
  readonly split: Percent;
  readonly traderShare: Money;
  readonly feeRefund: Money;
  readonly compensation: Money;
  /** traderShare + feeRefund + compensation: what the trader receives. */
  readonly total: Money;
  readonly requestedAt: Date;
  readonly requestedBy: string;
  readonly deadline: Date;
  readonly approvedAt: Date | null;
  readonly approvedBy: string | null;
  readonly paidAt: Date | null;
  readonly paidBy: string | null;
  readonly paymentReference: string | null;
  readonly rejectedAt: Date | null;
  readonly rejectedBy: string | null;
  readonly rejectionReason: string | null;
}

export function viewPayout(state: PayoutState, currency: string): PayoutView {
  const traderShare = Money.of(state.traderShare, currency);
  const feeRefund = Money.of(state.feeRefund, currency);
  const compensation = Money.of(state.compensation, currency);
  return {
    ...state,
    profit: Money.of(state.profit, currency),
    split: Percent.of(state.split),
    traderShare,
    feeRefund,
    compensation,
    total: traderShare.plus(feeRefund).plus(compensation),
  };
}

/** Trader share = profit × split, booked to the cent half-up. */
export function traderShareOf(profit: Money, split: Percent): Money {
  return profit.percent(split).booked();
}
