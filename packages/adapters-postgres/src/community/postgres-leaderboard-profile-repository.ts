import type { LeaderboardProfileRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

export class PostgresLeaderboardProfileRepository implements LeaderboardProfileRepository {
  constructor(private readonly db: Queryable) {}

  async publicNames(userIds: readonly string[]): Promise<Map<string, string | null>> {
    const names = new Map<string, string | null>(userIds.map((id) => [id, null]));
    if (userIds.length === 0) return names;
    // Only the name column of opted-in traders is read: e-mails never leave the users table here.
    const rows = (await this.db('users')
      .whereIn('id', [...new Set(userIds)])
      .andWhere('leaderboard_opt_in', true)
      .select('id', 'display_name')) as { id: string; display_name: string | null }[];
    for (const row of rows) names.set(row.id, row.display_name?.trim() || null);
    return names;
  }
}
