import type { CertificateInput, CertificateTitle } from '@tradesense/application';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { formatLocalDate } from '../formatting/format.js';

/** What each certificate attests (rule book section 12). */
const ACHIEVEMENTS: Readonly<Record<CertificateTitle, string>> = {
  'Elite Trader': 'for passing Phase 1 of a TradeSense evaluation',
  'Crown Trader': 'for receiving a first payout as a TradeSense funded trader',
  'Max Allocation': 'for reaching a total funded allocation of 300,000 USD or more',
};

const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
const ACCENT = '#0b3d91';

export function certificateDefinition(input: CertificateInput): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [72, 60, 72, 50],
    info: {
      title: `${input.title} certificate ${input.certificateId}`,
      author: 'TradeSense',
      subject: `${input.title} awarded to ${input.traderName}`,
    },
    defaultStyle: { font: 'Roboto', fontSize: 12, color: '#222222' },
    background: () => ({
      canvas: [
        { type: 'rect', x: 20, y: 20, w: A4_LANDSCAPE.width - 40, h: A4_LANDSCAPE.height - 40, lineWidth: 3, lineColor: ACCENT },
        { type: 'rect', x: 30, y: 30, w: A4_LANDSCAPE.width - 60, h: A4_LANDSCAPE.height - 60, lineWidth: 1, lineColor: ACCENT },
      ],
    }),
    content: [
      { text: 'TRADESENSE', alignment: 'center', fontSize: 14, bold: true, characterSpacing: 4, color: ACCENT },
      { text: 'CERTIFICATE OF ACHIEVEMENT', alignment: 'center', fontSize: 26, bold: true, margin: [0, 18, 0, 0] },
      { text: input.title, alignment: 'center', fontSize: 22, color: ACCENT, margin: [0, 8, 0, 0] },
      { text: 'This certifies that', alignment: 'center', italics: true, margin: [0, 26, 0, 0] },
      { text: input.traderName, alignment: 'center', fontSize: 34, bold: true, margin: [0, 8, 0, 0] },
      { text: ACHIEVEMENTS[input.title], alignment: 'center', margin: [0, 8, 0, 0] },
      {
        columns: [
          {
            width: '*',
            stack: [
              { text: `Awarded on ${formatLocalDate(input.awardedOn)}`, bold: true },
              { text: `Certificate id: ${input.certificateId}`, margin: [0, 6, 0, 0] },
              { text: 'Verify this certificate at', fontSize: 9, margin: [0, 12, 0, 0], color: '#555555' },
              { text: input.verificationUrl, fontSize: 9, color: ACCENT, link: input.verificationUrl },
            ],
            margin: [0, 30, 0, 0],
          },
          { width: 'auto', qr: input.verificationUrl, fit: 110, foreground: '#000000', eccLevel: 'M' },
        ],
        columnGap: 24,
        margin: [0, 36, 0, 0],
      },
    ],
  };
}
