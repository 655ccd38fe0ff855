import { Decimal } from 'decimal.js';
import type { TradingAccountOwner } from '@tradesense/domain';
import type { TradingDayStart, TradingDayStartRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface DayStartRow {
  login: string;
  owner: TradingAccountOwner;
  trading_day: string;
  balance: string;
  equity: string;
  observed_at: Date | null;
  taken_at: Date;
}

/** Day-start snapshots of every active trading account, one set-based statement per reset (docs/rules.md §4). */
export class PostgresTradingDayStartRepository implements TradingDayStartRepository {
  constructor(private readonly db: Queryable) {}

  async snapshot(tradingDay: string, at: Date): Promise<number> {
    // One statement, so the day start is one consistent cut: the figures last observed for the
    // login (account_equity) where there are any, else the account's own last figures.
    // `observed_at` lets the account tell figures older than a balance operation it made since.
    const result = (await this.db.raw(
      `insert into trading_account_day_starts (login, trading_day, balance, equity, observed_at, taken_at)
       select a.login, ?::date,
              coalesce(e.balance, (a.drawdown->>'lastBalance')::numeric),
              coalesce(e.equity, (a.drawdown->>'lastEquity')::numeric),
              e.updated_at, ?
         from trading_accounts a
         left join account_equity e on e.login = a.login
        where a.status = 'active'
       on conflict (login, trading_day) do nothing`,
      [tradingDay, at],
    )) as { rowCount?: number; affectedRows?: number };
    return result.rowCount ?? result.affectedRows ?? 0;
  }

  async list(tradingDay: string, page: { readonly after?: string | null; readonly limit: number }): Promise<TradingDayStart[]> {
    const query = this.db('trading_account_day_starts as s')
      .join('trading_accounts as a', 'a.login', 's.login')
      .select('s.login', 'a.owner', 's.trading_day', 's.balance', 's.equity', 's.observed_at', 's.taken_at')
      .where('s.trading_day', tradingDay)
      .orderBy('s.login')
      .limit(page.limit);
    if (page.after) void query.where('s.login', '>', page.after);
    const rows = (await query) as DayStartRow[];
    return rows.map((row) => ({
      login: row.login,
      owner: row.owner,
      tradingDay: row.trading_day,
      balance: new Decimal(row.balance),
      equity: new Decimal(row.equity),
      observedAt: row.observed_at,
      takenAt: row.taken_at,
    }));
  }
}
