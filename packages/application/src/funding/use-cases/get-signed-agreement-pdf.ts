import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { fundingErrors } from '../funding-errors.js';

export interface StoredPdf {
  readonly filename: string;
  readonly contentType: 'application/pdf';
  readonly content: Uint8Array;
}

/** The signed copy of a trader's own agreement; another trader's is `AGREEMENT.NOT_FOUND`. */
export class GetSignedAgreementPdf {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: { userId: string; signatureId: string }): Promise<Result<StoredPdf, DomainError>> {
    const stored = await this.uow.run((tx) => tx.agreementSignatures.signedPdf(input.signatureId));
    if (!stored || stored.traderId !== input.userId) return err(fundingErrors.signatureNotFound(input.signatureId));
    return ok({ filename: `funded-trader-agreement-${input.signatureId}.pdf`, contentType: 'application/pdf', content: stored.pdf });
  }
}
