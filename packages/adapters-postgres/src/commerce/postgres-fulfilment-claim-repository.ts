import type { FulfilmentClaim, FulfilmentClaimRepository, ProvisionedAccount } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface FulfilmentClaimRow {
  key: string;
  challenge_id: string;
  claimed_at: Date;
  lease_until: Date;
  account_login: string | null;
  account_group: string | null;
  account_password: string | null;
  account_investor_password: string | null;
  account_created_at: Date | null;
  completed_at: Date | null;
  outcome: 'fulfilled' | 'orphaned' | null;
}

const toClaim = (r: FulfilmentClaimRow): FulfilmentClaim => ({
  key: r.key,
  challengeId: r.challenge_id,
  claimedAt: r.claimed_at,
  leaseUntil: r.lease_until,
  account:
    r.account_login !== null
      ? { login: r.account_login, group: r.account_group ?? '', password: r.account_password, investorPassword: r.account_investor_password }
      : null,
  completedAt: r.completed_at,
  outcome: r.outcome,
});

/**
 * The claim is a row keyed by purpose. Inserting it is the claim (a second
 * claimant's insert waits for the first transaction, then finds the row);
 * a claim whose lease ran out without an account may be taken over.
 */
export class PostgresFulfilmentClaimRepository implements FulfilmentClaimRepository {
  constructor(private readonly db: Queryable) {}

  async claim(input: { key: string; challengeId: string; at: Date; leaseUntil: Date }): Promise<{ claimed: boolean; claim: FulfilmentClaim }> {
    const inserted = (await this.db('fulfilment_claims')
      .insert({ key: input.key, challenge_id: input.challengeId, claimed_at: input.at, lease_until: input.leaseUntil })
      .onConflict('key')
      .ignore()
      .returning('*')) as FulfilmentClaimRow[];
    if (inserted[0]) return { claimed: true, claim: toClaim(inserted[0]) };
    const taken = (await this.db('fulfilment_claims')
      .where({ key: input.key })
      .whereNull('account_login')
      .whereNull('completed_at')
      .where('lease_until', '<=', input.at)
      .update({ claimed_at: input.at, lease_until: input.leaseUntil })
      .returning('*')) as FulfilmentClaimRow[];
    if (taken[0]) return { claimed: true, claim: toClaim(taken[0]) };
    const current = (await this.db('fulfilment_claims').where({ key: input.key }).first()) as FulfilmentClaimRow;
    return { claimed: false, claim: toClaim(current) };
  }

  async find(key: string): Promise<FulfilmentClaim | null> {
    const row = (await this.db('fulfilment_claims').where({ key }).first()) as FulfilmentClaimRow | undefined;
    return row ? toClaim(row) : null;
  }

  async recordAccount(key: string, account: ProvisionedAccount, at: Date): Promise<boolean> {
    const updated = await this.db('fulfilment_claims').where({ key }).whereNull('account_login').update({
      account_login: account.login,
      account_group: account.group,
      account_password: account.password,
      account_investor_password: account.investorPassword,
      account_created_at: at,
    });
    return updated > 0;
  }

  async release(key: string, at: Date): Promise<void> {
    await this.db('fulfilment_claims').where({ key }).whereNull('account_login').whereNull('completed_at').update({ lease_until: at });
  }

  async complete(key: string, outcome: 'fulfilled' | 'orphaned', at: Date): Promise<void> {
    await this.db('fulfilment_claims')
      .where({ key })
      .update({ completed_at: at, outcome, account_password: null, account_investor_password: null });
  }
}
