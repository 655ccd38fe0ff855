import { ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage } from '../../shared-kernel/cursor-page.js';
import { withCursor } from '../../shared-kernel/invalid-cursor.js';
import { pageLimit } from '../../shared-kernel/page-limit.js';
import { challengeSummary, type ChallengeSummary } from '../shared/challenge-views.js';

export interface ListChallengesInput {
  readonly userId: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** A trader's own challenges, newest first, a page at a time. */
export class ListChallenges {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ListChallengesInput): Promise<Result<CursorPage<ChallengeSummary>, DomainError>> {
    const limit = pageLimit(input.limit);
    if (!limit.ok) return limit;
    return withCursor(() =>
      this.uow.run(async (tx) => {
        const page = await tx.challenges.listByTrader(input.userId, { cursor: input.cursor ?? null, limit: limit.value });
        return ok({ items: page.items.map(challengeSummary), nextCursor: page.nextCursor });
      }),
    );
  }
}
