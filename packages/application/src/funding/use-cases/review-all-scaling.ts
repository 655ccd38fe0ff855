import { ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { ReviewScaling, ScalingReviewOutcome } from './review-scaling.js';

export interface ReviewAllScalingOutput {
  readonly reviewed: number;
  readonly scaled: readonly ScalingReviewOutcome[];
  /** Accounts whose review failed this time (e.g. the platform refused the deposit); the next run retries them. */
  readonly failed: ReadonlyArray<{ readonly fundedAccountId: string; readonly code: string }>;
}

const PAGE = 100;

/** The monthly GrowthNext review of every active funded account, one transaction each. */
export class ReviewAllScaling {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly review: ReviewScaling,
  ) {}

  async execute(): Promise<Result<ReviewAllScalingOutput, DomainError>> {
    let reviewed = 0;
    const scaled: ScalingReviewOutcome[] = [];
    const failed: { fundedAccountId: string; code: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.uow.run((tx) => tx.fundedAccounts.listActive({ after, limit: PAGE }));
      for (const account of page) {
        const outcome = await this.review.execute({ fundedAccountId: account.id });
        reviewed++;
        if (!outcome.ok) failed.push({ fundedAccountId: account.id, code: outcome.error.code });
        else if (outcome.value.eligible) scaled.push(outcome.value);
      }
      if (page.length < PAGE) return ok({ reviewed, scaled, failed });
      after = page[page.length - 1]!.id;
    }
  }
}
