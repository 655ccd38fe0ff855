import type { Decimal } from 'decimal.js';
import type { RenderedEmail } from './email-content.js';
import { formatInstant, formatMoney } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

export type PayoutStatus = 'requested' | 'approved' | 'paid' | 'rejected';

export interface PayoutStatusChangedEmail {
  readonly traderName: string;
  readonly payoutId: string;
  readonly status: PayoutStatus;
  /** The trader's share (profit × split, plus any fee refund). */
  readonly amount: Decimal;
  readonly currency: string;
  readonly changedAt: Date;
  /** Requested + 24 h: a payout paid later earns the guarantee compensation. */
  readonly deadline: Date;
  /** Present when a payout was paid after its deadline. */
  readonly lateCompensation?: Decimal;
  /** Present when rejected. */
  readonly reason?: string;
  readonly payoutsUrl: string;
}

const SENTENCES: Readonly<Record<PayoutStatus, string>> = {
  requested: 'We received your payout request. It is guaranteed to be processed within 24 hours.',
  approved: 'Your payout was approved and is being paid.',
  paid: 'Your payout was paid.',
  rejected: 'Your payout request was rejected.',
};

export function payoutStatusChangedEmail(input: PayoutStatusChangedEmail): RenderedEmail {
  const money = (amount: Decimal): string => formatMoney(amount, input.currency);
  const facts: [string, string][] = [
    ['Payout', input.payoutId],
    ['Status', input.status],
    ['Amount', money(input.amount)],
    ['Updated at', formatInstant(input.changedAt)],
    ['Guaranteed by', formatInstant(input.deadline)],
  ];
  if (input.lateCompensation) facts.push(['Late payment compensation', money(input.lateCompensation)]);
  if (input.reason) facts.push(['Reason', input.reason]);
  return renderEmail({
    subject: `Payout ${input.payoutId}: ${input.status}`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [SENTENCES[input.status]],
    facts,
    action: { label: 'See your payouts', url: input.payoutsUrl },
  });
}
