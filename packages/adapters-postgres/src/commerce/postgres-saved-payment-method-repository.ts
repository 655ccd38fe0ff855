import type { SavedPaymentMethod, SavedPaymentMethodRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface SavedPaymentMethodRow {
  id: string;
  trader_id: string;
  gateway_id: string;
  customer_ref: string;
  payment_method_ref: string;
  fingerprint: string | null;
  saved_at: Date;
}

export class PostgresSavedPaymentMethodRepository implements SavedPaymentMethodRepository {
  constructor(private readonly db: Queryable) {}

  async add(m: SavedPaymentMethod): Promise<void> {
    await this.db('saved_payment_methods').insert({
      id: m.id,
      trader_id: m.traderId,
      gateway_id: m.gatewayId,
      customer_ref: m.customerRef,
      payment_method_ref: m.paymentMethodRef,
      fingerprint: m.fingerprint,
      saved_at: m.savedAt,
    });
  }

  async findById(id: string): Promise<SavedPaymentMethod | null> {
    const r = (await this.db('saved_payment_methods').where({ id }).first()) as SavedPaymentMethodRow | undefined;
    return r
      ? {
          id: r.id,
          traderId: r.trader_id,
          gatewayId: r.gateway_id,
          customerRef: r.customer_ref,
          paymentMethodRef: r.payment_method_ref,
          fingerprint: r.fingerprint,
          savedAt: r.saved_at,
        }
      : null;
  }
}
