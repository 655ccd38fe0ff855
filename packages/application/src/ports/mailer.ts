import { token, type Token } from './token.js';

export interface EmailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments?: readonly EmailAttachment[];
  /**
   * Idempotency key of the notification (e.g. the outbox message id). The
   * Message-ID is derived from it, so a re-delivery after a retry carries the
   * same Message-ID and mail clients and support staff can recognise it.
   */
  readonly messageKey: string;
}

export interface SentEmail {
  readonly messageId: string;
}

/** Sends one e-mail; rejects when the message was not accepted for delivery. */
export interface Mailer {
  send(message: EmailMessage): Promise<SentEmail>;
}

export const MAILER: Token<Mailer> = token<Mailer>('Mailer');
