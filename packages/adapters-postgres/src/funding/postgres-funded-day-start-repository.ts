import { Decimal } from 'decimal.js';
import type { FundedDayStartRepository, FundedDayStartSnapshot } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface FundedDayStartRow {
  login: string;
  trading_day: string;
  funded_account_id: string;
  balance: string;
  equity: string;
  observed_at: Date | null;
  taken_at: Date;
}

/** Day-start snapshots of funded accounts, taken set-based like the challenges' (see `AccountEquityRepository`). */
export class PostgresFundedDayStartRepository implements FundedDayStartRepository {
  constructor(private readonly db: Queryable) {}

  async snapshot(tradingDay: string, at: Date): Promise<number> {
    // One statement for every active funded account: the day start must be one consistent cut.
    // The figures the risk monitor last observed (account_equity) when there are any, else the
    // account's own last figures; `observed_at` lets the account tell figures older than a
    // balance operation it made since.
    const result = (await this.db.raw(
      `insert into funded_day_start_snapshots (login, trading_day, funded_account_id, balance, equity, observed_at, taken_at)
       select f.trading_account_id, ?::date, f.id,
              coalesce(e.balance, (f.drawdown->>'lastBalance')::numeric),
              coalesce(e.equity, (f.drawdown->>'lastEquity')::numeric),
              e.updated_at, ?
         from funded_accounts f
         left join account_equity e on e.login = f.trading_account_id
        where f.status = 'active'
       on conflict (login, trading_day) do nothing`,
      [tradingDay, at],
    )) as { rowCount?: number; affectedRows?: number };
    return result.rowCount ?? result.affectedRows ?? 0;
  }

  async list(tradingDay: string, page: { readonly after?: string | null; readonly limit: number }): Promise<FundedDayStartSnapshot[]> {
    const query = this.db('funded_day_start_snapshots').where({ trading_day: tradingDay }).orderBy('funded_account_id').limit(page.limit);
    if (page.after) void query.where('funded_account_id', '>', page.after);
    const rows = (await query) as FundedDayStartRow[];
    return rows.map((row) => ({
      fundedAccountId: row.funded_account_id,
      login: row.login,
      tradingDay: row.trading_day,
      balance: new Decimal(row.balance),
      equity: new Decimal(row.equity),
      observedAt: row.observed_at,
      takenAt: row.taken_at,
    }));
  }
}
