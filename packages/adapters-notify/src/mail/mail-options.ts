import type { EmailMessage } from '@tradesense/application';
import type { SendMailOptions } from 'nodemailer';
import { domainOfAddress, messageIdFor } from './message-id.js';

export interface SenderIdentity {
  /** The From header, e.g. "TradeSense <no-reply@tradesense.example>". */
  readonly from: string;
  /** Right-hand side of generated Message-IDs; defaults to the sender's domain. */
  readonly messageIdDomain?: string;
}

export function toMailOptions(message: EmailMessage, sender: SenderIdentity): SendMailOptions {
  const domain = sender.messageIdDomain ?? domainOfAddress(sender.from);
  return {
    from: sender.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: messageIdFor(message.messageKey, domain),
    attachments: (message.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength),
    })),
  };
}
