import { CertificateId, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { fundingErrors } from '../funding-errors.js';
import type { StoredPdf } from './get-signed-agreement-pdf.js';

/** The PDF of one of the trader's own certificates; any other id is `CERTIFICATE.NOT_FOUND`. */
export class GetCertificatePdf {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: { userId: string; certificateId: string }): Promise<Result<StoredPdf, DomainError>> {
    const parsed = CertificateId.parse(input.certificateId);
    if (!parsed.ok) return err(fundingErrors.certificateNotFound(input.certificateId));
    const id = parsed.value.value;
    const stored = await this.uow.run((tx) => tx.traderCertificates.pdf(id));
    if (!stored || stored.traderId !== input.userId) return err(fundingErrors.certificateNotFound(id));
    return ok({ filename: `certificate-${id}.pdf`, contentType: 'application/pdf', content: stored.pdf });
  }
}
