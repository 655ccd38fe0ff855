import { Decimal } from 'decimal.js';
import type { FundedBalanceOperation, FundedBalanceOperationKind, FundedBalanceOperationRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface OperationRow {
  client_operation_id: string;
  funded_account_id: string;
  login: string;
  kind: FundedBalanceOperationKind;
  amount: string;
  deal_id: string;
  booked_at: Date;
}

/** What the firm booked on funded trading accounts, keyed like the platform keys it (client operation id). */
export class PostgresFundedBalanceOperationRepository implements FundedBalanceOperationRepository {
  constructor(private readonly db: Queryable) {}

  async record(operation: FundedBalanceOperation): Promise<void> {
    await this.db('funded_balance_operations')
      .insert({
        client_operation_id: operation.clientOperationId,
        funded_account_id: operation.fundedAccountId,
        login: operation.login,
        kind: operation.kind,
        amount: operation.amount.toFixed(2),
        deal_id: operation.dealId,
        booked_at: operation.bookedAt,
      })
      .onConflict('client_operation_id')
      .ignore();
  }

  async listByAccount(fundedAccountId: string): Promise<FundedBalanceOperation[]> {
    const rows = (await this.db('funded_balance_operations')
      .where({ funded_account_id: fundedAccountId })
      .orderBy([{ column: 'booked_at' }, { column: 'client_operation_id' }])) as OperationRow[];
    return rows.map((row) => ({
      clientOperationId: row.client_operation_id,
      fundedAccountId: row.funded_account_id,
      login: row.login,
      kind: row.kind,
      amount: new Decimal(row.amount),
      dealId: row.deal_id,
      bookedAt: row.booked_at,
    }));
  }
}
