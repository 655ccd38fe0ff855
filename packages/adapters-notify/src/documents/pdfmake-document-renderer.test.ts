import type { CertificateInput, SignedAgreementInput } from '@tradesense/application';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../testing/pdf-pages.js';
import { PdfmakeDocumentRenderer } from './pdfmake-document-renderer.js';

const A4_SHORT = 595.28;
const A4_LONG = 841.89;

/** pdf.js may split a run or collapse spaces; compare on text with all whitespace removed. */
const squeeze = (text: string): string => text.replace(/\s+/g, '');

const certificate: CertificateInput = {
  traderName: 'Zoë Łukasiewicz',
  title: 'Crown Trader',
  awardedOn: '2025-03-04',
  certificateId: 'c_5Jq8wX2mRt7LkP9vZ3nB',
  verificationUrl: 'https://tradesense.example/certificates/c_5Jq8wX2mRt7LkP9vZ3nB',
};

const agreementText = Array.from(
  { length: 40 },
  (_, index) =>
    `${index + 1}. The funded trader follows the daily loss limit and the maximum loss limit of the account, ` +
    'and accepts that a breach ends the funded account without a payout of the open profit.',
).join('\n\n');

const agreement: SignedAgreementInput = {
  agreementTitle: 'Funded Trader Agreement',
  version: '2025.1',
  text: agreementText,
  textHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  typedName: 'Jane Q. Doe',
  signedAt: new Date('2025-03-04T12:34:56Z'),
  ipAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/124.0',
};

describe('PdfmakeDocumentRenderer', () => {
  const renderer = new PdfmakeDocumentRenderer();

  it('renders the certificate as one landscape A4 page with name, title, date, id and verification URL', async () => {
    const bytes = await renderer.renderCertificate(certificate);

    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const pdf = await parsePdf(bytes);
    expect(pdf.pages).toHaveLength(1);
    const [page] = pdf.pages;
    expect(page?.width).toBeGreaterThan(page?.height ?? Infinity);
    expect(page?.width).toBeCloseTo(A4_LONG, 0);
    expect(page?.height).toBeCloseTo(A4_SHORT, 0);
    const text = squeeze(page?.text ?? '');
    expect(text).toContain(squeeze('Zoë Łukasiewicz'));
    expect(text).toContain('CrownTrader');
    expect(text).toContain(squeeze('4 March 2025'));
    expect(text).toContain('c_5Jq8wX2mRt7LkP9vZ3nB');
    expect(text).toContain('https://tradesense.example/certificates/c_5Jq8wX2mRt7LkP9vZ3nB');
    expect(pdf.title).toContain('c_5Jq8wX2mRt7LkP9vZ3nB');
  });

  it('renders the signed agreement on portrait A4 pages with the text and the signature block', async () => {
    const bytes = await renderer.renderSignedAgreement(agreement);

    const pdf = await parsePdf(bytes);
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const page of pdf.pages) {
      expect(page.height).toBeGreaterThan(page.width);
      expect(page.width).toBeCloseTo(A4_SHORT, 0);
    }
    const all = squeeze(pdf.pages.map((page) => page.text).join(' '));
    expect(all).toContain(squeeze('Funded Trader Agreement'));
    expect(all).toContain(squeeze('1. The funded trader follows the daily loss limit'));
    expect(all).toContain(squeeze('40. The funded trader follows'));
    const last = squeeze(pdf.pages.at(-1)?.text ?? '');
    expect(last).toContain('JaneQ.Doe');
    expect(last).toContain('2025.1');
    expect(last).toContain('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
    expect(last).toContain('203.0.113.7');
    expect(last).toContain(squeeze('Mozilla/5.0 (X11; Linux x86_64) Firefox/124.0'));
    expect(last).toContain(squeeze('2025-03-04 12:34:56 UTC'));
    expect(last).toContain(`Page${pdf.pages.length}of${pdf.pages.length}`);
  });

  it('prints markup-like names literally', async () => {
    const bytes = await renderer.renderCertificate({ ...certificate, traderName: '<b>file:///etc/passwd</b>' });
    const pdf = await parsePdf(bytes);
    expect(squeeze(pdf.pages[0]?.text ?? '')).toContain('<b>file:///etc/passwd</b>');
  });
});
