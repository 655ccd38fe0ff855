import { ok, type ChallengeStatus, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage } from '../../shared-kernel/cursor-page.js';
import { withCursor } from '../../shared-kernel/invalid-cursor.js';
import { pageLimit } from '../../shared-kernel/page-limit.js';
import { challengeSummary, type ChallengeSummary } from '../shared/challenge-views.js';

export interface ListChallengesAdminInput {
  readonly status?: ChallengeStatus;
  readonly traderId?: string;
  readonly modelId?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** Every challenge matching a filter, newest first (admin). */
export class ListChallengesAdmin {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ListChallengesAdminInput = {}): Promise<Result<CursorPage<ChallengeSummary>, DomainError>> {
    const limit = pageLimit(input.limit);
    if (!limit.ok) return limit;
    return withCursor(() =>
      this.uow.run(async (tx) => {
        const page = await tx.challenges.listForAdmin({
          ...(input.status ? { status: input.status } : {}),
          ...(input.traderId ? { traderId: input.traderId } : {}),
          ...(input.modelId ? { modelId: input.modelId } : {}),
          cursor: input.cursor ?? null,
          limit: limit.value,
        });
        return ok({ items: page.items.map(challengeSummary), nextCursor: page.nextCursor });
      }),
    );
  }
}
