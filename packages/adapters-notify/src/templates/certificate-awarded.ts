import type { CertificateTitle } from '@tradesense/application';
import type { LocalDate } from '@tradesense/domain';
import type { RenderedEmail } from './email-content.js';
import { formatLocalDate } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

export interface CertificateAwardedEmail {
  readonly traderName: string;
  readonly title: CertificateTitle;
  readonly certificateId: string;
  readonly awardedOn: LocalDate;
  readonly verificationUrl: string;
}

export function certificateAwardedEmail(input: CertificateAwardedEmail): RenderedEmail {
  return renderEmail({
    subject: `You earned the ${input.title} certificate`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      `Congratulations: you were awarded the ${input.title} certificate. The PDF is attached.`,
      'Anyone can check that it is genuine on its public verification page.',
    ],
    facts: [
      ['Certificate', input.title],
      ['Certificate id', input.certificateId],
      ['Awarded on', formatLocalDate(input.awardedOn)],
    ],
    action: { label: 'Verify the certificate', url: input.verificationUrl },
  });
}
