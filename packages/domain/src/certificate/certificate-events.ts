import type { DomainEvent } from '../shared/domain-event.js';
import type { CertificateKind } from './certificate-kind.js';

/** The application renders the PDF (name, title, date, id, QR to the verification page) from this. */
export type CertificateAwarded = DomainEvent<
  'CertificateAwarded',
  { traderId: string; certificateId: string; kind: CertificateKind; title: string; traderName: string }
>;

export type CertificateEvent = CertificateAwarded;
