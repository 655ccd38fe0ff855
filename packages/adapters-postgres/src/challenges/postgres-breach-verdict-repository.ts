import type { BreachRecordData, VerdictInputs } from '@tradesense/domain';
import type { BreachVerdictRepository, StoredBreachVerdict } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface BreachVerdictRow {
  id: string;
  challenge_id: string;
  login: string;
  phase: number;
  attempt: number;
  rule: string;
  breached_at: Date;
  breach: BreachRecordData;
  inputs: VerdictInputs;
  input_hash: string;
  recorded_at: Date;
}

export class PostgresBreachVerdictRepository implements BreachVerdictRepository {
  constructor(private readonly db: Queryable) {}

  async add(verdict: StoredBreachVerdict): Promise<boolean> {
    const inserted = (await this.db('breach_verdicts')
      .insert({
        id: verdict.id,
        challenge_id: verdict.challengeId,
        login: verdict.login,
        phase: verdict.phase,
        attempt: verdict.attempt,
        rule: verdict.breach.rule,
        breached_at: new Date(verdict.breach.at),
        breach: JSON.stringify(verdict.breach),
        inputs: JSON.stringify(verdict.inputs),
        input_hash: verdict.inputHash,
        recorded_at: verdict.recordedAt,
      })
      .onConflict(['challenge_id', 'input_hash'])
      .ignore()
      .returning('id')) as unknown[];
    return inserted.length > 0;
  }

  async listByChallenge(challengeId: string): Promise<StoredBreachVerdict[]> {
    const rows = (await this.db('breach_verdicts')
      .where({ challenge_id: challengeId })
      .orderBy([
        { column: 'breached_at', order: 'desc' },
        { column: 'recorded_at', order: 'desc' },
      ])) as BreachVerdictRow[];
    return rows.map((row) => ({
      id: row.id,
      challengeId: row.challenge_id,
      login: row.login,
      phase: row.phase,
      attempt: row.attempt,
      breach: row.breach,
      inputs: row.inputs,
      inputHash: row.input_hash,
      recordedAt: row.recorded_at,
    }));
  }
}
