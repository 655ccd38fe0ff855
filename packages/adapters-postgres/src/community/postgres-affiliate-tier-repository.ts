import { AffiliateTierTable, Money, Percent } from '@tradesense/domain';
import type { AffiliateTierRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface TierRow {
  id: string;
  name: string;
  commission_percent: string;
  monthly_requirement: string;
  currency: string;
}

export class PostgresAffiliateTierRepository implements AffiliateTierRepository {
  constructor(private readonly db: Queryable) {}

  async table(): Promise<AffiliateTierTable> {
    const rows = (await this.db('affiliate_tiers').select('*')) as TierRow[];
    // Before the seed has run there is no ladder yet; the rule book's default stands in.
    if (rows.length === 0) return AffiliateTierTable.default();
    return AffiliateTierTable.of(
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        commission: Percent.of(r.commission_percent),
        monthlyRequirement: Money.of(r.monthly_requirement, r.currency),
      })),
    );
  }
}
