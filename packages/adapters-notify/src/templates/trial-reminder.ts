import type { Decimal } from 'decimal.js';
import type { RenderedEmail } from './email-content.js';
import { formatInstant, formatMoney } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

/** Sent 24 hours before the trial's off-session charge. */
export interface TrialReminderEmail {
  readonly traderName: string;
  readonly planName: string;
  readonly chargeAmount: Decimal;
  readonly currency: string;
  readonly chargeAt: Date;
  readonly cancelUrl: string;
}

export function trialReminderEmail(input: TrialReminderEmail): RenderedEmail {
  const amount = formatMoney(input.chargeAmount, input.currency);
  return renderEmail({
    subject: `Your free trial ends in 24 hours: ${amount} will be charged`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      `Your free trial of ${input.planName} ends soon. Unless you cancel, your saved payment method will be charged ` +
        `${amount} at ${formatInstant(input.chargeAt)} and your paid challenge starts.`,
    ],
    facts: [
      ['Plan', input.planName],
      ['Amount', amount],
      ['Charge at', formatInstant(input.chargeAt)],
    ],
    action: { label: 'Cancel the trial', url: input.cancelUrl },
  });
}
