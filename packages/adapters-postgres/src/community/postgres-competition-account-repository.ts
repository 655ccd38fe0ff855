import type { CompetitionAccountRecord, CompetitionAccountRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface AccountRow {
  entry_id: string;
  competition_id: string;
  user_id: string;
  login: string | null;
  platform_group: string | null;
  claimed_at: Date;
  provisioned_at: Date | null;
  last_deal_id: string | null;
  trading_disabled_at: Date | null;
}

const toRecord = (r: AccountRow): CompetitionAccountRecord => ({
  entryId: r.entry_id,
  competitionId: r.competition_id,
  userId: r.user_id,
  login: r.login,
  group: r.platform_group,
  claimedAt: r.claimed_at,
  provisionedAt: r.provisioned_at,
  lastDealId: r.last_deal_id,
  tradingDisabledAt: r.trading_disabled_at,
});

export class PostgresCompetitionAccountRepository implements CompetitionAccountRepository {
  constructor(private readonly db: Queryable) {}

  async claim(record: { entryId: string; competitionId: string; userId: string; at: Date }): Promise<void> {
    await this.db('competition_accounts').insert({
      entry_id: record.entryId,
      competition_id: record.competitionId,
      user_id: record.userId,
      claimed_at: record.at,
    });
  }

  async reclaim(entryId: string, previousClaim: Date, at: Date): Promise<boolean> {
    const updated = await this.db('competition_accounts')
      .where({ entry_id: entryId, claimed_at: previousClaim })
      .whereNull('login')
      .update({ claimed_at: at });
    return updated > 0;
  }

  async recordProvisioned(entryId: string, login: string, group: string, at: Date): Promise<boolean> {
    const updated = await this.db('competition_accounts')
      .where({ entry_id: entryId })
      .whereNull('login')
      .update({ login, platform_group: group, provisioned_at: at });
    return updated > 0;
  }

  async findByEntry(entryId: string): Promise<CompetitionAccountRecord | null> {
    const row = (await this.db('competition_accounts').where({ entry_id: entryId }).first()) as AccountRow | undefined;
    return row ? toRecord(row) : null;
  }

  async findByLogin(login: string): Promise<CompetitionAccountRecord | null> {
    const row = (await this.db('competition_accounts').where({ login }).first()) as AccountRow | undefined;
    return row ? toRecord(row) : null;
  }

  async listForCompetition(competitionId: string): Promise<CompetitionAccountRecord[]> {
    const rows = (await this.db('competition_accounts').where({ competition_id: competitionId }).orderBy('entry_id')) as AccountRow[];
    return rows.map(toRecord);
  }

  async listUnprovisioned(claimedBefore: Date, limit: number): Promise<CompetitionAccountRecord[]> {
    const rows = (await this.db('competition_accounts')
      .whereNull('login')
      .andWhere('claimed_at', '<', claimedBefore)
      .orderBy([{ column: 'claimed_at' }, { column: 'entry_id' }])
      .limit(limit)) as AccountRow[];
    return rows.map(toRecord);
  }

  async advanceDealCursor(entryId: string, dealId: string): Promise<void> {
    await this.db('competition_accounts').where({ entry_id: entryId }).update({ last_deal_id: dealId });
  }

  async markTradingDisabled(entryIds: readonly string[], at: Date): Promise<void> {
    if (entryIds.length === 0) return;
    await this.db('competition_accounts').whereIn('entry_id', [...entryIds]).whereNull('trading_disabled_at').update({ trading_disabled_at: at });
  }

  async markTradingEnabled(entryIds: readonly string[]): Promise<void> {
    if (entryIds.length === 0) return;
    await this.db('competition_accounts').whereIn('entry_id', [...entryIds]).update({ trading_disabled_at: null });
  }
}
