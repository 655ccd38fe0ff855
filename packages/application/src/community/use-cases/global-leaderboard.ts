import { ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { GlobalLeaderboardSnapshot } from '../ports/global-leaderboard-repository.js';
import { GLOBAL_LEADERBOARD_SIZE } from './refresh-global-leaderboard.js';

/** Public query: the published top traders (rank, display name, profit %). */
export class GlobalLeaderboardQuery {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: { limit?: number } = {}): Promise<Result<GlobalLeaderboardSnapshot, DomainError>> {
    const limit = Math.max(0, Math.min(input.limit ?? GLOBAL_LEADERBOARD_SIZE, GLOBAL_LEADERBOARD_SIZE));
    return ok(await this.uow.run((tx) => tx.globalLeaderboard.read(limit)));
  }
}
