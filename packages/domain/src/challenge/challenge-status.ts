/**
 * Lifecycle states of rule book section 3. Passing a phase that is not the
 * last keeps the challenge `active` (the next phase starts on a fresh
 * account); passing the last one moves it to `pending_kyc`.
 */
export const CHALLENGE_STATUSES = [
  'pending_payment',
  'active',
  'pending_kyc',
  'funded',
  'failed',
  'expired',
  'cancelled',
  'refunded',
] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** Why a challenge expired: inactivity (section 2) or the end of a trial (section 9). */
export type ExpiryReason = 'inactivity' | 'trial_ended';
