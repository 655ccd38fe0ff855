import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmailMessage } from '@tradesense/application';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileMailer } from './file-mailer.js';

const message: EmailMessage = {
  to: 'jane@example.test',
  subject: 'Receipt for order ord_42',
  text: 'Total paid: 565.47 USD\n',
  html: '<p>Total paid: 565.47 USD</p>',
  messageKey: 'outbox:ord_42:receipt',
  attachments: [{ filename: 'certificate.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) }],
};

describe('FileMailer', () => {
  let root: string;
  const lines: string[] = [];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'file-mailer-'));
    lines.length = 0;
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes the message as an .eml file and logs one line', async () => {
    const directory = join(root, 'mail', 'outbox');
    const mailer = new FileMailer({ directory, from: 'TradeSense <no-reply@tradesense.example>', log: (line) => lines.push(line) });

    const sent = await mailer.send(message);

    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{40}\.eml$/);
    const parsed = await simpleParser(await readFile(join(directory, files[0] ?? '')));
    expect(parsed.messageId).toBe(sent.messageId);
    expect(parsed.subject).toBe('Receipt for order ord_42');
    expect(parsed.text).toBe('Total paid: 565.47 USD\n');
    expect(parsed.html).toBe('<p>Total paid: 565.47 USD</p>');
    expect(parsed.attachments[0]?.filename).toBe('certificate.pdf');
    expect([...(parsed.attachments[0]?.content ?? [])]).toEqual([37, 80, 68, 70]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('to=jane@example.test');
    expect(lines[0]).toContain(join(directory, files[0] ?? ''));
  });

  it('replaces the file of a re-delivered notification instead of adding one', async () => {
    const mailer = new FileMailer({ directory: root, from: 'no-reply@tradesense.example', log: (line) => lines.push(line) });

    const first = await mailer.send(message);
    const again = await mailer.send(message);
    await mailer.send({ ...message, messageKey: 'outbox:other' });

    expect(again.messageId).toBe(first.messageId);
    expect(await readdir(root)).toHaveLength(2);
  });
});
