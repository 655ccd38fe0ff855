/**
 * Payment fingerprints (card or wallet) seen on each user's paid orders, kept
 * for the self-referral rule: an affiliate's own cards may not earn commission.
 */
export interface PaymentFingerprintRepository {
  /** Idempotent. */
  remember(userId: string, fingerprint: string, at: Date): Promise<void>;
  ofUser(userId: string): Promise<string[]>;
}
