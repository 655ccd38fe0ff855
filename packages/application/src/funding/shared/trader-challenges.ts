import type { Challenge, ChallengeStatus } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';

const PAGE = 50;

/** Every challenge of a trader, newest first (a trader has few). */
export async function traderChallenges(tx: TransactionScope, traderId: string): Promise<Challenge[]> {
  const all: Challenge[] = [];
  let cursor: string | null = null;
  do {
    const page = await tx.challenges.listByTrader(traderId, { cursor, limit: PAGE });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export async function traderChallengesIn(tx: TransactionScope, traderId: string, status: ChallengeStatus): Promise<Challenge[]> {
  return (await traderChallenges(tx, traderId)).filter((challenge) => challenge.status === status);
}
