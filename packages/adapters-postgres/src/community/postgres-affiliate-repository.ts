import { Affiliate, AffiliateErrorCode, DomainError, type LocalMonth } from '@tradesense/domain';
import type { AffiliateRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import { isUniqueViolation } from '../shared/pg-errors.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { affiliateMapper, type AffiliateRow, type CommissionRow, type ReferralRow } from './affiliate-mapper.js';
import { chunks, LoadedChildren } from './loaded-children.js';

export class PostgresAffiliateRepository implements AffiliateRepository {
  private readonly referrals = new LoadedChildren();
  private readonly commissions = new LoadedChildren();

  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  findById(id: string): Promise<Affiliate | null> {
    return this.loadWhere({ id });
  }

  findByUserId(userId: string): Promise<Affiliate | null> {
    return this.loadWhere({ user_id: userId });
  }

  findByCode(code: string): Promise<Affiliate | null> {
    return this.loadWhere({ code: code.toUpperCase() });
  }

  async findByReferredUser(userId: string): Promise<Affiliate | null> {
    const id = (await this.db('affiliate_referrals').where({ referred_user_id: userId }).first('affiliate_id')) as
      | { affiliate_id: string }
      | undefined;
    return id ? this.findById(id.affiliate_id) : null;
  }

  async findByCommissionOrder(orderId: string): Promise<Affiliate | null> {
    const id = (await this.db('affiliate_commissions').where({ order_id: orderId }).first('affiliate_id')) as
      | { affiliate_id: string }
      | undefined;
    return id ? this.findById(id.affiliate_id) : null;
  }

  async save(affiliate: Affiliate): Promise<void> {
    const state = affiliate.toState();
    try {
      await this.versions.save(this.db, 'affiliates', 'affiliate', affiliate, state.id, affiliateMapper.toRow(state));
    } catch (error) {
      if (isUniqueViolation(error, 'affiliates_code_unique')) throw new DomainError('AFFILIATE.CODE_TAKEN', 'The referral code is taken');
      if (isUniqueViolation(error, 'affiliates_user_id_unique')) {
        throw new DomainError('AFFILIATE.ALREADY_REGISTERED', 'The user is already an affiliate', { userId: state.userId });
      }
      throw error;
    }
    const referralRows = this.referralRows(affiliate);
    const referralChanges = this.referrals.changes(affiliate, referralRows);
    try {
      for (const batch of chunks(referralChanges.added)) await this.db('affiliate_referrals').insert(batch);
    } catch (error) {
      if (isUniqueViolation(error, 'affiliate_referrals_pkey')) {
        throw new DomainError(AffiliateErrorCode.ALREADY_REFERRED, 'The user was already referred by another affiliate', {});
      }
      throw error;
    }
    for (const batch of chunks(referralChanges.changed)) {
      await this.db('affiliate_referrals').insert(batch).onConflict('referred_user_id').merge();
    }
    const commissionRows = this.commissionRows(affiliate);
    const commissionChanges = this.commissions.changes(affiliate, commissionRows);
    for (const batch of chunks(commissionChanges.added)) await this.db('affiliate_commissions').insert(batch);
    for (const batch of chunks(commissionChanges.changed)) {
      await this.db('affiliate_commissions').insert(batch).onConflict('id').merge();
    }
    this.referrals.remember(affiliate, referralRows);
    this.commissions.remember(affiliate, commissionRows);
  }

  async idsBehindMonth(month: LocalMonth, limit: number): Promise<string[]> {
    return (await this.db('affiliates').where('month', '<', month).orderBy('id').limit(limit).pluck('id')) as string[];
  }

  private async loadWhere(where: Record<string, string>): Promise<Affiliate | null> {
    const row = (await this.db('affiliates').where(where).first()) as AffiliateRow | undefined;
    if (!row) return null;
    // One after the other: a transaction is one connection, which runs one query at a time anyway.
    const clicks = (await this.db('affiliate_clicks').where({ affiliate_id: row.id }).count({ n: '*' }).first()) as
      | { n: string | number }
      | undefined;
    const referrals = (await this.db('affiliate_referrals').where({ affiliate_id: row.id }).orderBy('position')) as ReferralRow[];
    const commissions = (await this.db('affiliate_commissions').where({ affiliate_id: row.id }).orderBy('position')) as CommissionRow[];
    const affiliate = Affiliate.restore(affiliateMapper.toState(row, Number(clicks?.n ?? 0), referrals, commissions));
    this.referrals.remember(affiliate, this.referralRows(affiliate));
    this.commissions.remember(affiliate, this.commissionRows(affiliate));
    return this.versions.loaded(affiliate, row.version);
  }

  private referralRows(affiliate: Affiliate): [string, ReferralRow][] {
    return affiliate
      .toState()
      .referrals.map((r, i) => [r.referredUserId, affiliateMapper.referralToRow(affiliate.id, r, i)]);
  }

  private commissionRows(affiliate: Affiliate): [string, CommissionRow][] {
    return affiliate
      .toState()
      .commissions.map((c, i) => [c.id, affiliateMapper.commissionToRow(affiliate.id, c, i)]);
  }
}
