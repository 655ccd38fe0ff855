/** One click on a referral link; the token travels in the visitor's attribution cookie. */
export interface AffiliateClickRecord {
  readonly token: string;
  readonly affiliateId: string;
  readonly code: string;
  readonly clickedAt: Date;
}

/** Clicks are rows of their own, so a burst of clicks never contends for the affiliate's version. */
export interface AffiliateClickRepository {
  add(click: { token: string; affiliateId: string; clickedAt: Date }): Promise<void>;
  findByToken(token: string): Promise<AffiliateClickRecord | null>;
}
