import { DomainError, FundedAccount, PayoutErrorCode } from '@tradesense/domain';
import type { FundedAccountRepository, LoadOptions } from '@tradesense/application';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../shared/pg-errors.js';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { fundedAccountMapper, payoutMapper, type FundedAccountRow, type PayoutRow } from './funded-account-mapper.js';
import { lockedIf } from './row-lock.js';

/**
 * Funded accounts with their payouts in a table of their own (payouts are
 * listed and filtered across accounts). The account row carries the version;
 * payouts are written with it in the same transaction.
 */
export class PostgresFundedAccountRepository implements FundedAccountRepository {
  /** Payout ids that have a row already, per aggregate: new payouts are inserted, known ones updated. */
  private readonly storedPayouts = new WeakMap<FundedAccount, Set<string>>();

  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findById(id: string, options: LoadOptions = {}): Promise<FundedAccount | null> {
    return this.one(await lockedIf(this.db('funded_accounts').where({ id }), options).first());
  }

  async findByChallengeId(challengeId: string): Promise<FundedAccount | null> {
    return this.one(await this.db('funded_accounts').where({ challenge_id: challengeId }).first());
  }

  async findByPayoutId(payoutId: string, options: LoadOptions = {}): Promise<FundedAccount | null> {
    const owner = this.db('payouts').select('funded_account_id').where({ id: payoutId });
    return this.one(await lockedIf(this.db('funded_accounts').whereIn('id', owner), options).first());
  }

  async findByLogin(login: string, options: LoadOptions = {}): Promise<FundedAccount | null> {
    return this.one(await lockedIf(this.db('funded_accounts').where({ trading_account_id: login }), options).first());
  }

  async listByTrader(traderId: string): Promise<FundedAccount[]> {
    return this.many(await this.db('funded_accounts').where({ trader_id: traderId }).orderBy([{ column: 'opened_at' }, { column: 'id' }]));
  }

  async listActive(page: { readonly after?: string | null; readonly limit: number }): Promise<FundedAccount[]> {
    const query: Knex.QueryBuilder = this.db('funded_accounts').where({ status: 'active' }).orderBy('id').limit(page.limit);
    if (page.after) void query.where('id', '>', page.after);
    return this.many(await query);
  }

  async save(account: FundedAccount): Promise<void> {
    const state = account.toState();
    await this.versions.save(this.db, 'funded_accounts', 'funded_account', account, state.id, fundedAccountMapper.toRow(state));
    const stored = this.storedPayouts.get(account) ?? new Set<string>();
    for (const [position, payout] of state.payouts.entries()) {
      const row = payoutMapper.toRow(payout, state, position);
      if (stored.has(payout.id)) {
        // Scoped to the account, so a payout id can never reach another account's row.
        await this.db('payouts').where({ id: payout.id, funded_account_id: state.id }).update(row);
        continue;
      }
      try {
        await this.db('payouts').insert(row);
      } catch (error) {
        if (isUniqueViolation(error, 'payouts_pkey')) {
          throw new DomainError(PayoutErrorCode.DUPLICATE_ID, 'A payout with this id exists', { payoutId: payout.id });
        }
        throw error;
      }
      stored.add(payout.id);
    }
    this.storedPayouts.set(account, stored);
  }

  private async one(row: FundedAccountRow | undefined): Promise<FundedAccount | null> {
    return row ? ((await this.many([row]))[0] ?? null) : null;
  }

  private async many(rows: readonly FundedAccountRow[]): Promise<FundedAccount[]> {
    if (rows.length === 0) return [];
    const payouts = (await this.db('payouts').whereIn(
      'funded_account_id',
      rows.map((row) => row.id),
    )) as PayoutRow[];
    return rows.map((row) => {
      const own = payouts.filter((payout) => payout.funded_account_id === row.id);
      const state = fundedAccountMapper.toState(row, own);
      const account = this.versions.loaded(FundedAccount.restore(state), row.version);
      this.storedPayouts.set(account, new Set(own.map((payout) => payout.id)));
      return account;
    });
  }
}
