import type { BreachRecordData, TradingAccountOwner, VerdictInputs } from '@tradesense/domain';
import type { OwnerRef, StoredTradingAccountVerdict, TradingAccountVerdictRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface VerdictRow {
  id: string;
  login: string;
  owner_kind: string;
  owner_id: string;
  owner: TradingAccountOwner;
  rule: string;
  breached_at: Date;
  breach: BreachRecordData;
  inputs: VerdictInputs;
  input_hash: string;
  recorded_at: Date;
}

/** Breach verdicts of every kind of account, newest first; the same inputs are stored once per login. */
export class PostgresTradingAccountVerdictRepository implements TradingAccountVerdictRepository {
  constructor(private readonly db: Queryable) {}

  async add(verdict: StoredTradingAccountVerdict): Promise<boolean> {
    const inserted = (await this.db('trading_account_verdicts')
      .insert({
        id: verdict.id,
        login: verdict.login,
        owner_kind: verdict.owner.kind,
        owner_id: verdict.owner.id,
        owner: JSON.stringify(verdict.owner),
        rule: verdict.breach.rule,
        breached_at: new Date(verdict.breach.at),
        breach: JSON.stringify(verdict.breach),
        inputs: JSON.stringify(verdict.inputs),
        input_hash: verdict.inputHash,
        recorded_at: verdict.recordedAt,
      })
      .onConflict(['login', 'input_hash'])
      .ignore()
      .returning('id')) as unknown[];
    return inserted.length > 0;
  }

  async listByLogin(login: string): Promise<StoredTradingAccountVerdict[]> {
    return this.list(this.db('trading_account_verdicts').where({ login }));
  }

  async listByOwner(owner: OwnerRef): Promise<StoredTradingAccountVerdict[]> {
    return this.list(this.db('trading_account_verdicts').where({ owner_kind: owner.kind, owner_id: owner.id }));
  }

  private async list(query: ReturnType<Queryable>): Promise<StoredTradingAccountVerdict[]> {
    const rows = (await query.orderBy([
      { column: 'breached_at', order: 'desc' },
      { column: 'recorded_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])) as VerdictRow[];
    return rows.map((row) => ({
      id: row.id,
      login: row.login,
      owner: row.owner,
      breach: row.breach,
      inputs: row.inputs,
      inputHash: row.input_hash,
      recordedAt: row.recorded_at,
    }));
  }
}
