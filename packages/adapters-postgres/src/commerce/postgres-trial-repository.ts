import { DomainError, Trial } from '@tradesense/domain';
import type { TrialRepository } from '@tradesense/application';
import { isUniqueViolation } from '../shared/pg-errors.js';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { trialMapper, type TrialRow } from './trial-mapper.js';

export class PostgresTrialRepository implements TrialRepository {
  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findById(id: string, options: { readonly forUpdate?: boolean } = {}): Promise<Trial | null> {
    const query = this.db('trials').where({ id }).first();
    return this.one((await (options.forUpdate ? query.forUpdate() : query)) as TrialRow | undefined);
  }

  async findByTrader(traderId: string): Promise<Trial | null> {
    return this.one(await this.db('trials').where({ trader_id: traderId }).first());
  }

  async findByConversionOrder(orderId: string): Promise<Trial | null> {
    return this.one(await this.db('trials').where({ conversion_order_id: orderId }).first());
  }

  async listReminderDue(at: Date, limit: number): Promise<Trial[]> {
    const rows = (await this.db('trials')
      .where({ status: 'active' })
      .whereNull('reminder_sent_at')
      .where('reminder_due_at', '<=', at)
      .where('ends_at', '>', at)
      .orderBy([{ column: 'reminder_due_at' }, { column: 'id' }])
      .limit(limit)) as TrialRow[];
    return rows.map((row) => this.loaded(row));
  }

  async listChargeDue(at: Date, limit: number): Promise<Trial[]> {
    const rows = (await this.db('trials')
      .where({ status: 'active' })
      .where('next_charge_at', '<=', at)
      .orderBy([{ column: 'next_charge_at' }, { column: 'id' }])
      .limit(limit)) as TrialRow[];
    return rows.map((row) => this.loaded(row));
  }

  async save(trial: Trial): Promise<void> {
    try {
      await this.versions.save(this.db, 'trials', 'trial', trial, trial.id, trialMapper.toRow(trial));
    } catch (error) {
      if (isUniqueViolation(error, 'trials_trader_unique')) {
        throw new DomainError('TRIAL.ALREADY_USED', 'A trader gets one free trial', { traderId: trial.traderId });
      }
      throw error;
    }
  }

  async conversionOrderId(trialId: string): Promise<string | null> {
    const row = (await this.db('trials').where({ id: trialId }).first('conversion_order_id')) as { conversion_order_id: string | null } | undefined;
    return row?.conversion_order_id ?? null;
  }

  async setConversionOrder(trialId: string, orderId: string): Promise<void> {
    await this.db('trials').where({ id: trialId }).update({ conversion_order_id: orderId });
  }

  async pendingCharge(trialId: string): Promise<string | null> {
    const row = (await this.db('trials').where({ id: trialId }).first('pending_charge_payment_id')) as
      | { pending_charge_payment_id: string | null }
      | undefined;
    return row?.pending_charge_payment_id ?? null;
  }

  async setPendingCharge(trialId: string, providerPaymentId: string | null): Promise<void> {
    await this.db('trials').where({ id: trialId }).update({ pending_charge_payment_id: providerPaymentId });
  }

  private one(row: TrialRow | undefined): Trial | null {
    return row ? this.loaded(row) : null;
  }

  private loaded(row: TrialRow): Trial {
    return this.versions.loaded(Trial.restore(trialMapper.toState(row)), row.version);
  }
}
