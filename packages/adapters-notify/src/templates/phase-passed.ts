import type { Decimal } from 'decimal.js';
import type { RenderedEmail } from './email-content.js';
import { formatInstant, formatMoney } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

export interface PhasePassedEmail {
  readonly traderName: string;
  readonly challengeId: string;
  readonly accountLogin: string;
  /** The phase just passed, 1-based. */
  readonly phase: number;
  /** True when no phase follows: the next step is identity verification (deferred KYC). */
  readonly finalPhase: boolean;
  readonly profit: Decimal;
  readonly currency: string;
  readonly passedAt: Date;
  readonly dashboardUrl: string;
}

export function phasePassedEmail(input: PhasePassedEmail): RenderedEmail {
  const next = input.finalPhase
    ? 'You passed the last phase. To be funded, complete identity verification (KYC) and sign the funded-trader agreement.'
    : `Your Phase ${input.phase + 1} account is being provisioned; its credentials follow in a separate e-mail.`;
  return renderEmail({
    subject: `Congratulations, you passed Phase ${input.phase}`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [`You reached the profit target of Phase ${input.phase} of challenge ${input.challengeId}.`, next],
    facts: [
      ['Challenge', input.challengeId],
      ['Account', input.accountLogin],
      ['Phase passed', String(input.phase)],
      ['Profit', formatMoney(input.profit, input.currency)],
      ['Passed at', formatInstant(input.passedAt)],
    ],
    action: { label: 'See your progress', url: input.dashboardUrl },
  });
}
