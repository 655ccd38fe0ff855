import { Challenge, DomainError, type ChallengeState } from '@tradesense/domain';
import {
  INVALID_CURSOR,
  type ChallengeAdminFilter,
  type ChallengeProvisioning,
  type ChallengeRepository,
  type CursorPage,
  type LoadOptions,
  type PageRequest,
} from '@tradesense/application';
import type { Knex } from 'knex';
import type { Queryable } from '../shared/queryable.js';
import { isUniqueViolation } from '../shared/pg-errors.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { challengeMapper, type ChallengeRow } from './challenge-mapper.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';

export class PostgresChallengeRepository implements ChallengeRepository {
  /** Challenges that have a row already, with the accounts already on record for them. */
  private readonly stored = new WeakMap<Challenge, string>();

  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findById(id: string, options: LoadOptions = {}): Promise<Challenge | null> {
    return this.one(await this.locked(this.db('challenges').where({ id }), options).first());
  }

  async findByAccountLogin(login: string, options: LoadOptions = {}): Promise<Challenge | null> {
    const owner = this.db('challenge_accounts').select('challenge_id').where({ login });
    const query = this.db('challenges')
      .where((q) => q.where({ account_login: login }).orWhereIn('id', owner))
      .orderByRaw('(account_login = ?) desc', [login]);
    return this.one(await this.locked(query, options).first());
  }

  async findByOrderId(orderId: string): Promise<Challenge | null> {
    return this.one(await this.db('challenges').where({ order_id: orderId }).first());
  }

  async isSwapFree(challengeId: string): Promise<boolean> {
    const row = (await this.db('challenges').select('swap_free').where({ id: challengeId }).first()) as
      | { swap_free: boolean }
      | undefined;
    return row?.swap_free ?? false;
  }

  async listActive(page: { readonly after?: string | null; readonly limit: number }): Promise<Challenge[]> {
    const query = this.db('challenges').where({ status: 'active' }).orderBy('id').limit(page.limit);
    if (page.after) void query.where('id', '>', page.after);
    return this.many(await query);
  }

  async listAwaitingNextPhase(limit: number): Promise<Challenge[]> {
    return this.many(await this.db('challenges').where({ status: 'active', phase_passed: true }).orderBy('updated_at').limit(limit));
  }

  async listByTrader(traderId: string, page: PageRequest): Promise<CursorPage<Challenge>> {
    return this.newestFirst(this.db('challenges').where({ trader_id: traderId }), page);
  }

  async listForAdmin(filter: ChallengeAdminFilter): Promise<CursorPage<Challenge>> {
    const query = this.db('challenges');
    if (filter.status) void query.where({ status: filter.status });
    if (filter.traderId) void query.where({ trader_id: filter.traderId });
    if (filter.modelId) void query.where({ model_id: filter.modelId });
    return this.newestFirst(query, filter);
  }

  async save(challenge: Challenge, provisioning: ChallengeProvisioning = {}): Promise<void> {
    const state = challenge.toState();
    const row: Record<string, unknown> = challengeMapper.toRow(state);
    if (!this.stored.has(challenge)) {
      row['order_id'] = provisioning.orderId ?? null;
      row['swap_free'] = provisioning.swapFree ?? false;
    }
    try {
      await this.versions.save(this.db, 'challenges', 'challenge', challenge, state.id, row);
    } catch (error) {
      if (isUniqueViolation(error, 'challenges_order_id_unique')) {
        throw new DomainError('CHALLENGE.ORDER_ALREADY_FULFILLED', 'The order already has a challenge', {
          orderId: provisioning.orderId,
        });
      }
      throw error;
    }
    const accounts = challengeAccounts(state);
    const known = accounts.map((account) => account.login).join(',');
    // Most saves (an observation, a deal) open no account: skip the statement then.
    if (accounts.length > 0 && this.stored.get(challenge) !== known) {
      await this.db('challenge_accounts').insert(accounts).onConflict('login').ignore();
    }
    this.stored.set(challenge, known);
  }

  private async newestFirst(query: Knex.QueryBuilder, page: PageRequest): Promise<CursorPage<Challenge>> {
    if (page.cursor) {
      const parts = decodeCursor(page.cursor, ['instant', 'id']);
      if (!parts) throw new DomainError(INVALID_CURSOR, 'The page cursor is not valid');
      const [createdAt, id] = parts as [string, string];
      void query.whereRaw('(created_at, id) < (?, ?)', [createdAt, id]);
    }
    const rows = (await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit + 1)) as ChallengeRow[];
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows.at(-1);
    return {
      items: this.many(pageRows),
      nextCursor: rows.length > page.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  private locked(query: Knex.QueryBuilder, options: LoadOptions): Knex.QueryBuilder {
    return options.lock ? query.forUpdate() : query;
  }

  private many(rows: readonly ChallengeRow[]): Challenge[] {
    return rows.map((row) => this.restore(row));
  }

  private one(row: ChallengeRow | undefined): Challenge | null {
    return row ? this.restore(row) : null;
  }

  private restore(row: ChallengeRow): Challenge {
    const state = challengeMapper.toState(row);
    const challenge = this.versions.loaded(Challenge.restore(state), row.version);
    this.stored.set(challenge, challengeAccounts(state).map((account) => account.login).join(','));
    return challenge;
  }
}

/** Every account the challenge traded on (its challenge_accounts rows): earlier phases and attempts from its history, and the current one. */
export function challengeAccounts(state: ChallengeState) {
  const rows = new Map<string, { login: string; challenge_id: string; phase: number; attempt: number; opened_at: Date }>();
  for (const record of state.history) {
    rows.set(record.account, {
      login: record.account,
      challenge_id: state.id,
      phase: record.phase,
      attempt: record.attempt,
      opened_at: record.startedAt,
    });
  }
  if (state.account) {
    rows.set(state.account, {
      login: state.account,
      challenge_id: state.id,
      phase: state.phase,
      attempt: state.attempt,
      opened_at: state.phaseStartedAt ?? state.updatedAt,
    });
  }
  return [...rows.values()];
}
