import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailMessage, Mailer, SentEmail } from '@tradesense/application';
import { createTransport } from 'nodemailer';
import { toMailOptions, type SenderIdentity } from './mail-options.js';

export interface FileMailerConfig extends SenderIdentity {
  /** Where the `.eml` files go (created when missing). */
  readonly directory: string;
  /** Receives one line per message written. */
  readonly log?: (line: string) => void;
}

/**
 * The embedded-mode mailer: each message becomes an RFC 822 `.eml` file that
 * any mail client opens. The file is named after the Message-ID, so a
 * re-delivery of the same notification replaces its file instead of adding one.
 */
export class FileMailer implements Mailer {
  private readonly transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  private readonly log: (line: string) => void;

  constructor(private readonly config: FileMailerConfig) {
    this.log = config.log ?? ((line) => process.stdout.write(`${line}\n`));
  }

  async send(message: EmailMessage): Promise<SentEmail> {
    const info = await this.transport.sendMail(toMailOptions(message, this.config));
    const raw = info.message;
    if (!Buffer.isBuffer(raw)) throw new TypeError('The stream transport was expected to buffer the message');
    await mkdir(this.config.directory, { recursive: true });
    const file = join(this.config.directory, `${fileStem(info.messageId)}.eml`);
    // Written under a temporary name first so a reader never sees half a message.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, raw);
    await rename(partial, file);
    this.log(`mail written to=${message.to} subject=${JSON.stringify(message.subject)} file=${file}`);
    return { messageId: info.messageId };
  }
}

function fileStem(messageId: string): string {
  return messageId.replace(/^</, '').replace(/@.*$/, '').replace(/[^A-Za-z0-9._-]/g, '_');
}
