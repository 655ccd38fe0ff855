import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  /** The page's text runs joined with spaces. */
  readonly text: string;
}

export interface ParsedPdf {
  readonly pages: readonly PdfPage[];
  readonly title: string | null;
}

/** Parses PDF bytes back with pdf.js, as a reader's viewer would. */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      pages.push({ width: viewport.width, height: viewport.height, text });
    }
    const metadata = await document.getMetadata();
    const info = metadata.info as { Title?: string };
    return { pages, title: info.Title ?? null };
  } finally {
    await document.destroy();
  }
}
