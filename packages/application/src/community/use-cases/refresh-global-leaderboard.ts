import { ok, publicLeaderboard, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';

export const GLOBAL_LEADERBOARD_SIZE = 100;

export interface RefreshGlobalLeaderboardInput {
  readonly limit?: number;
}

/**
 * Job: republishes the top traders by profit % across active challenge and
 * funded accounts. Only opted-in display names make it (the domain filters
 * and orders, ties by trader id); the published table holds no user ids.
 */
export class RefreshGlobalLeaderboard {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: RefreshGlobalLeaderboardInput = {}): Promise<Result<{ lines: number; refreshedAt: Date }, DomainError>> {
    const refreshedAt = this.clock.now();
    return this.uow.run(async (tx) => {
      const lines = publicLeaderboard(await tx.globalLeaderboard.performances(), input.limit ?? GLOBAL_LEADERBOARD_SIZE);
      await tx.globalLeaderboard.replace(lines, refreshedAt);
      return ok({ lines: lines.length, refreshedAt });
    });
  }
}
