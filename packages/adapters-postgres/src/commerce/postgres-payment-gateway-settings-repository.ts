import type { GatewaySettings } from '@tradesense/domain';
import type { PaymentGatewaySettingsRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import { paymentGatewaySettingsMapper, type PaymentGatewayRow } from './payment-gateway-settings-mapper.js';

/**
 * Gateway settings are configuration rows rather than an aggregate with a
 * history: an admin edit locks the row (`forUpdate`) and bumps its version.
 */
export class PostgresPaymentGatewaySettingsRepository implements PaymentGatewaySettingsRepository {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<GatewaySettings[]> {
    const rows = (await this.db('payment_gateways').orderBy([{ column: 'position' }, { column: 'id' }])) as PaymentGatewayRow[];
    return rows.map(paymentGatewaySettingsMapper.toSettings);
  }

  async findById(id: string, options: { readonly forUpdate?: boolean } = {}): Promise<GatewaySettings | null> {
    const query = this.db('payment_gateways').where({ id }).first();
    const row = (await (options.forUpdate ? query.forUpdate() : query)) as PaymentGatewayRow | undefined;
    return row ? paymentGatewaySettingsMapper.toSettings(row) : null;
  }

  async save(settings: GatewaySettings, at: Date): Promise<void> {
    const updated = await this.db('payment_gateways')
      .where({ id: settings.id })
      .update({ ...paymentGatewaySettingsMapper.toRow(settings), updated_at: at, version: this.db.raw('version + 1') });
    if (updated === 0) throw new Error(`No payment gateway ${settings.id} to update`);
  }
}
