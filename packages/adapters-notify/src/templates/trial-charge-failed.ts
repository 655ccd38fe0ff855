import type { Decimal } from 'decimal.js';
import type { RenderedEmail } from './email-content.js';
import { formatInstant, formatMoney } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

export interface TrialChargeFailedEmail {
  readonly traderName: string;
  readonly planName: string;
  readonly amount: Decimal;
  readonly currency: string;
  /** 1 for the charge at trial end, 2 and 3 for the retries after 1 and 3 days. */
  readonly attempt: number;
  /** The next retry, or null when none is left and the trial has expired. */
  readonly nextRetryAt: Date | null;
  readonly updatePaymentUrl: string;
}

export function trialChargeFailedEmail(input: TrialChargeFailedEmail): RenderedEmail {
  const amount = formatMoney(input.amount, input.currency);
  const next =
    input.nextRetryAt === null
      ? 'No retry is left, so the trial has expired. You can still buy the plan at any time.'
      : `We will try again at ${formatInstant(input.nextRetryAt)}. Update your payment method before then to keep your challenge.`;
  const facts: [string, string][] = [
    ['Plan', input.planName],
    ['Amount', amount],
    ['Attempt', String(input.attempt)],
  ];
  if (input.nextRetryAt) facts.push(['Next attempt', formatInstant(input.nextRetryAt)]);
  return renderEmail({
    subject: input.nextRetryAt === null ? 'Your trial has expired' : `We could not charge ${amount} for your trial`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [`The charge of ${amount} for ${input.planName} at the end of your free trial failed.`, next],
    facts,
    action: { label: 'Update your payment method', url: input.updatePaymentUrl },
  });
}
