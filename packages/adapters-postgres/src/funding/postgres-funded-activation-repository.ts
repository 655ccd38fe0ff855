import type { FundedActivation, FundedActivationRepository, FundedTradingAccount } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface ActivationRow {
  challenge_id: string;
  funded_account_id: string;
  trader_id: string;
  login: string | null;
  account_group: string | null;
  password: string | null;
  investor_password: string | null;
  lease_until: Date;
  created_at: Date;
  completed_at: Date | null;
}

/**
 * The claim on creating a funded trading account. Taking it is one
 * conditional statement, so of two concurrent activations exactly one holds
 * it; a claim whose holder died (lease over, no account recorded) can be
 * taken over.
 */
export class PostgresFundedActivationRepository implements FundedActivationRepository {
  constructor(private readonly db: Queryable) {}

  async claim(input: {
    challengeId: string;
    fundedAccountId: string;
    traderId: string;
    at: Date;
    leaseUntil: Date;
  }): Promise<{ claimed: boolean; activation: FundedActivation }> {
    const inserted = (await this.db('funded_activations')
      .insert({
        challenge_id: input.challengeId,
        funded_account_id: input.fundedAccountId,
        trader_id: input.traderId,
        lease_until: input.leaseUntil,
        created_at: input.at,
      })
      .onConflict('challenge_id')
      .ignore()
      .returning('*')) as ActivationRow[];
    if (inserted[0]) return { claimed: true, activation: toActivation(inserted[0]) };
    const takenOver = (await this.db('funded_activations')
      .where({ challenge_id: input.challengeId })
      .whereNull('login')
      .whereNull('completed_at')
      .where('lease_until', '<=', input.at)
      .update({ lease_until: input.leaseUntil })
      .returning('*')) as ActivationRow[];
    if (takenOver[0]) return { claimed: true, activation: toActivation(takenOver[0]) };
    const current = await this.find(input.challengeId);
    if (!current) throw new Error(`Activation of ${input.challengeId} vanished while claiming`);
    return { claimed: false, activation: current };
  }

  async find(challengeId: string): Promise<FundedActivation | null> {
    const row = (await this.db('funded_activations').where({ challenge_id: challengeId }).first()) as ActivationRow | undefined;
    return row ? toActivation(row) : null;
  }

  async recordAccount(challengeId: string, account: FundedTradingAccount): Promise<boolean> {
    const updated = await this.db('funded_activations').where({ challenge_id: challengeId }).whereNull('login').update({
      login: account.login,
      account_group: account.group,
      password: account.password,
      investor_password: account.investorPassword,
    });
    return updated > 0;
  }

  async release(challengeId: string, at: Date): Promise<void> {
    await this.db('funded_activations').where({ challenge_id: challengeId }).whereNull('login').update({ lease_until: at });
  }

  async complete(challengeId: string, at: Date): Promise<void> {
    await this.db('funded_activations')
      .where({ challenge_id: challengeId })
      .update({ completed_at: at, password: null, investor_password: null });
  }
}

function toActivation(row: ActivationRow): FundedActivation {
  return {
    challengeId: row.challenge_id,
    fundedAccountId: row.funded_account_id,
    traderId: row.trader_id,
    account:
      row.login !== null
        ? { login: row.login, group: row.account_group ?? '', password: row.password, investorPassword: row.investor_password }
        : null,
    leaseUntil: row.lease_until,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}
