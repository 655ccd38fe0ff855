import { Decimal } from 'decimal.js';
import type { Knex } from 'knex';
import { DomainError } from '@tradesense/domain';
import {
  INVALID_CURSOR,
  type AccountDealRepository,
  type CursorPage,
  type OwnerRef,
  type PageRequest,
  type RecordedDeal,
} from '@tradesense/application';
import { decodeCursor, encodeCursor } from '../challenges/keyset-cursor.js';
import type { Queryable } from '../shared/queryable.js';
import { accountDealMapper, type AccountDealRow } from './account-deal-mapper.js';

/** The deals taken in for every watched login (platform_deals), keyed by login and ticket and listed by owner. */
export class PostgresAccountDealRepository implements AccountDealRepository {
  constructor(private readonly db: Queryable) {}

  async record(deal: RecordedDeal): Promise<boolean> {
    // A redelivered deal (the feed resumes from its cursor) must not count twice.
    const inserted = (await this.db('platform_deals')
      .insert(accountDealMapper.toRow(deal))
      .onConflict(['login', 'deal_id'])
      .ignore()
      .returning('seq')) as unknown[];
    return inserted.length > 0;
  }

  async openVolume(login: string, positionId: string): Promise<Decimal> {
    const row = (await this.db('platform_deals')
      .where({ login, position_id: positionId })
      .select(
        this.db.raw(
          `coalesce(sum(case when entry = 'in' then volume when entry in ('out', 'out_by') then -volume else 0 end), 0)::text as open`,
        ),
      )
      .first()) as { open: string } | undefined;
    return new Decimal(row?.open ?? 0);
  }

  async positionDeals(login: string, positionId: string): Promise<RecordedDeal[]> {
    const rows = (await this.db('platform_deals').where({ login, position_id: positionId }).orderBy('seq', 'asc')) as AccountDealRow[];
    return rows.map(accountDealMapper.toDeal);
  }

  async listByOwner(owner: OwnerRef, page: PageRequest): Promise<CursorPage<RecordedDeal>> {
    // `seq` grows with each deal taken in, whatever the login: one order across a challenge's phases and attempts.
    return this.page(this.db('platform_deals').where({ owner_kind: owner.kind, owner_id: owner.id }), page);
  }

  async listByLogin(login: string, page: PageRequest): Promise<CursorPage<RecordedDeal>> {
    return this.page(this.db('platform_deals').where({ login }), page);
  }

  private async page(query: Knex.QueryBuilder, page: PageRequest): Promise<CursorPage<RecordedDeal>> {
    if (page.cursor) {
      const parts = decodeCursor(page.cursor, ['bigint']);
      if (!parts) throw new DomainError(INVALID_CURSOR, 'The page cursor is not valid');
      void query.where('seq', '<', parts[0]!);
    }
    const rows = (await query.orderBy('seq', 'desc').limit(page.limit + 1)) as AccountDealRow[];
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows.at(-1);
    return {
      items: pageRows.map(accountDealMapper.toDeal),
      nextCursor: rows.length > page.limit && last ? encodeCursor([String(last.seq)]) : null,
    };
  }
}
