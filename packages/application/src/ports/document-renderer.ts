import type { LocalDate } from '@tradesense/domain';
import { token, type Token } from './token.js';

/** The three certificates of the rule book (section 12). */
export type CertificateTitle = 'Elite Trader' | 'Crown Trader' | 'Max Allocation';

export interface CertificateInput {
  readonly traderName: string;
  readonly title: CertificateTitle;
  /** The firm's calendar date of the award. */
  readonly awardedOn: LocalDate;
  /** Unguessable (random) id, printed on the certificate and used by the public verification page. */
  readonly certificateId: string;
  /** Public verification page, encoded in the QR code. */
  readonly verificationUrl: string;
}

export interface SignedAgreementInput {
  readonly agreementTitle: string;
  readonly version: string;
  readonly text: string;
  /** Hash of `text` as signed (e.g. hex SHA-256), so the copy can be matched to the stored version. */
  readonly textHash: string;
  readonly typedName: string;
  readonly signedAt: Date;
  readonly ipAddress: string;
  readonly userAgent: string;
}

/** Renders the firm's documents; each method resolves to the bytes of a PDF file. */
export interface DocumentRenderer {
  renderCertificate(input: CertificateInput): Promise<Uint8Array>;
  renderSignedAgreement(input: SignedAgreementInput): Promise<Uint8Array>;
}

export const DOCUMENT_RENDERER: Token<DocumentRenderer> = token<DocumentRenderer>('DocumentRenderer');
