import type { LocalMonth } from '../calendar/local-date.js';

export type TierChangeCause = 'registered' | 'requirement_met' | 'month_start';
export type ReversalReason = 'refund' | 'chargeback';

export interface TierPeriodState {
  readonly tierId: string;
  readonly since: Date;
  readonly cause: TierChangeCause;
}

export interface ReferralState {
  readonly referredUserId: string;
  readonly signedUpAt: Date;
  /** The first paid order that earned the commission; null until then. */
  readonly convertedOrderId: string | null;
}

export interface CommissionState {
  readonly id: string;
  readonly orderId: string;
  readonly referredUserId: string;
  readonly orderAmount: string;
  readonly tierId: string;
  /** Rate in percentage points, as in force when the order was paid. */
  readonly rate: string;
  readonly amount: string;
  readonly month: LocalMonth;
  readonly earnedAt: Date;
  readonly reversal: { readonly reason: ReversalReason; readonly at: Date } | null;
}
