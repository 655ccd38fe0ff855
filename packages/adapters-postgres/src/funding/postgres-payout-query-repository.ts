import { DomainError, viewPayout } from '@tradesense/domain';
import { INVALID_CURSOR, type CursorPage, type PayoutFilter, type PayoutListItem, type PayoutQueryRepository } from '@tradesense/application';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../challenges/keyset-cursor.js';
import type { Queryable } from '../shared/queryable.js';
import { payoutMapper, type PayoutRow } from './funded-account-mapper.js';

type ListedRow = PayoutRow & { trading_account_id: string; currency: string };

/** Payout lists across accounts (trader history, the admin queue, the guarantee check). */
export class PostgresPayoutQueryRepository implements PayoutQueryRepository {
  constructor(private readonly db: Queryable) {}

  async list(filter: PayoutFilter): Promise<CursorPage<PayoutListItem>> {
    const query = this.joined();
    if (filter.traderId) void query.where('p.trader_id', filter.traderId);
    if (filter.status) void query.where('p.status', filter.status);
    if (filter.cursor) {
      const parts = decodeCursor(filter.cursor, ['instant', 'id']);
      if (!parts) throw new DomainError(INVALID_CURSOR, 'The page cursor is not valid');
      void query.whereRaw('(p.requested_at, p.id) < (?, ?)', parts);
    }
    const rows = (await query
      .orderBy([
        { column: 'p.requested_at', order: 'desc' },
        { column: 'p.id', order: 'desc' },
      ])
      .limit(filter.limit + 1)) as ListedRow[];
    const items = rows.slice(0, filter.limit);
    const last = items.at(-1);
    return {
      items: items.map(listItem),
      nextCursor: rows.length > filter.limit && last ? encodeCursor([last.requested_at.toISOString(), last.id]) : null,
    };
  }

  async listOverdueWithoutCompensation(at: Date, limit: number): Promise<PayoutListItem[]> {
    const rows = (await this.joined()
      .whereIn('p.status', ['requested', 'approved'])
      .where('p.deadline', '<', at)
      .whereNotExists(this.db('payout_compensations as c').select(this.db.raw('1')).whereRaw('c.payout_id = p.id'))
      .orderBy([{ column: 'p.deadline' }, { column: 'p.id' }])
      .limit(limit)) as ListedRow[];
    return rows.map(listItem);
  }

  private joined(): Knex.QueryBuilder {
    return this.db('payouts as p')
      .join('funded_accounts as f', 'f.id', 'p.funded_account_id')
      .select('p.*', 'f.trading_account_id', 'f.currency');
  }
}

function listItem(row: ListedRow): PayoutListItem {
  return {
    ...viewPayout(payoutMapper.toState(row), row.currency),
    fundedAccountId: row.funded_account_id,
    traderId: row.trader_id,
    tradingAccountId: row.trading_account_id,
    currency: row.currency,
  };
}
