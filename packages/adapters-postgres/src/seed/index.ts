import type { Knex } from 'knex';
import { seedCatalog } from './catalog-seed.js';
import { seedFundedTraderAgreement } from './funded-trader-agreement-seed.js';
import { seedAffiliateTiers } from './affiliate-tiers-seed.js';

/** Every seed, in order; each is idempotent, so this runs at every start right after the migrations. */
export async function runSeeds(knex: Knex, at: Date): Promise<void> {
  await seedCatalog(knex, at);
  await seedFundedTraderAgreement(knex, at);
  await seedAffiliateTiers(knex, at);
}
