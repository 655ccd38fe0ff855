import type { RenderedEmail } from './email-content.js';
import { formatInstant } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

export type KycDecision =
  | { readonly outcome: 'approved' }
  /** `retryAllowed` false is a final rejection: no new attempt is possible. */
  | { readonly outcome: 'rejected'; readonly reason: string; readonly retryAllowed: boolean };

export interface KycDecidedEmail {
  readonly traderName: string;
  readonly decision: KycDecision;
  readonly decidedAt: Date;
  /** Agreement page when approved, verification page when a retry is allowed. */
  readonly nextStepUrl: string;
}

export function kycDecidedEmail(input: KycDecidedEmail): RenderedEmail {
  const { decision } = input;
  if (decision.outcome === 'approved') {
    return renderEmail({
      subject: 'Your identity verification was approved',
      greeting: `Hello ${input.traderName},`,
      paragraphs: ['Your identity verification was approved. Sign the funded-trader agreement to receive your funded account.'],
      facts: [['Decided at', formatInstant(input.decidedAt)]],
      action: { label: 'Sign the agreement', url: input.nextStepUrl },
    });
  }
  return renderEmail({
    subject: 'Your identity verification was not approved',
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      'We could not approve your identity verification.',
      decision.retryAllowed
        ? 'You may submit your documents again.'
        : 'This decision is final and no further attempt is possible.',
    ],
    facts: [
      ['Reason', decision.reason],
      ['Decided at', formatInstant(input.decidedAt)],
    ],
    ...(decision.retryAllowed ? { action: { label: 'Try again', url: input.nextStepUrl } } : {}),
  });
}
