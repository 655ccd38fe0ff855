import type { EmailMessage } from '@tradesense/application';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalSmtpServer, type LocalSmtpServer } from '../testing/local-smtp-server.js';
import { messageIdFor } from './message-id.js';
import { SmtpMailer } from './smtp-mailer.js';

const FROM = 'TradeSense <no-reply@tradesense.example>';

const message: EmailMessage = {
  to: 'jane@example.test',
  subject: 'Account 700123: Daily loss limit breached',
  text: 'Floor: 95,000.00 USD\nEquity: 95,000.00 USD\n',
  html: '<p>Floor: 95,000.00 USD</p>',
  messageKey: 'outbox:7f1c',
  attachments: [{ filename: 'record.txt', contentType: 'text/plain', content: new TextEncoder().encode('breach record') }],
};

describe('SmtpMailer', () => {
  let server: LocalSmtpServer | undefined;
  let mailer: SmtpMailer | undefined;

  afterEach(async () => {
    mailer?.close();
    await server?.close();
    server = undefined;
    mailer = undefined;
  });

  it('delivers the message to the SMTP server with the Message-ID derived from the key', async () => {
    server = await startLocalSmtpServer();
    mailer = new SmtpMailer({ host: '127.0.0.1', port: server.port, secure: false, from: FROM });

    const sent = await mailer.send(message);

    expect(sent.messageId).toBe(messageIdFor('outbox:7f1c', 'tradesense.example'));
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail?.envelopeFrom).toBe('no-reply@tradesense.example');
    expect(mail?.envelopeTo).toEqual(['jane@example.test']);
    expect(mail?.parsed.subject).toBe('Account 700123: Daily loss limit breached');
    expect(mail?.parsed.text).toBe('Floor: 95,000.00 USD\nEquity: 95,000.00 USD\n');
    expect(mail?.parsed.html).toBe('<p>Floor: 95,000.00 USD</p>');
    expect(mail?.parsed.messageId).toBe(sent.messageId);
    expect(mail?.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')])).toEqual([
      ['record.txt', 'text/plain', 'breach record'],
    ]);
  });

  it('sends a retried notification with the same Message-ID', async () => {
    server = await startLocalSmtpServer();
    mailer = new SmtpMailer({ host: '127.0.0.1', port: server.port, secure: false, from: FROM });

    const first = await mailer.send(message);
    const retry = await mailer.send(message);

    expect(retry.messageId).toBe(first.messageId);
    expect(server.received.map((mail) => mail.parsed.messageId)).toEqual([first.messageId, first.messageId]);
  });

  it('authenticates with the configured credentials', async () => {
    server = await startLocalSmtpServer({ user: 'relay', pass: 's3cret' });
    mailer = new SmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      auth: { user: 'relay', pass: 's3cret' },
      from: FROM,
      messageIdDomain: 'mail.tradesense.example',
    });

    const sent = await mailer.send(message);

    expect(sent.messageId).toMatch(/@mail\.tradesense\.example>$/);
    expect(server.received[0]?.user).toBe('relay');
  });

  it('rejects when the server refuses the credentials', async () => {
    server = await startLocalSmtpServer({ user: 'relay', pass: 's3cret' });
    mailer = new SmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      auth: { user: 'relay', pass: 'wrong' },
      from: FROM,
    });

    await expect(mailer.send(message)).rejects.toThrow(/Invalid username or password/);
    expect(server.received).toHaveLength(0);
  });

  it('rejects when the server refuses the recipient', async () => {
    server = await startLocalSmtpServer(undefined, ['jane@example.test']);
    mailer = new SmtpMailer({ host: '127.0.0.1', port: server.port, secure: false, from: FROM });

    await expect(mailer.send(message)).rejects.toThrow();
    expect(server.received).toHaveLength(0);
  });
});
