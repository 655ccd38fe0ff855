import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * Gateways that collect in another currency than the price (Razorpay UPI:
 * rupees) and the charge each order froze at placement. A gateway's
 * settlement is a currency and a rate (units of it per unit of the price
 * currency), both set or both null. An order's charge is what the gateway
 * collects: orders placed before this migration were charged their total
 * in their own currency, so that is what they get.
 */
export const orderCharge: Migration = {
  name: '0008_order_charge',
  async up(knex: Knex) {
    await knex.schema.alterTable('payment_gateways', (t) => {
      t.string('settlement_currency', 3);
      t.decimal('settlement_rate', 24, 10);
    });
    await knex.raw(`alter table payment_gateways add constraint payment_gateways_settlement_check check (
      (settlement_currency is null) = (settlement_rate is null) and (settlement_rate is null or settlement_rate > 0))`);

    await knex.schema.alterTable('orders', (t) => {
      // Four decimals hold every currency's minor unit (three at most, e.g. KWD); the integer digits
      // hold the largest total (NUMERIC(20,2)) times the largest rate (below 1,000,000).
      t.decimal('charge_amount', 30, 4);
      t.string('charge_currency', 3);
      t.decimal('charge_rate', 24, 10);
    });
    await knex.raw('update orders set charge_amount = total, charge_currency = currency');
    await knex.raw('alter table orders alter column charge_amount set not null');
    await knex.raw('alter table orders alter column charge_currency set not null');
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('orders', (t) => {
      t.dropColumn('charge_rate');
      t.dropColumn('charge_currency');
      t.dropColumn('charge_amount');
    });
    await knex.raw('alter table payment_gateways drop constraint payment_gateways_settlement_check');
    await knex.schema.alterTable('payment_gateways', (t) => {
      t.dropColumn('settlement_rate');
      t.dropColumn('settlement_currency');
    });
  },
};
