import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage } from '../../shared-kernel/cursor-page.js';
import { withCursor } from '../../shared-kernel/invalid-cursor.js';
import { pageLimit } from '../../shared-kernel/page-limit.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { challengesErrors } from '../challenges-errors.js';
import { dealView, type DealView } from '../shared/challenge-views.js';

export interface TradingHistoryInput {
  readonly requester: Requester;
  readonly challengeId: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** The deals of a challenge over all its phases and attempts, newest first. */
export class TradingHistory {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: TradingHistoryInput): Promise<Result<CursorPage<DealView>, DomainError>> {
    const limit = pageLimit(input.limit);
    if (!limit.ok) return limit;
    return withCursor(() =>
      this.uow.run(async (tx) => {
        const challenge = await tx.challenges.findById(input.challengeId);
        if (!challenge || (input.requester.role !== 'admin' && challenge.traderId !== input.requester.userId)) {
          return err(challengesErrors.notFound(input.challengeId));
        }
        const owner = { kind: 'challenge_phase', id: challenge.id } as const;
        const page = await tx.accountDeals.listByOwner(owner, { cursor: input.cursor ?? null, limit: limit.value });
        return ok({ items: page.items.map(dealView), nextCursor: page.nextCursor });
      }),
    );
  }
}
