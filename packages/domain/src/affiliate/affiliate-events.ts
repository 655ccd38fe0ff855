import type { DomainEvent } from '../shared/domain-event.js';
import type { ReversalReason, TierChangeCause } from './affiliate-types.js';

export type AffiliateRegistered = DomainEvent<'AffiliateRegistered', { userId: string; code: string; tierId: string }>;
export type AffiliateReferralLinked = DomainEvent<'AffiliateReferralLinked', { referredUserId: string }>;
export type AffiliateCommissionEarned = DomainEvent<
  'AffiliateCommissionEarned',
  {
    commissionId: string;
    orderId: string;
    referredUserId: string;
    currency: string;
    orderAmount: string;
    tierId: string;
    rate: string;
    amount: string;
    month: string;
  }
>;
export type AffiliateCommissionReversed = DomainEvent<
  'AffiliateCommissionReversed',
  { commissionId: string; orderId: string; currency: string; amount: string; reason: ReversalReason }
>;
export type AffiliateTierChanged = DomainEvent<
  'AffiliateTierChanged',
  { from: string; to: string; cause: TierChangeCause; month: string; basis: string }
>;

export type AffiliateEvent =
  | AffiliateRegistered
  | AffiliateReferralLinked
  | AffiliateCommissionEarned
  | AffiliateCommissionReversed
  | AffiliateTierChanged;
