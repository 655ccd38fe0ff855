import type { RenderedEmail } from './email-content.js';
import { renderEmail } from './render-email.js';

export interface KycRequestedEmail {
  readonly traderName: string;
  readonly challengeId: string;
  readonly verificationUrl: string;
}

export function kycRequestedEmail(input: KycRequestedEmail): RenderedEmail {
  return renderEmail({
    subject: 'Verify your identity to get funded',
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      `You passed challenge ${input.challengeId}. Before we can create your funded account we need to verify your identity (KYC).`,
      'Have a valid identity document at hand; verification usually takes a few minutes.',
    ],
    facts: [['Challenge', input.challengeId]],
    action: { label: 'Start verification', url: input.verificationUrl },
    closing: ['After approval you will be asked to sign the funded-trader agreement.'],
  });
}
