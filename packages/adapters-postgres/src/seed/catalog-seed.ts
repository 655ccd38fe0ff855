import { ChallengeModel, DEFAULT_GATEWAY_SETTINGS, DEFAULT_PROHIBITED_COUNTRIES, STELLAR_MODELS } from '@tradesense/domain';
import type { Knex } from 'knex';
import { challengeModelMapper } from '../commerce/challenge-model-mapper.js';
import { paymentGatewaySettingsMapper } from '../commerce/payment-gateway-settings-mapper.js';
import { seedOnce } from './seed-step.js';

export interface CatalogSeedResult {
  /** Rows inserted by this run (all zero on every run after the first). */
  readonly models: number;
  /** Gateway rows inserted, plus existing ones given their seeded settlement currency and rate. */
  readonly gateways: number;
  readonly prohibitedCountries: number;
}

/**
 * The catalog of the rule book: the three Stellar models with their sizes
 * and prices (sections 2), the six gateways' default settings (section 10)
 * and the prohibited countries (section 8). Each part runs once per
 * database; rows that already exist are never overwritten, so admin edits
 * survive every restart.
 */
export async function seedCatalog(knex: Knex, at: Date): Promise<CatalogSeedResult> {
  const models =
    (await seedOnce(knex, 'catalog.models.v1', at, async (trx) => {
      let inserted = 0;
      for (const state of STELLAR_MODELS) {
        const model = ChallengeModel.restore(state);
        const rows = await trx('challenge_models')
          .insert({ id: model.id, ...challengeModelMapper.toRow(model, at), version: 1 })
          .onConflict('id')
          .ignore()
          .returning('id');
        if (rows.length === 0) continue;
        inserted += 1;
        await trx('challenge_model_versions')
          .insert(challengeModelMapper.toVersionRow(model, at))
          .onConflict(['model_id', 'model_version'])
          .ignore();
      }
      return inserted;
    })) ?? 0;
  const gateways =
    (await seedOnce(knex, 'catalog.payment_gateways.v1', at, async (trx) => {
      let inserted = 0;
      for (const [index, settings] of DEFAULT_GATEWAY_SETTINGS.entries()) {
        const rows = await trx('payment_gateways')
          .insert({ id: settings.id, ...paymentGatewaySettingsMapper.toRow(settings), position: index + 1, updated_at: at, version: 1 })
          .onConflict('id')
          .ignore()
          .returning('id');
        inserted += rows.length;
      }
      return inserted;
    })) ?? 0;
  // Databases whose gateways were seeded before gateways could settle in another currency: the seeded
  // settlement (UPI: rupees at the default rate) goes onto a row that has none and still prices its fee
  // in the seed's currency. A fresh database got it with the rows above, so this changes nothing there.
  const settled =
    (await seedOnce(knex, 'catalog.payment_gateways.settlement.v1', at, async (trx) => {
      let updated = 0;
      for (const settings of DEFAULT_GATEWAY_SETTINGS) {
        if (!settings.settlement) continue;
        const { settlement_currency, settlement_rate } = paymentGatewaySettingsMapper.toRow(settings);
        updated += await trx('payment_gateways')
          .where({ id: settings.id, fee_currency: settings.fee.fixed.currency })
          .whereNull('settlement_currency')
          .update({ settlement_currency, settlement_rate, updated_at: at, version: trx.raw('version + 1') });
      }
      return updated;
    })) ?? 0;
  const prohibitedCountries =
    (await seedOnce(knex, 'catalog.prohibited_countries.v1', at, async (trx) => {
      const rows = await trx('prohibited_countries')
        .insert(DEFAULT_PROHIBITED_COUNTRIES.map((c) => ({ code: c.code, name: c.name, reason: c.reason, updated_at: at })))
        .onConflict('code')
        .ignore()
        .returning('code');
      return rows.length;
    })) ?? 0;
  return { models, gateways: gateways + settled, prohibitedCountries };
}
