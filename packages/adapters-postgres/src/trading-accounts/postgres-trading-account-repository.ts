import { TradingAccount } from '@tradesense/domain';
import type { LoadOptions, OwnerRef, TradingAccountRepository } from '@tradesense/application';
import type { Knex } from 'knex';
import { lockedIf } from '../funding/row-lock.js';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { tradingAccountMapper, type TradingAccountRow } from './trading-account-mapper.js';

/** Every watched login in one table, whatever it belongs to; saved only if the row still has the version loaded. */
export class PostgresTradingAccountRepository implements TradingAccountRepository {
  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async find(login: string, options: LoadOptions = {}): Promise<TradingAccount | null> {
    const row = (await lockedIf(this.db('trading_accounts').where({ login }), options).first()) as TradingAccountRow | undefined;
    return row ? this.loaded(row) : null;
  }

  async listByOwner(owner: OwnerRef): Promise<TradingAccount[]> {
    const rows = (await this.db('trading_accounts')
      .where({ owner_kind: owner.kind, owner_id: owner.id })
      .orderBy([{ column: 'opened_at' }, { column: 'login' }])) as TradingAccountRow[];
    return rows.map((row) => this.loaded(row));
  }

  async listActive(page: { readonly after?: string | null; readonly limit: number }): Promise<TradingAccount[]> {
    const query: Knex.QueryBuilder = this.db('trading_accounts').where({ status: 'active' }).orderBy('login').limit(page.limit);
    if (page.after) void query.where('login', '>', page.after);
    return ((await query) as TradingAccountRow[]).map((row) => this.loaded(row));
  }

  async save(account: TradingAccount): Promise<void> {
    const state = account.toState();
    await this.versions.save(this.db, 'trading_accounts', 'trading_account', account, state.login, tradingAccountMapper.toRow(state), 'login');
  }

  private loaded(row: TradingAccountRow): TradingAccount {
    return this.versions.loaded(TradingAccount.restore(tradingAccountMapper.toState(row)), row.version);
  }
}
