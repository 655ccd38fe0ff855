import { Decimal } from 'decimal.js';
import type { AccountEquityRepository, AccountFigures, LedgerPosition } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface AccountEquityRow {
  login: string;
  balance: string;
  equity: string;
  updated_at: Date;
  ledger_balance: string;
  last_deal_id: string | null;
}

const toFigures = (row: AccountEquityRow): AccountFigures => ({
  login: row.login,
  balance: new Decimal(row.balance),
  equity: new Decimal(row.equity),
  updatedAt: row.updated_at,
  ledgerBalance: new Decimal(row.ledger_balance),
  lastDealId: row.last_deal_id,
});

/**
 * The latest figures and the deal cursor of every watched login (account_equity),
 * whatever owns it: the trading-day start reads them, in the same statement, for
 * every active trading account.
 */
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
}
