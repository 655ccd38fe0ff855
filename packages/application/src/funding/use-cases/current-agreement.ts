import { FUNDED_TRADER_AGREEMENT, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { fundingErrors } from '../funding-errors.js';

export interface AgreementView {
  readonly agreementId: string;
  readonly version: string;
  readonly title: string;
  readonly text: string;
  /** SHA-256 (hex) of `text`: send it back when signing, to prove which text was shown. */
  readonly textHash: string;
  readonly publishedAt: Date;
}

export const FUNDED_TRADER_AGREEMENT_TITLE = 'Funded Trader Agreement';

/** The funded-trader agreement version in force, as a trader reads it before signing. */
export class CurrentAgreement {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(): Promise<Result<AgreementView, DomainError>> {
    const current = await this.uow.run((tx) => tx.agreementVersions.current(FUNDED_TRADER_AGREEMENT));
    if (!current) return err(fundingErrors.agreementNotPublished(FUNDED_TRADER_AGREEMENT));
    return ok({
      agreementId: current.agreementId,
      version: current.version,
      title: FUNDED_TRADER_AGREEMENT_TITLE,
      text: current.text,
      textHash: current.textHash,
      publishedAt: current.publishedAt,
    });
  }
}
