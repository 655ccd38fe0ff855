import type { DomainEvent } from '../shared/domain-event.js';

export type AgreementSigned = DomainEvent<
  'AgreementSigned',
  {
    traderId: string;
    agreementId: string;
    agreementVersion: string;
    textHash: string;
    typedName: string;
    ipAddress: string;
    userAgent: string;
  }
>;

export type AgreementEvent = AgreementSigned;
