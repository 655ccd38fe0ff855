import { Decimal } from 'decimal.js';
import type { ChargeAttemptState, Trial, TrialState, TrialStatus } from '@tradesense/domain';

export interface TrialRow {
  id: string;
  trader_id: string;
  model_id: string;
  model_version: number;
  account_size: string;
  swap_free: boolean;
  currency: string;
  price: string;
  payment_method_id: string;
  started_at: Date;
  ends_at: Date;
  reminder_due_at: Date;
  reminder_sent_at: Date | null;
  retry_days_after_end: number[];
  status: TrialStatus;
  attempts: StoredAttempt[];
  cancelled_at: Date | null;
  cancelled_by: string | null;
  closed_at: Date | null;
  next_charge_at: Date | null;
  conversion_order_id: string | null;
  pending_charge_payment_id: string | null;
  version: number;
}

/** A charge attempt as JSON: the instant as an ISO string. */
interface StoredAttempt {
  number: number;
  at: string;
  outcome: ChargeAttemptState['outcome'];
  providerPaymentId: string | null;
  failureReason: string | null;
}

const amount = (value: string): string => new Decimal(value).toFixed();

export const trialMapper = {
  /** `next_charge_at` is derived from the schedule so due trials are found by index. */
  toRow: (trial: Trial) => {
    const s = trial.toState();
    return {
      trader_id: s.traderId,
      model_id: s.modelId,
      model_version: s.modelVersion,
      account_size: s.accountSize,
      swap_free: s.swapFree,
      currency: s.currency,
      price: s.price,
      payment_method_id: s.paymentMethodId,
      started_at: s.startedAt,
      ends_at: s.endsAt,
      reminder_due_at: s.reminderDueAt,
      reminder_sent_at: s.reminderSentAt,
      retry_days_after_end: JSON.stringify(s.retryDaysAfterEnd),
      status: s.status,
      attempts: JSON.stringify(s.attempts.map((a): StoredAttempt => ({ ...a, at: a.at.toISOString() }))),
      cancelled_at: s.cancelledAt,
      cancelled_by: s.cancelledBy,
      closed_at: s.closedAt,
      next_charge_at: trial.nextChargeAt(),
    };
  },
  toState: (r: TrialRow): TrialState => ({
    id: r.id,
    version: r.version,
    traderId: r.trader_id,
    modelId: r.model_id,
    modelVersion: r.model_version,
    accountSize: amount(r.account_size),
    swapFree: r.swap_free,
    currency: r.currency,
    price: amount(r.price),
    paymentMethodId: r.payment_method_id,
    startedAt: r.started_at,
    endsAt: r.ends_at,
    reminderDueAt: r.reminder_due_at,
    reminderSentAt: r.reminder_sent_at,
    retryDaysAfterEnd: r.retry_days_after_end,
    status: r.status,
    attempts: r.attempts.map((a) => ({ ...a, at: new Date(a.at) })),
    cancelledAt: r.cancelled_at,
    cancelledBy: r.cancelled_by,
    closedAt: r.closed_at,
  }),
};
