import { err, ok, type DomainError, type KycStatus, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { followUp } from '../../shared-kernel/follow-up.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundingLinks } from '../shared/funding-links.js';
import { activationDue, kycDecidedEmail } from '../shared/kyc-decided-email.js';
import { prohibitedCountries } from '../shared/prohibited-countries.js';
import { agreementSigned, traderProfile } from '../shared/trader-profile.js';
import type { ActivateFundedAccount, ActivatedFundedAccount } from './activate-funded-account.js';

export type KycReviewDecision = 'approve' | 'reject_retry' | 'reject_final';

export interface ReviewKycInput {
  readonly adminId: string;
  readonly kycCaseId: string;
  readonly decision: KycReviewDecision;
  /** Required for a rejection; shown to the trader. */
  readonly reason?: string;
}

export interface ReviewKycOutput {
  readonly kycCaseId: string;
  readonly status: KycStatus;
  /** Funded accounts created because this approval completed the requirements. */
  readonly fundedAccounts: readonly ActivatedFundedAccount[];
}

/**
 * The manual provider's review: an admin approves, rejects with a retry, or
 * rejects for good, with a reason. Approval refuses a prohibited declared or
 * document country. The decision is audited and e-mailed; an approval then
 * funds the trader if the agreement is already signed.
 */
export class ReviewKyc {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly links: FundingLinks,
    private readonly activation: ActivateFundedAccount,
  ) {}

  async execute(input: ReviewKycInput): Promise<Result<ReviewKycOutput, DomainError>> {
    const reason = input.reason?.trim() ?? '';
    if (input.decision !== 'approve' && reason === '') return err(fundingErrors.reasonRequired('KYC.REASON_REQUIRED'));
    const at = this.clock.now();
    const decided = await this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.adminId, 'kyc.review');
      if (!admin.ok) return admin;
      const kyc = await tx.kycCases.findById(input.kycCaseId, { lock: true });
      if (!kyc) return err(fundingErrors.kycCaseNotFound(input.kycCaseId));
      const provider = kyc.toState().provider;
      if (provider !== 'manual') return err(fundingErrors.manualReviewOnly(provider));
      const trader = await traderProfile(tx, kyc.traderId);
      if (!trader) return err(sharedErrors.userNotFound(kyc.traderId));
      const applied =
        input.decision === 'approve'
          ? kyc.approve({ actor: input.adminId, at, prohibitedCountries: await prohibitedCountries(tx) })
          : kyc.reject({ actor: input.adminId, at, kind: input.decision === 'reject_retry' ? 'retry' : 'final', reasons: [reason] });
      if (!applied.ok) return applied;
      await tx.kycCases.save(kyc);
      const fundable = kyc.status === 'approved' && (await agreementSigned(tx, kyc.traderId));
      await tx.audit.append({
        at,
        actorId: input.adminId,
        actorRole: 'admin',
        action: input.decision === 'approve' ? 'kyc.approved' : 'kyc.rejected',
        subjectType: 'kyc_case',
        subjectId: kyc.id,
        details: { traderId: kyc.traderId, decision: input.decision, reason: reason || null },
      });
      await tx.outbox.add([
        ...eventsToOutbox('kyc_case', kyc.pullEvents()),
        kycDecidedEmail(kyc, trader, this.links, at),
        ...(fundable ? [activationDue(kyc.traderId, 'kyc_approved', at)] : []),
      ]);
      return ok({ kycCaseId: kyc.id, traderId: kyc.traderId, status: kyc.status, fundable });
    });
    if (!decided.ok) return decided;
    const { kycCaseId, traderId, status, fundable } = decided.value;
    const funded = fundable ? await followUp(() => this.activation.execute({ userId: traderId })) : null;
    return ok({ kycCaseId, status, fundedAccounts: funded?.ok ? funded.value.fundedAccounts : [] });
  }
}
