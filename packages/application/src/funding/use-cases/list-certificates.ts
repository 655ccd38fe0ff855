import { ok, type CertificateRecord, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';

export interface CertificateListItem extends CertificateRecord {
  readonly verificationUrl: string;
}

/** A trader's certificates, in award order. */
export class ListCertificates {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly verificationUrl: (certificateId: string) => string,
  ) {}

  async execute(input: { userId: string }): Promise<Result<readonly CertificateListItem[], DomainError>> {
    const certificates = await this.uow.run((tx) => tx.traderCertificates.findByTrader(input.userId));
    return ok((certificates?.certificates() ?? []).map((record) => ({ ...record, verificationUrl: this.verificationUrl(record.id) })));
  }
}
