import type { BreachRecordData, VerdictInputs } from '@tradesense/domain';
import type { FundedBreachVerdictRepository, StoredFundedBreachVerdict } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import { json } from './column-values.js';

interface FundedBreachVerdictRow {
  id: string;
  funded_account_id: string;
  login: string;
  rule: string;
  breached_at: Date;
  breach: BreachRecordData;
  inputs: VerdictInputs;
  input_hash: string;
  recorded_at: Date;
}

/** Breach verdicts of funded accounts with their inputs, so each can be replayed. */
export class PostgresFundedBreachVerdictRepository implements FundedBreachVerdictRepository {
  constructor(private readonly db: Queryable) {}

  async add(verdict: StoredFundedBreachVerdict): Promise<boolean> {
    const inserted = (await this.db('funded_breach_verdicts')
      .insert({
        id: verdict.id,
        funded_account_id: verdict.fundedAccountId,
        login: verdict.login,
        rule: verdict.breach.rule,
        breached_at: new Date(verdict.breach.at),
        breach: json(verdict.breach),
        inputs: json(verdict.inputs),
        input_hash: verdict.inputHash,
        recorded_at: verdict.recordedAt,
      })
      .onConflict(['funded_account_id', 'input_hash'])
      .ignore()
      .returning('id')) as unknown[];
    return inserted.length > 0;
  }

  async listByFundedAccount(fundedAccountId: string): Promise<StoredFundedBreachVerdict[]> {
    const rows = (await this.db('funded_breach_verdicts')
      .where({ funded_account_id: fundedAccountId })
      .orderBy([
        { column: 'breached_at', order: 'desc' },
        { column: 'recorded_at', order: 'desc' },
      ])) as FundedBreachVerdictRow[];
    return rows.map((row) => ({
      id: row.id,
      fundedAccountId: row.funded_account_id,
      login: row.login,
      breach: row.breach,
      inputs: row.inputs,
      inputHash: row.input_hash,
      recordedAt: row.recorded_at,
    }));
  }
}
