import {
  ScalingPolicy,
  err,
  ok,
  type DomainError,
  type Result,
  type ScalingEvidence,
  type ScalingIneligibility,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { TradingAccountWriter } from '../../trading-accounts/ports/trading-account-owner-reactions.js';
import { bookOnTradingAccount } from '../shared/book-on-trading-account.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundingSettings } from '../funding-settings.js';

export interface ReviewScalingInput {
  readonly fundedAccountId: string;
}

export interface ScalingReviewOutcome {
  readonly fundedAccountId: string;
  readonly eligible: boolean;
  /** Id of the applied scale (the platform deposit's client operation id); null when not scaled. */
  readonly decisionId: string | null;
  /** Allocation before and after, decimal strings (equal when not scaled). */
  readonly before: string;
  readonly after: string;
  readonly splitAfter: string;
  readonly reasons: readonly ScalingIneligibility[];
  readonly evidence: ScalingEvidence;
}

/**
 * The id of the n-th scale of an account. Derived, not random, so a retry of
 * the same review books the platform deposit under the same client
 * operation id and is replayed instead of depositing twice.
 */
export const scalingDecisionId = (fundedAccountId: string, scaleNumber: number): string => `${fundedAccountId}:scale:${scaleNumber}`;

/**
 * GrowthNext (section 6), reviewed at each payout and monthly: the domain's
 * policy over the 4 complete firm-calendar months before now. An eligible
 * review raises the allocation by 40% (capped at 4,000,000) and sets the
 * split to 90%; the difference is deposited on the trading account inside
 * the transaction that records the scale, so the two never disagree. The
 * `FundedAccountScaled` event carries before/after and the evidence.
 */
export class ReviewScaling {
  private readonly policy: ScalingPolicy;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly clock: Clock,
    calendar: TradingCalendar,
    settings: FundingSettings,
    private readonly tradingAccounts: TradingAccountWriter,
  ) {
    this.policy = new ScalingPolicy(calendar, settings.scaling);
  }

  async execute(input: ReviewScalingInput): Promise<Result<ScalingReviewOutcome, DomainError>> {
    const at = this.clock.now();
    return orExternalFailure(() =>
      retryOnConflict(() =>
        this.uow.run(async (tx): Promise<Result<ScalingReviewOutcome, DomainError>> => {
          const account = await tx.fundedAccounts.findById(input.fundedAccountId, { lock: true });
          if (!account) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
          const reviewed = account.reviewScaling({ at }, this.policy);
          if (!reviewed.ok) return reviewed;
          const decision = reviewed.value;
          if (!decision.eligible) {
            return ok({
              fundedAccountId: account.id,
              eligible: false,
              decisionId: null,
              before: decision.before.toFixed(),
              after: decision.before.toFixed(),
              splitAfter: account.split.points.toFixed(),
              reasons: decision.reasons,
              evidence: decision.evidence,
            });
          }
          const state = account.toState();
          const decisionId = scalingDecisionId(account.id, state.scalings.length);
          await tx.fundedAccounts.save(account);
          await tx.outbox.add(eventsToOutbox('funded_account', account.pullEvents()));
          const growth = decision.after.minus(decision.before);
          const deposited = { cause: 'scaling_deposit', amount: growth, at, allocation: decision.after } as const;
          const booked = await bookOnTradingAccount(tx, this.tradingAccounts, state.tradingAccountId, deposited);
          if (!booked.ok) return booked;
          const deposit = await this.platform.balanceOperation({
            login: state.tradingAccountId,
            kind: 'deposit',
            amount: decision.after.minus(decision.before).amount,
            clientOperationId: decisionId,
            comment: `Scaling to ${decision.after.toFixed()}`,
          });
          await tx.fundedBalanceOperations.record({
            clientOperationId: decisionId,
            fundedAccountId: account.id,
            login: state.tradingAccountId,
            kind: 'scaling_deposit',
            amount: deposit.amount,
            dealId: deposit.dealId,
            bookedAt: at,
          });
          await tx.audit.append({
            at,
            actorId: null,
            actorRole: 'system',
            action: 'funded.scaled',
            subjectType: 'funded_account',
            subjectId: account.id,
            details: { decisionId, before: decision.before.toFixed(), after: decision.after.toFixed(), evidence: decision.evidence },
          });
          return ok({
            fundedAccountId: account.id,
            eligible: true,
            decisionId,
            before: decision.before.toFixed(),
            after: decision.after.toFixed(),
            splitAfter: decision.splitAfter.points.toFixed(),
            reasons: [],
            evidence: decision.evidence,
          });
        }),
      ),
    );
  }
}
