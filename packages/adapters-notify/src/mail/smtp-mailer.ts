import type { EmailMessage, Mailer, SentEmail } from '@tradesense/application';
import { createTransport, type Transporter } from 'nodemailer';
import { toMailOptions, type SenderIdentity } from './mail-options.js';

export interface SmtpMailerConfig extends SenderIdentity {
  readonly host: string;
  readonly port: number;
  /** True for implicit TLS (port 465); false upgrades with STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Refuse to send over a connection that could not be upgraded to TLS. */
  readonly requireTls?: boolean;
}

/** Delivers through an SMTP relay; a rejection (connection, auth, refused recipient) rejects `send`. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly config: SmtpMailerConfig) {
    this.transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTls ?? false,
      ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.pass } } : {}),
    });
  }

  async send(message: EmailMessage): Promise<SentEmail> {
    const info = await this.transport.sendMail(toMailOptions(message, this.config));
    // With several recipients nodemailer resolves while refusing some; a notification has one, and must reach it.
    if (info.rejected && info.rejected.length > 0) {
      throw new Error(`SMTP server refused ${info.rejected.join(', ')} for ${info.messageId}`);
    }
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
