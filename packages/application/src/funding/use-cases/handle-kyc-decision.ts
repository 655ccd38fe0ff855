import {
  DocumentNumberHash,
  KycErrorCode,
  err,
  ok,
  type DomainError,
  type KycCase,
  type KycStatus,
  type Result,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { KycDecisionEvent, KycProvider, VerifiedDocument } from '../../ports/kyc-provider.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { externalFailure } from '../../shared-kernel/external-failure.js';
import { followUp } from '../../shared-kernel/follow-up.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { FundingLinks } from '../shared/funding-links.js';
import { activationDue, kycDecidedEmail } from '../shared/kyc-decided-email.js';
import { prohibitedCountries } from '../shared/prohibited-countries.js';
import { agreementSigned, traderProfile } from '../shared/trader-profile.js';
import type { ActivateFundedAccount, ActivatedFundedAccount } from './activate-funded-account.js';

export interface HandleKycDecisionInput {
  /** A notification the provider adapter has verified and normalised. */
  readonly event: KycDecisionEvent;
}

export type KycDecisionOutcome =
  /** The case moved. */
  | 'applied'
  /** This provider event was processed before. */
  | 'duplicate'
  /** No case belongs to the applicant (recorded, so a re-delivery is not looked at again). */
  | 'unknown_applicant'
  /** The case was already past the decision (e.g. approved, or rejected for good). */
  | 'no_change';

export interface HandleKycDecisionOutput {
  readonly outcome: KycDecisionOutcome;
  readonly kycCaseId: string | null;
  readonly status: KycStatus | null;
  readonly fundedAccounts: readonly ActivatedFundedAccount[];
}

/** Prefix of the rejection reason recorded when the approval met a prohibited country. */
export const PROHIBITED_COUNTRY_REASON = 'prohibited_country';

/**
 * Applies a provider's verified review outcome to the case, once per provider
 * event id (the inbox row and the case change commit together). Approved →
 * the case is approved, unless the declared or document country is
 * prohibited, which blocks funding: the case is then rejected for good with
 * that reason. Rejected with retry → the trader may start again; rejected
 * final → blocked. The trader is e-mailed; an approval funds the trader if
 * the agreement is already signed.
 */
export class HandleKycDecision {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly provider: KycProvider,
    private readonly clock: Clock,
    private readonly links: FundingLinks,
    private readonly activation: ActivateFundedAccount,
  ) {}

  async execute(input: HandleKycDecisionInput): Promise<Result<HandleKycDecisionOutput, DomainError>> {
    const { event } = input;
    // The document the provider read, for the document-country check; fetched
    // before the transaction, and a failure leaves the event unrecorded so the
    // provider's re-delivery tries again.
    let document: VerifiedDocument | null = null;
    if (event.decision === 'approved' && this.provider.id === event.provider && this.provider.applicantStatus) {
      try {
        document = (await this.provider.applicantStatus(event.providerApplicantId)).document;
      } catch (error) {
        const failure = externalFailure(error);
        if (!failure) throw error;
        return err(failure);
      }
    }
    const at = this.clock.now();
    const decided = await this.uow.run(async (tx) => {
      if (!(await tx.webhookInbox.record(event.provider, event.providerEventId, event.rawType, at))) {
        return ok({ outcome: 'duplicate' as const, kyc: null, fundable: false });
      }
      const kyc =
        (await tx.kycCases.findByApplicant(event.provider, event.providerApplicantId, { lock: true })) ??
        (event.userId ? await this.caseOfTrader(tx, event.userId, event.provider) : null);
      if (!kyc) return ok({ outcome: 'unknown_applicant' as const, kyc: null, fundable: false });
      await this.apply(tx, kyc, event, document, at);
      if (kyc.pendingEvents.length === 0) return ok({ outcome: 'no_change' as const, kyc, fundable: false });
      const outcome = 'applied' as const;
      await tx.kycCases.save(kyc);
      const fundable = kyc.status === 'approved' && (await agreementSigned(tx, kyc.traderId));
      const decidedNow = kyc.status === 'approved' || kyc.status === 'rejected';
      const trader = decidedNow ? await traderProfile(tx, kyc.traderId) : null;
      await tx.outbox.add([
        ...eventsToOutbox('kyc_case', kyc.pullEvents()),
        ...(trader ? [kycDecidedEmail(kyc, trader, this.links, at)] : []),
        ...(fundable ? [activationDue(kyc.traderId, 'kyc_approved', at)] : []),
      ]);
      if (decidedNow) {
        await tx.audit.append({
          at,
          actorId: null,
          actorRole: 'system',
          action: kyc.status === 'approved' ? 'kyc.approved' : 'kyc.rejected',
          subjectType: 'kyc_case',
          subjectId: kyc.id,
          details: {
            traderId: kyc.traderId,
            provider: event.provider,
            providerEventId: event.providerEventId,
            decision: event.decision,
            reasons: kyc.rejection?.reasons ?? [],
          },
        });
      }
      return ok({ outcome, kyc, fundable });
    });
    if (!decided.ok) return decided;
    const { outcome, kyc, fundable } = decided.value;
    const funded =
      fundable && kyc ? await followUp(() => this.activation.execute({ userId: kyc.traderId })) : null;
    return ok({
      outcome,
      kycCaseId: kyc?.id ?? null,
      status: kyc?.status ?? null,
      fundedAccounts: funded?.ok ? funded.value.fundedAccounts : [],
    });
  }

  /** A decision may arrive before the applicant id was stored (a very fast review): match on the trader. */
  private async caseOfTrader(tx: TransactionScope, traderId: string, provider: string): Promise<KycCase | null> {
    const kyc = await tx.kycCases.findByTrader(traderId, { lock: true });
    return kyc && kyc.toState().provider === provider ? kyc : null;
  }

  private async apply(
    tx: TransactionScope,
    kyc: KycCase,
    event: KycDecisionEvent,
    document: VerifiedDocument | null,
    at: Date,
  ): Promise<void> {
    // Refusals below (a case already past this decision) leave the case as it is: the caller sees no events.
    const actor = event.provider;
    if (kyc.status === 'pending') kyc.startVerification({ applicantId: event.providerApplicantId, actor, at });
    if (kyc.status !== 'in_progress' || event.decision === 'in_progress') return;
    if (event.decision !== 'approved') {
      const kind = event.decision === 'rejected_retry' ? 'retry' : 'final';
      const reasons = event.reasons.length > 0 ? event.reasons : event.comment ? [event.comment] : [];
      kyc.reject({ actor, at, kind, reasons });
      return;
    }
    const hash = document?.numberHash ? DocumentNumberHash.of(document.numberHash) : null;
    if (document?.country && hash?.ok) {
      kyc.submitDocument({ type: document.type, country: document.country, numberHash: hash.value, at });
    }
    const approved = kyc.approve({ actor, at, prohibitedCountries: await prohibitedCountries(tx) });
    if (!approved.ok && approved.error.code === KycErrorCode.PROHIBITED_COUNTRY) {
      kyc.reject({ actor: 'system', at, kind: 'final', reasons: [`${PROHIBITED_COUNTRY_REASON}:${String(approved.error.details['country'] ?? '')}`] });
    }
  }
}
