import { AgreementSignature, FUNDED_TRADER_AGREEMENT, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { DocumentRenderer } from '../../ports/document-renderer.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { followUp } from '../../shared-kernel/follow-up.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { fundingErrors } from '../funding-errors.js';
import { activationDue } from '../shared/kyc-decided-email.js';
import type { ActivateFundedAccount, ActivatedFundedAccount } from './activate-funded-account.js';
import { FUNDED_TRADER_AGREEMENT_TITLE } from './current-agreement.js';

export interface SignAgreementInput {
  readonly userId: string;
  /** The name the trader typed as a signature. */
  readonly typedName: string;
  /** The version and text hash the trader was shown (from `currentAgreement`). */
  readonly agreementVersion: string;
  readonly textHash: string;
  readonly ipAddress: string;
  readonly userAgent: string;
}

export interface SignAgreementOutput {
  readonly signatureId: string;
  readonly agreementVersion: string;
  readonly signedAt: Date;
  /** Funded accounts created because this signature completed the requirements. */
  readonly fundedAccounts: readonly ActivatedFundedAccount[];
}

/**
 * Signs the funded-trader agreement (section 12): typed name, the version and
 * text hash as presented, IP, user agent and time. The signed copy is
 * rendered as a PDF before the transaction and stored with the signature for
 * download. If KYC is already approved, the trader is funded at once.
 */
export class SignAgreement {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly documents: DocumentRenderer,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly activation: ActivateFundedAccount,
  ) {}

  async execute(input: SignAgreementInput): Promise<Result<SignAgreementOutput, DomainError>> {
    const at = this.clock.now();
    const prepared = await this.uow.run(async (tx) => {
      if (!(await tx.users.findById(input.userId))) return err(sharedErrors.userNotFound(input.userId));
      const current = await tx.agreementVersions.current(FUNDED_TRADER_AGREEMENT);
      if (!current) return err(fundingErrors.agreementNotPublished(FUNDED_TRADER_AGREEMENT));
      if (current.version !== input.agreementVersion) {
        return err(fundingErrors.agreementVersionOutdated(input.agreementVersion, current.version));
      }
      const signed = AgreementSignature.sign({
        id: this.ids.newId(),
        traderId: input.userId,
        agreement: current,
        presentedTextHash: input.textHash,
        typedName: input.typedName,
        ipAddress: input.ipAddress,
        userAgent: input.userAgent,
        at,
      });
      if (!signed.ok) return signed;
      return ok({ signature: signed.value, text: current.text });
    });
    if (!prepared.ok) return prepared;
    const { signature, text } = prepared.value;
    const record = signature.toState();
    const pdf = await this.documents.renderSignedAgreement({
      agreementTitle: FUNDED_TRADER_AGREEMENT_TITLE,
      version: record.agreementVersion,
      text,
      textHash: record.textHash,
      typedName: record.typedName,
      signedAt: record.signedAt,
      ipAddress: record.ipAddress,
      userAgent: record.userAgent,
    });
    const kycApproved = await this.uow.run(async (tx) => {
      await tx.agreementSignatures.add(signature, pdf);
      const approved = (await tx.kycCases.findByTrader(input.userId))?.status === 'approved';
      await tx.outbox.add([
        ...eventsToOutbox('agreement_signature', signature.pullEvents()),
        ...(approved ? [activationDue(input.userId, 'agreement_signed', at)] : []),
      ]);
      return approved;
    });
    const funded = kycApproved ? await followUp(() => this.activation.execute({ userId: input.userId })) : null;
    return ok({
      signatureId: signature.id,
      agreementVersion: record.agreementVersion,
      signedAt: record.signedAt,
      fundedAccounts: funded?.ok ? funded.value.fundedAccounts : [],
    });
  }
}
