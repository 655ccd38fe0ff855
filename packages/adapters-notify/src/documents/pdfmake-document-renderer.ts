import type { CertificateInput, DocumentRenderer, SignedAgreementInput } from '@tradesense/application';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { agreementDefinition } from './agreement-definition.js';
import { certificateDefinition } from './certificate-definition.js';
import { configuredPdfMake } from './pdfmake-setup.js';

/** Renders certificates and signed agreements as PDF files with pdfmake, in process. */
export class PdfmakeDocumentRenderer implements DocumentRenderer {
  renderCertificate(input: CertificateInput): Promise<Uint8Array> {
    return render(certificateDefinition(input));
  }

  renderSignedAgreement(input: SignedAgreementInput): Promise<Uint8Array> {
    return render(agreementDefinition(input));
  }
}

async function render(definition: TDocumentDefinitions): Promise<Uint8Array> {
  const buffer = await configuredPdfMake().createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
