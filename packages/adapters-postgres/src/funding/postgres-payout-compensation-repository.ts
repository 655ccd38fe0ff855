import { Decimal } from 'decimal.js';
import type { CompensationCause, PayoutCompensation, PayoutCompensationRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface CompensationRow {
  payout_id: string;
  funded_account_id: string;
  trader_id: string;
  currency: string;
  amount: string;
  cause: CompensationCause;
  granted_at: Date;
}

/** The 24-hour guarantee ledger: the payout id is the key, so a payout is compensated once at most. */
export class PostgresPayoutCompensationRepository implements PayoutCompensationRepository {
  constructor(private readonly db: Queryable) {}

  async grant(entry: PayoutCompensation): Promise<boolean> {
    const inserted = await this.db('payout_compensations')
      .insert({
        payout_id: entry.payoutId,
        funded_account_id: entry.fundedAccountId,
        trader_id: entry.traderId,
        currency: entry.currency,
        amount: entry.amount.toFixed(2),
        cause: entry.cause,
        granted_at: entry.grantedAt,
      })
      .onConflict('payout_id')
      .ignore()
      .returning('payout_id');
    return inserted.length > 0;
  }

  async find(payoutId: string): Promise<PayoutCompensation | null> {
    const row = (await this.db('payout_compensations').where({ payout_id: payoutId }).first()) as CompensationRow | undefined;
    return row
      ? {
          payoutId: row.payout_id,
          fundedAccountId: row.funded_account_id,
          traderId: row.trader_id,
          currency: row.currency,
          amount: new Decimal(row.amount),
          cause: row.cause,
          grantedAt: row.granted_at,
        }
      : null;
  }
}
