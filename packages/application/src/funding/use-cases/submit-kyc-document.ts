import { DocumentNumberHash, KycErrorCode, domainError, err, ok, parseCountryCode, type DomainError, type KycStatus, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { DocumentNumberHasher } from '../../ports/kyc-provider.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { fundingErrors } from '../funding-errors.js';

export interface SubmitKycDocumentInput {
  readonly userId: string;
  /** e.g. passport, national_id, driving_license. */
  readonly documentType: string;
  /** Hashed with the firm's key at once; the number itself is never stored. */
  readonly documentNumber: string;
  /** ISO 3166-1 alpha-2. */
  readonly issuingCountry: string;
}

/**
 * The manual review's document step: the trader names the identity document
 * and an admin then decides. The number is reduced to its keyed hash here, so
 * only the digest reaches the case and the database. After a retry rejection
 * this is the resubmission.
 */
export class SubmitKycDocument {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: DocumentNumberHasher,
    private readonly clock: Clock,
  ) {}

  async execute(input: SubmitKycDocumentInput): Promise<Result<{ kycCaseId: string; status: KycStatus }, DomainError>> {
    const country = parseCountryCode(input.issuingCountry);
    if (!country.ok) return country;
    const type = input.documentType.trim();
    if (type === '' || input.documentNumber.trim() === '') {
      return err(domainError(KycErrorCode.DOCUMENT_REQUIRED, 'The document type and number are required'));
    }
    let digest: string;
    try {
      digest = this.hasher.hash(input.documentNumber, country.value);
    } catch (error) {
      // The hasher refuses a number that normalises to nothing (only blanks and dashes).
      if (error instanceof RangeError) return err(domainError(KycErrorCode.DOCUMENT_REQUIRED, 'The document number is not valid'));
      throw error;
    }
    const numberHash = DocumentNumberHash.of(digest);
    if (!numberHash.ok) return numberHash;
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const kyc = await tx.kycCases.findByTrader(input.userId, { lock: true });
      if (!kyc) return err(fundingErrors.kycCaseNotFound(input.userId));
      const provider = kyc.toState().provider;
      if (provider !== 'manual') return err(domainError('KYC.PROVIDER_COLLECTS_DOCUMENTS', 'Documents go to the verification provider', { provider }));
      const submitted = kyc.submitDocument({ type, country: country.value, numberHash: numberHash.value, at });
      if (!submitted.ok) return submitted;
      await tx.kycCases.save(kyc);
      await tx.outbox.add(eventsToOutbox('kyc_case', kyc.pullEvents()));
      return ok({ kycCaseId: kyc.id, status: kyc.status });
    });
  }
}
