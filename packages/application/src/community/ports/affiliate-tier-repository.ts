import type { AffiliateTierTable } from '@tradesense/domain';

/** The tier ladder as stored (seeded with the rule book's four tiers). */
export interface AffiliateTierRepository {
  table(): Promise<AffiliateTierTable>;
}
