import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCUMENT_RENDERER, MAILER, type DocumentRenderer, type Mailer } from '@tradesense/application';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { notifyModule } from './container-module.js';
import { PdfmakeDocumentRenderer } from './documents/pdfmake-document-renderer.js';
import { FileMailer } from './mail/file-mailer.js';
import { SmtpMailer } from './mail/smtp-mailer.js';

describe('notifyModule', () => {
  it('binds the file mailer and the PDF renderer in embedded mode', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'notify-module-'));
    try {
      const container = new Container();
      await container.load(
        notifyModule({ mailer: 'file', file: { directory, from: 'no-reply@tradesense.example', log: () => undefined } }),
      );
      const mailer = container.get<Mailer>(MAILER);
      expect(mailer).toBeInstanceOf(FileMailer);
      expect(container.get<DocumentRenderer>(DOCUMENT_RENDERER)).toBeInstanceOf(PdfmakeDocumentRenderer);
      await mailer.send({ to: 'a@example.test', subject: 's', text: 't', html: '<p>t</p>', messageKey: 'k' });
      expect(await readdir(directory)).toHaveLength(1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('binds the SMTP mailer in server mode', async () => {
    const container = new Container();
    await container.load(
      notifyModule({ mailer: 'smtp', smtp: { host: '127.0.0.1', port: 2525, secure: false, from: 'no-reply@tradesense.example' } }),
    );
    const mailer = container.get<Mailer>(MAILER);
    expect(mailer).toBeInstanceOf(SmtpMailer);
    (mailer as SmtpMailer).close();
  });
});
