import { DEFAULT_AFFILIATE_TIERS } from '@tradesense/domain';
import type { Knex } from 'knex';
import { seedOnce } from './seed-step.js';

/**
 * Seeds the four tiers of section 11 (Star 8% / 0, Galactic 12% / 1,000,
 * Cosmic 15% / 2,500, Infinity 18% / 6,000), once per database: tiers an
 * admin edited later keep their values, and a second run adds nothing.
 */
export async function seedAffiliateTiers(knex: Knex, at: Date): Promise<void> {
  await seedOnce(knex, 'affiliate_tiers', at, async (trx) => {
    await trx('affiliate_tiers')
      .insert(
        DEFAULT_AFFILIATE_TIERS.map((tier) => ({
          id: tier.id,
          name: tier.name,
          commission_percent: tier.commission.points.toFixed(),
          monthly_requirement: tier.monthlyRequirement.amount.toFixed(),
          currency: tier.monthlyRequirement.currency,
          updated_at: at,
        })),
      )
      .onConflict('id')
      .ignore();
  });
}
