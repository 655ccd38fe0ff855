import {
  Decimal,
  type AffiliateState,
  type CommissionState,
  type ReferralState,
  type ReversalReason,
  type TierChangeCause,
} from '@tradesense/domain';

export interface AffiliateRow {
  id: string;
  user_id: string;
  email: string;
  code: string;
  currency: string;
  tier_id: string;
  tier_history: { tierId: string; since: string; cause: TierChangeCause }[];
  month: string;
  month_earnings: string;
  created_at: Date;
  version: number;
}

export interface ReferralRow {
  referred_user_id: string;
  affiliate_id: string;
  signed_up_at: Date;
  converted_order_id: string | null;
  position: number;
}

export interface CommissionRow {
  id: string;
  affiliate_id: string;
  order_id: string;
  referred_user_id: string;
  order_amount: string;
  tier_id: string;
  rate: string;
  amount: string;
  month: string;
  earned_at: Date;
  reversal_reason: ReversalReason | null;
  reversed_at: Date | null;
  position: number;
}

const plain = (value: string): string => new Decimal(value).toFixed();

export const affiliateMapper = {
  toRow: (s: AffiliateState) => ({
    user_id: s.userId,
    email: s.email,
    code: s.code,
    currency: s.currency,
    tier_id: s.tierId,
    tier_history: JSON.stringify(s.tierHistory.map((t) => ({ tierId: t.tierId, since: t.since.toISOString(), cause: t.cause }))),
    month: s.month,
    month_earnings: s.monthEarnings,
    created_at: s.createdAt,
  }),

  referralToRow: (affiliateId: string, r: ReferralState, position: number): ReferralRow => ({
    referred_user_id: r.referredUserId,
    affiliate_id: affiliateId,
    signed_up_at: r.signedUpAt,
    converted_order_id: r.convertedOrderId,
    position,
  }),

  commissionToRow: (affiliateId: string, c: CommissionState, position: number): CommissionRow => ({
    id: c.id,
    affiliate_id: affiliateId,
    order_id: c.orderId,
    referred_user_id: c.referredUserId,
    order_amount: c.orderAmount,
    tier_id: c.tierId,
    rate: c.rate,
    amount: c.amount,
    month: c.month,
    earned_at: c.earnedAt,
    reversal_reason: c.reversal?.reason ?? null,
    reversed_at: c.reversal?.at ?? null,
    position,
  }),

  toState: (r: AffiliateRow, clicks: number, referrals: readonly ReferralRow[], commissions: readonly CommissionRow[]): AffiliateState => ({
    id: r.id,
    version: r.version,
    userId: r.user_id,
    email: r.email,
    code: r.code,
    currency: r.currency,
    tierId: r.tier_id,
    tierHistory: r.tier_history.map((t) => ({ tierId: t.tierId, since: new Date(t.since), cause: t.cause })),
    month: r.month,
    monthEarnings: plain(r.month_earnings),
    clicks,
    referrals: referrals.map((x) => ({
      referredUserId: x.referred_user_id,
      signedUpAt: x.signed_up_at,
      convertedOrderId: x.converted_order_id,
    })),
    commissions: commissions.map((c) => ({
      id: c.id,
      orderId: c.order_id,
      referredUserId: c.referred_user_id,
      orderAmount: plain(c.order_amount),
      tierId: c.tier_id,
      rate: plain(c.rate),
      amount: plain(c.amount),
      month: c.month,
      earnedAt: c.earned_at,
      reversal: c.reversal_reason !== null && c.reversed_at !== null ? { reason: c.reversal_reason, at: c.reversed_at } : null,
    })),
    createdAt: r.created_at,
  }),
};
