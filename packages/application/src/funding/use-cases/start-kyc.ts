import { KycCase, KycErrorCode, domainError, err, ok, type DomainError, type KycStatus, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { KycProvider, VerificationStart } from '../../ports/kyc-provider.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundingLinks } from '../shared/funding-links.js';
import { traderChallengesIn } from '../shared/trader-challenges.js';
import { traderProfile } from '../shared/trader-profile.js';

export interface StartKycInput {
  readonly userId: string;
}

export interface StartKycOutput {
  readonly kycCaseId: string;
  readonly provider: string;
  readonly status: KycStatus;
  /** Where the trader completes the verification; null for the manual review (documents go through the platform). */
  readonly verificationUrl: string | null;
}

/**
 * Deferred KYC (section 8): only a trader with a challenge in `pending_kyc`
 * starts a verification. The case is opened first, then the provider is asked
 * for an applicant outside any transaction (a retry finds the same applicant,
 * the trader id being its external id), then the applicant id is stored and
 * the trader is e-mailed. A retry-rejected case is reopened as the next
 * attempt; a final rejection stays final.
 */
export class StartKyc {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly provider: KycProvider,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly links: FundingLinks,
  ) {}

  async execute(input: StartKycInput): Promise<Result<StartKycOutput, DomainError>> {
    const at = this.clock.now();
    const opened = await this.uow.run(async (tx) => {
      const trader = await traderProfile(tx, input.userId);
      if (!trader) return err(sharedErrors.userNotFound(input.userId));
      const [challenge] = await traderChallengesIn(tx, input.userId, 'pending_kyc');
      if (!challenge) return err(fundingErrors.kycNotRequired());
      let kyc = await tx.kycCases.findByTrader(input.userId, { lock: true });
      if (kyc?.status === 'approved') {
        return err(domainError(KycErrorCode.ALREADY_APPROVED, 'KYC is already approved', { kycId: kyc.id }));
      }
      if (!kyc) {
        const created = KycCase.open({ id: this.ids.newId(), traderId: input.userId, provider: this.provider.id, country: trader.country, at });
        if (!created.ok) return created;
        kyc = created.value;
      } else if (kyc.status === 'rejected') {
        const reopened = kyc.resubmit({ actor: input.userId, at });
        if (!reopened.ok) return reopened;
      }
      const events = kyc.pullEvents();
      if (events.length > 0) {
        await tx.kycCases.save(kyc);
        await tx.outbox.add(eventsToOutbox('kyc_case', events));
      }
      return ok({ kycCaseId: kyc.id, provider: kyc.toState().provider, trader, challengeId: challenge.id });
    });
    if (!opened.ok) return opened;
    const { kycCaseId, provider, trader, challengeId } = opened.value;
    if (provider !== this.provider.id) {
      // The firm switched providers while this case was open: it stays with the one that holds it.
      return err(fundingErrors.manualReviewOnly(provider));
    }

    const started = await orExternalFailure(async () =>
      ok<VerificationStart>(
        await this.provider.startVerification({ caseId: kycCaseId, userId: trader.id, email: trader.email, country: trader.country }),
      ),
    );
    if (!started.ok) return started;
    const { providerApplicantId, verificationUrl } = started.value;

    return this.uow.run(async (tx) => {
      const kyc = await tx.kycCases.findById(kycCaseId, { lock: true });
      if (!kyc) return err(fundingErrors.kycCaseNotFound(kycCaseId));
      if (kyc.status === 'pending') {
        const moved = kyc.startVerification({ applicantId: providerApplicantId, actor: trader.id, at });
        if (!moved.ok) return moved;
        await tx.kycCases.save(kyc);
        await tx.outbox.add([
          ...eventsToOutbox('kyc_case', kyc.pullEvents()),
          {
            topic: 'email.kyc_requested',
            aggregateType: 'kyc_case',
            aggregateId: kyc.id,
            payload: { to: trader.email, traderName: trader.name, challengeId, verificationUrl: verificationUrl ?? this.links.kyc },
            occurredAt: at,
          },
        ]);
      }
      return ok({ kycCaseId: kyc.id, provider, status: kyc.status, verificationUrl });
    });
  }
}
