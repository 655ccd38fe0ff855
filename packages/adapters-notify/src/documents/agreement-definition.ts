import type { SignedAgreementInput } from '@tradesense/application';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { formatInstant } from '../formatting/format.js';

function paragraphs(text: string): Content[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => ({ text: block, margin: [0, 0, 0, 8] as [number, number, number, number] }));
}

export function agreementDefinition(input: SignedAgreementInput): TDocumentDefinitions {
  const signature: [string, Content][] = [
    ['Signed by (typed name)', input.typedName],
    ['Agreement version', input.version],
    // A hex digest is one unbreakable word: a smaller size keeps it inside the page.
    ['Text hash', { text: input.textHash, fontSize: 8 }],
    ['Signed at', formatInstant(input.signedAt)],
    ['IP address', input.ipAddress],
    ['User agent', input.userAgent],
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [60, 60, 60, 60],
    info: {
      title: `${input.agreementTitle} (version ${input.version}), signed by ${input.typedName}`,
      author: 'TradeSense',
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: `${input.agreementTitle}, version ${input.version}`, fontSize: 8, color: '#666666' },
        { text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', fontSize: 8, color: '#666666' },
      ],
      margin: [60, 20, 60, 0],
    }),
    content: [
      { text: input.agreementTitle, fontSize: 18, bold: true },
      { text: `Version ${input.version}`, color: '#555555', margin: [0, 4, 0, 18] },
      ...paragraphs(input.text),
      {
        unbreakable: true,
        margin: [0, 24, 0, 0],
        stack: [
          { text: 'Electronic signature', fontSize: 13, bold: true, margin: [0, 0, 0, 8] },
          {
            text:
              'The trader accepted the agreement above by typing their name. The text hash identifies the exact ' +
              'version of the text that was shown and signed.',
            fontSize: 9,
            color: '#555555',
            margin: [0, 0, 0, 8],
          },
          {
            table: {
              widths: [130, '*'],
              body: signature.map(([label, value]) => [{ text: label, bold: true }, value]),
            },
            layout: 'lightHorizontalLines',
          },
        ],
      },
    ],
  };
}
