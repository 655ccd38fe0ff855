import type { AffiliateClickRecord, AffiliateClickRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

export class PostgresAffiliateClickRepository implements AffiliateClickRepository {
  constructor(private readonly db: Queryable) {}

  async add(click: { token: string; affiliateId: string; clickedAt: Date }): Promise<void> {
    await this.db('affiliate_clicks').insert({ token: click.token, affiliate_id: click.affiliateId, clicked_at: click.clickedAt });
  }

  async findByToken(token: string): Promise<AffiliateClickRecord | null> {
    const row = (await this.db('affiliate_clicks as k')
      .join('affiliates as a', 'a.id', 'k.affiliate_id')
      .where('k.token', token)
      .first('k.token', 'k.affiliate_id', 'a.code', 'k.clicked_at')) as
      | { token: string; affiliate_id: string; code: string; clicked_at: Date }
      | undefined;
    return row ? { token: row.token, affiliateId: row.affiliate_id, code: row.code, clickedAt: row.clicked_at } : null;
  }
}
