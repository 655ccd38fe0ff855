import { Money } from '../money/money.js';

export type CertificateKind = 'elite_trader' | 'crown_trader' | 'max_allocation';

export const CERTIFICATE_TITLES: Readonly<Record<CertificateKind, string>> = {
  elite_trader: 'Elite Trader',
  crown_trader: 'Crown Trader',
  max_allocation: 'Max Allocation',
};

/** What a trader has achieved, as the application knows it. */
export interface TraderAchievements {
  readonly passedPhase1: boolean;
  readonly firstPayoutPaid: boolean;
  /** Sum of the trader's funded allocations. */
  readonly totalFundedAllocation: Money;
}

export interface CertificateThresholds {
  readonly maxAllocation: Money;
}

export const DEFAULT_CERTIFICATE_THRESHOLDS: CertificateThresholds = { maxAllocation: Money.of(300_000) };

/**
 * Certificate eligibility (section 12): Elite Trader for passing phase 1,
 * Crown Trader for the first payout paid, Max Allocation for a total funded
 * allocation of at least 300,000.
 */
export function eligibleCertificates(
  achievements: TraderAchievements,
  thresholds: CertificateThresholds = DEFAULT_CERTIFICATE_THRESHOLDS,
): CertificateKind[] {
  const kinds: CertificateKind[] = [];
  if (achievements.passedPhase1) kinds.push('elite_trader');
  if (achievements.firstPayoutPaid) kinds.push('crown_trader');
  if (achievements.totalFundedAllocation.amount.greaterThanOrEqualTo(thresholds.maxAllocation.amount)) {
    kinds.push('max_allocation');
  }
  return kinds;
}
