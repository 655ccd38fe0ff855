import type { LeaderboardLine, TraderPerformance } from '@tradesense/domain';

export interface GlobalLeaderboardSnapshot {
  readonly refreshedAt: Date | null;
  readonly lines: readonly LeaderboardLine[];
}

export interface GlobalLeaderboardRepository {
  /**
   * Each opted-in trader's best profit % over their active challenge and
   * funded accounts, read in one set-based query.
   */
  performances(): Promise<TraderPerformance[]>;
  /** Replaces the published leaderboard. */
  replace(lines: readonly LeaderboardLine[], at: Date): Promise<void>;
  read(limit: number): Promise<GlobalLeaderboardSnapshot>;
}
