import type { Decimal } from '../money/decimal.js';

/** One ranked line of a competition leaderboard. */
export interface Standing {
  readonly rank: number;
  readonly entryId: string;
  readonly userId: string;
  readonly equity: string;
  /** (equity − initial) / initial as a fraction, e.g. "0.0523". */
  readonly roi: string;
  readonly roiReachedAt: Date;
  readonly registeredAt: Date;
}

export interface RankingKey {
  readonly entryId: string;
  /** Any quantity ordered like ROI; inside one competition (one initial balance) equity works exactly. */
  readonly performance: Decimal;
  readonly roiReachedAt: Date;
  readonly registeredAt: Date;
}

/**
 * The ranking of section 7 as a comparator: higher ROI first; ties go to the
 * entry that reached its ROI earlier, then to the earlier registration, then
 * to the smaller entry id. Entry ids are unique, so this is a strict total
 * order and a re-computation gives the same ranks.
 */
export function compareRanking(a: RankingKey, b: RankingKey): number {
  const byPerformance = b.performance.comparedTo(a.performance);
  if (byPerformance !== 0) return byPerformance;
  const byReached = a.roiReachedAt.getTime() - b.roiReachedAt.getTime();
  if (byReached !== 0) return Math.sign(byReached);
  const byRegistration = a.registeredAt.getTime() - b.registeredAt.getTime();
  if (byRegistration !== 0) return Math.sign(byRegistration);
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}
