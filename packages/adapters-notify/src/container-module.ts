import { DOCUMENT_RENDERER, MAILER, OUTBOX_HANDLER, type Mailer } from '@tradesense/application';
import { EmailOutboxHandler } from './outbox/email-outbox-handler.js';
import { ContainerModule } from 'inversify';
import { PdfmakeDocumentRenderer } from './documents/pdfmake-document-renderer.js';
import { FileMailer, type FileMailerConfig } from './mail/file-mailer.js';
import { SmtpMailer, type SmtpMailerConfig } from './mail/smtp-mailer.js';

/** SMTP in server mode; `.eml` files under the data directory in embedded mode. */
export type NotifyConfig =
  | { readonly mailer: 'smtp'; readonly smtp: SmtpMailerConfig }
  | { readonly mailer: 'file'; readonly file: FileMailerConfig };

export function createMailer(config: NotifyConfig): Mailer {
  return config.mailer === 'smtp' ? new SmtpMailer(config.smtp) : new FileMailer(config.file);
}

/** Binds MAILER, DOCUMENT_RENDERER and the e-mail OUTBOX_HANDLER. */
export function notifyModule(config: NotifyConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const mailer = createMailer(config);
    bind(MAILER).toConstantValue(mailer);
    bind(OUTBOX_HANDLER).toConstantValue(new EmailOutboxHandler(mailer));
    bind(DOCUMENT_RENDERER).toConstantValue(new PdfmakeDocumentRenderer());
  });
}
