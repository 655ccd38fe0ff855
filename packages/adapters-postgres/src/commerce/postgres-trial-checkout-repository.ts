import { Decimal } from 'decimal.js';
import type { TrialCheckoutRecord, TrialCheckoutRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface TrialCheckoutRow {
  id: string;
  trader_id: string;
  model_id: string;
  model_version: number;
  account_size: string;
  swap_free: boolean;
  gateway_id: string;
  provider_reference: string | null;
  status: 'pending' | 'completed';
  trial_id: string | null;
  created_at: Date;
  completed_at: Date | null;
}

const toRecord = (r: TrialCheckoutRow): TrialCheckoutRecord => ({
  id: r.id,
  traderId: r.trader_id,
  modelId: r.model_id,
  modelVersion: r.model_version,
  accountSize: new Decimal(r.account_size).toFixed(),
  swapFree: r.swap_free,
  gatewayId: r.gateway_id,
  providerReference: r.provider_reference,
  status: r.status,
  trialId: r.trial_id,
  createdAt: r.created_at,
});

export class PostgresTrialCheckoutRepository implements TrialCheckoutRepository {
  constructor(private readonly db: Queryable) {}

  async add(r: TrialCheckoutRecord): Promise<void> {
    await this.db('trial_checkouts').insert({
      id: r.id,
      trader_id: r.traderId,
      model_id: r.modelId,
      model_version: r.modelVersion,
      account_size: r.accountSize,
      swap_free: r.swapFree,
      gateway_id: r.gatewayId,
      provider_reference: r.providerReference,
      status: r.status,
      trial_id: r.trialId,
      created_at: r.createdAt,
    });
  }

  async findById(id: string): Promise<TrialCheckoutRecord | null> {
    const row = (await this.db('trial_checkouts').where({ id }).first()) as TrialCheckoutRow | undefined;
    return row ? toRecord(row) : null;
  }

  async findByReference(gatewayId: string, providerReference: string): Promise<TrialCheckoutRecord | null> {
    const row = (await this.db('trial_checkouts').where({ gateway_id: gatewayId, provider_reference: providerReference }).first()) as
      | TrialCheckoutRow
      | undefined;
    return row ? toRecord(row) : null;
  }

  async recordReference(id: string, providerReference: string): Promise<void> {
    await this.db('trial_checkouts').where({ id }).update({ provider_reference: providerReference });
  }

  async complete(id: string, trialId: string, at: Date): Promise<boolean> {
    const updated = await this.db('trial_checkouts')
      .where({ id, status: 'pending' })
      .update({ status: 'completed', trial_id: trialId, completed_at: at });
    return updated > 0;
  }
}
