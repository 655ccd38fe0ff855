import { TradingAccount } from '@tradesense/domain';
import { watchedLogin, type LoadOptions, type OwnerRef, type RiskWatchAnnouncer, type TradingAccountRepository } from '@tradesense/application';
import type { Knex } from 'knex';
import { lockedIf } from '../funding/row-lock.js';
import { PostgresRiskWatchAnnouncer } from '../risk/postgres-risk-watch-signals.js';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { tradingAccountMapper, type TradingAccountRow } from './trading-account-mapper.js';

/** Every watched login in one table, whatever it belongs to; saved only if the row still has the version loaded. */
export class PostgresTradingAccountRepository implements TradingAccountRepository {
  /** The login the risk monitor watches for each account as stored (see `watchedLogin`). */
  private readonly watched = new WeakMap<TradingAccount, string | null>();

  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
    private readonly riskWatch: RiskWatchAnnouncer = new PostgresRiskWatchAnnouncer(db),
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
    await this.announceWatch(account);
  }

  /**
   * Announced here, in the save, rather than by each use case that makes an
   * account watched (a challenge's activation, next phase or reset, a funded
   * account's activation, a competition entry, an override that lets an
   * account trade again): every one of them, and any later one, stores the
   * trading account through this save in its own transaction, and the save
   * alone knows whether the account was watched before, so the announcement
   * (delivered on commit) cannot be forgotten nor sent for the many saves
   * (a deal, an observation) that change nothing the monitor watches.
   */
  private async announceWatch(account: TradingAccount): Promise<void> {
    const login = watchedLogin(account);
    const before = this.watched.get(account);
    this.watched.set(account, login);
    if (login !== null && login !== before) await this.riskWatch.announce(login);
  }

  private loaded(row: TradingAccountRow): TradingAccount {
    const account = this.versions.loaded(TradingAccount.restore(tradingAccountMapper.toState(row)), row.version);
    this.watched.set(account, watchedLogin(account));
    return account;
  }
}
