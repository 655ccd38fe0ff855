import type { Affiliate, LocalMonth } from '@tradesense/domain';

export interface AffiliateRepository {
  findById(id: string): Promise<Affiliate | null>;
  findByUserId(userId: string): Promise<Affiliate | null>;
  /** `code` in its normalised form (`ReferralCode.value`). */
  findByCode(code: string): Promise<Affiliate | null>;
  /** The affiliate who referred the user, if any. */
  findByReferredUser(userId: string): Promise<Affiliate | null>;
  findByCommissionOrder(orderId: string): Promise<Affiliate | null>;
  /**
   * Inserts or updates with its new or changed referrals and commissions. A
   * stale version fails with ConcurrencyConflict, a taken code with
   * AFFILIATE.CODE_TAKEN, a user referred elsewhere with AFFILIATE.ALREADY_REFERRED.
   */
  save(affiliate: Affiliate): Promise<void>;
  /** Affiliates still in a month before `month`, at most `limit`. */
  idsBehindMonth(month: LocalMonth, limit: number): Promise<string[]>;
}
