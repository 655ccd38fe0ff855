import { normalizeEmail } from '../identity/user.js';

/** Who is behind an account or a purchase, as far as self-referral is concerned. */
export interface ReferralIdentity {
  readonly userId: string;
  readonly email: string;
  /** Payment fingerprints (card or wallet) known for this person. */
  readonly paymentFingerprints: readonly string[];
}

/**
 * Self-referral (section 11): the same user, the same e-mail (trimmed,
 * case-insensitive), or a shared payment fingerprint. Returns what matched,
 * or null.
 */
export function selfReferralMatch(
  affiliate: ReferralIdentity,
  buyer: ReferralIdentity,
): 'same_user' | 'same_email' | 'same_payment_fingerprint' | null {
  if (affiliate.userId === buyer.userId) return 'same_user';
  if (normalizeEmail(affiliate.email) === normalizeEmail(buyer.email)) return 'same_email';
  const known = new Set(affiliate.paymentFingerprints.map((f) => f.trim()).filter((f) => f !== ''));
  if (buyer.paymentFingerprints.some((f) => known.has(f.trim()))) return 'same_payment_fingerprint';
  return null;
}
