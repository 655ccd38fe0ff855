import { Decimal, type LeaderboardLine, type TraderPerformance } from '@tradesense/domain';
import type { GlobalLeaderboardRepository, GlobalLeaderboardSnapshot } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

const REFRESH_ROW = 'global';

/**
 * Profit % of every active challenge account (current phase) and active
 * funded account, from the latest equity the risk feed stored (while none is
 * stored: the challenge's initial balance, the funded account's booked
 * balance), reduced to each opted-in trader's best account. One statement,
 * whatever the number of accounts.
 */
const PERFORMANCES_SQL = `
  with accounts as (
    select c.trader_id as user_id,
           (coalesce(e.equity, c.initial_balance) - c.initial_balance) * 100 / c.initial_balance as profit_percent
      from challenges c
      left join account_equity e on e.login = c.account_login
     where c.status = 'active' and c.account_login is not null and c.initial_balance > 0
    union all
    select f.trader_id,
           (coalesce(e.equity, f.balance) - f.initial_balance) * 100 / f.initial_balance
      from funded_accounts f
      left join account_equity e on e.login = f.trading_account_id
     where f.status = 'active' and f.initial_balance > 0
  )
  select u.id as user_id, u.display_name, round(max(a.profit_percent), 8)::text as profit_percent
    from accounts a
    join users u on u.id = a.user_id
   where u.leaderboard_opt_in and coalesce(btrim(u.display_name), '') <> ''
   group by u.id, u.display_name`;

export class PostgresGlobalLeaderboardRepository implements GlobalLeaderboardRepository {
  constructor(private readonly db: Queryable) {}

  async performances(): Promise<TraderPerformance[]> {
    const result = (await this.db.raw(PERFORMANCES_SQL)) as { rows: { user_id: string; display_name: string; profit_percent: string }[] };
    return result.rows.map((r) => ({
      traderId: r.user_id,
      displayName: r.display_name,
      optedIn: true,
      profitPercent: new Decimal(r.profit_percent),
    }));
  }

  async replace(lines: readonly LeaderboardLine[], at: Date): Promise<void> {
    await this.db('global_leaderboard').del();
    if (lines.length > 0) {
      await this.db('global_leaderboard').insert(
        lines.map((l) => ({ rank: l.rank, display_name: l.displayName, profit_percent: l.profitPercent, refreshed_at: at })),
      );
    }
    await this.db('global_leaderboard_refreshes').insert({ id: REFRESH_ROW, refreshed_at: at }).onConflict('id').merge();
  }

  async read(limit: number): Promise<GlobalLeaderboardSnapshot> {
    const refresh = (await this.db('global_leaderboard_refreshes').where({ id: REFRESH_ROW }).first()) as
      | { refreshed_at: Date }
      | undefined;
    const rows = (await this.db('global_leaderboard').orderBy('rank').limit(limit)) as {
      rank: number;
      display_name: string;
      profit_percent: string;
    }[];
    return {
      refreshedAt: refresh?.refreshed_at ?? null,
      lines: rows.map((r) => ({ rank: r.rank, displayName: r.display_name, profitPercent: new Decimal(r.profit_percent).toFixed(2) })),
    };
  }
}
