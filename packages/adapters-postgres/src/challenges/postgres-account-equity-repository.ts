import { Decimal } from 'decimal.js';
import type { AccountEquityRepository, AccountFigures, DayStartSnapshot, LedgerPosition } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface AccountEquityRow {
  login: string;
  balance: string;
  equity: string;
  updated_at: Date;
  ledger_balance: string;
  last_deal_id: string | null;
}

interface DayStartRow {
  login: string;
  trading_day: string;
  challenge_id: string;
  balance: string;
  equity: string;
  taken_at: Date;
}

const toFigures = (row: AccountEquityRow): AccountFigures => ({
  login: row.login,
  balance: new Decimal(row.balance),
  equity: new Decimal(row.equity),
  updatedAt: row.updated_at,
  ledgerBalance: new Decimal(row.ledger_balance),
  lastDealId: row.last_deal_id,
});

export class PostgresAccountEquityRepository implements AccountEquityRepository {
  constructor(private readonly db: Queryable) {}

  async find(login: string): Promise<AccountFigures | null> {
    const row = (await this.db('account_equity').where({ login }).first()) as AccountEquityRow | undefined;
    return row ? toFigures(row) : null;
  }

  async lock(login: string, at: Date): Promise<AccountFigures> {
    await this.db('account_equity')
      .insert({ login, balance: '0', equity: '0', updated_at: at, ledger_balance: '0', last_deal_id: null })
      .onConflict('login')
      .ignore();
    const row = (await this.db('account_equity').where({ login }).forUpdate().first()) as AccountEquityRow;
    return toFigures(row);
  }

  async update(
    login: string,
    figures: { balance: Decimal; equity: Decimal; at: Date; ledger?: LedgerPosition },
  ): Promise<void> {
    const ledger = figures.ledger ?? null;
    // Deals and ticks arrive on separate paths: an older observation must not overwrite a newer one.
    await this.db.raw(
      `insert into account_equity as a (login, balance, equity, updated_at, ledger_balance, last_deal_id)
       values (?, ?, ?, ?, coalesce(?::numeric, 0), ?)
       on conflict (login) do update set
         balance = case when excluded.updated_at >= a.updated_at then excluded.balance else a.balance end,
         equity = case when excluded.updated_at >= a.updated_at then excluded.equity else a.equity end,
         updated_at = greatest(a.updated_at, excluded.updated_at),
         ledger_balance = coalesce(?::numeric, a.ledger_balance),
         last_deal_id = coalesce(?, a.last_deal_id)`,
      [
        login,
        figures.balance.toFixed(),
        figures.equity.toFixed(),
        figures.at,
        ledger?.balance.toFixed() ?? null,
        ledger?.lastDealId ?? null,
        ledger?.balance.toFixed() ?? null,
        ledger?.lastDealId ?? null,
      ],
    );
  }

  async snapshotDayStart(tradingDay: string, at: Date): Promise<number> {
    // One statement for every active account: the day start must be one
    // consistent cut, and a loop would not scale with the number of accounts.
    const result = (await this.db.raw(
      `insert into day_start_snapshots (login, trading_day, challenge_id, balance, equity, taken_at)
       select c.account_login, ?::date, c.id,
              coalesce(e.balance, c.initial_balance), coalesce(e.equity, c.initial_balance), ?
         from challenges c
         left join account_equity e on e.login = c.account_login
        where c.status = 'active' and not c.phase_passed and c.account_login is not null
       on conflict (login, trading_day) do nothing`,
      [tradingDay, at],
    )) as { rowCount?: number; affectedRows?: number };
    return result.rowCount ?? result.affectedRows ?? 0;
  }

  async listDayStart(
    tradingDay: string,
    page: { readonly after?: string | null; readonly limit: number },
  ): Promise<DayStartSnapshot[]> {
    const query = this.db('day_start_snapshots').where({ trading_day: tradingDay }).orderBy('challenge_id').limit(page.limit);
    if (page.after) void query.where('challenge_id', '>', page.after);
    const rows = (await query) as DayStartRow[];
    return rows.map((row) => ({
      challengeId: row.challenge_id,
      login: row.login,
      tradingDay: row.trading_day,
      balance: new Decimal(row.balance),
      equity: new Decimal(row.equity),
      takenAt: row.taken_at,
    }));
  }
}
