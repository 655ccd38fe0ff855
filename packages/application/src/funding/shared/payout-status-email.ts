import type { PayoutView } from '@tradesense/domain';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { FundingLinks } from './funding-links.js';
import type { TraderProfile } from './trader-profile.js';

/** The `email.payout_status` message after a payout changed status. */
export function payoutStatusEmail(
  payout: PayoutView,
  fundedAccountId: string,
  trader: TraderProfile,
  links: FundingLinks,
  at: Date,
): OutboxMessage {
  return {
    topic: 'email.payout_status',
    aggregateType: 'funded_account',
    aggregateId: fundedAccountId,
    payload: {
      to: trader.email,
      traderName: trader.name,
      payoutId: payout.id,
      status: payout.status,
      // What the trader is owed for the profit: share plus any fee refund; compensation is listed apart.
      amount: payout.traderShare.plus(payout.feeRefund).toFixed(),
      currency: payout.traderShare.currency,
      changedAt: at.toISOString(),
      deadline: payout.deadline.toISOString(),
      ...(payout.compensation.isPositive() ? { lateCompensation: payout.compensation.toFixed() } : {}),
      ...(payout.rejectionReason ? { reason: payout.rejectionReason } : {}),
      payoutsUrl: links.payouts,
    },
    occurredAt: at,
  };
}
