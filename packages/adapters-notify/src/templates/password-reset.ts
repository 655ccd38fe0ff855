import type { RenderedEmail } from './email-content.js';
import { formatInstant } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

export interface PasswordResetEmail {
  /** Absent when the request names only an e-mail address. */
  readonly name?: string;
  /** Carries the single-use reset token. */
  readonly resetUrl: string;
  readonly expiresAt: Date;
}

export function passwordResetEmail(input: PasswordResetEmail): RenderedEmail {
  return renderEmail({
    subject: 'Reset your password',
    greeting: input.name ? `Hello ${input.name},` : 'Hello,',
    paragraphs: [
      'Someone asked to reset the password of your account. If it was you, follow the link below to choose a new one.',
    ],
    facts: [['Link valid until', formatInstant(input.expiresAt)]],
    action: { label: 'Choose a new password', url: input.resetUrl },
    closing: ['If you did not ask for this, ignore this e-mail: your password stays unchanged.'],
  });
}
