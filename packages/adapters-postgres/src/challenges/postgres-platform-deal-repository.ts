import { Decimal } from 'decimal.js';
import { DomainError } from '@tradesense/domain';
import { INVALID_CURSOR, type CursorPage, type PageRequest, type PlatformDealRepository, type RecordedDeal } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';
import { platformDealMapper, type PlatformDealRow } from './platform-deal-mapper.js';

export class PostgresPlatformDealRepository implements PlatformDealRepository {
  constructor(private readonly db: Queryable) {}

  async record(deal: RecordedDeal): Promise<boolean> {
    const inserted = (await this.db('platform_deals')
      .insert(platformDealMapper.toRow(deal))
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

  async listByChallenge(challengeId: string, page: PageRequest): Promise<CursorPage<RecordedDeal>> {
    const query = this.db('platform_deals').where({ challenge_id: challengeId });
    if (page.cursor) {
      const parts = decodeCursor(page.cursor, ['bigint']);
      if (!parts) throw new DomainError(INVALID_CURSOR, 'The page cursor is not valid');
      void query.where('seq', '<', parts[0]!);
    }
    const rows = (await query.orderBy('seq', 'desc').limit(page.limit + 1)) as PlatformDealRow[];
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows.at(-1);
    return {
      items: pageRows.map(platformDealMapper.toDeal),
      nextCursor: rows.length > page.limit && last ? encodeCursor([String(last.seq)]) : null,
    };
  }
}
