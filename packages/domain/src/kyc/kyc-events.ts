import type { DomainEvent } from '../shared/domain-event.js';
import type { KycRejectionKind, KycStatus } from './kyc-status.js';

export type KycCaseOpened = DomainEvent<'KycCaseOpened', { traderId: string; provider: string; country: string | null }>;
export type KycVerificationStarted = DomainEvent<
  'KycVerificationStarted',
  { traderId: string; applicantId: string | null; actor: string }
>;
export type KycDocumentSubmitted = DomainEvent<
  'KycDocumentSubmitted',
  { traderId: string; documentType: string; documentCountry: string; from: KycStatus }
>;
export type KycApproved = DomainEvent<'KycApproved', { traderId: string; actor: string }>;
export type KycRejected = DomainEvent<
  'KycRejected',
  { traderId: string; actor: string; kind: KycRejectionKind; reasons: string[] }
>;
export type KycResubmissionOpened = DomainEvent<'KycResubmissionOpened', { traderId: string; actor: string; attempt: number }>;

export type KycEvent =
  | KycCaseOpened
  | KycVerificationStarted
  | KycDocumentSubmitted
  | KycApproved
  | KycRejected
  | KycResubmissionOpened;
