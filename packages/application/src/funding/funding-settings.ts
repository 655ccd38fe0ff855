import {
  DEFAULT_CERTIFICATE_THRESHOLDS,
  DEFAULT_PAYOUT_GUARANTEE,
  DEFAULT_SCALING_SETTINGS,
  FEE_REFUND_PAYOUT_NUMBER_BY_MODEL,
  type CertificateThresholds,
  type PayoutGuarantee,
  type ScalingSettings,
} from '@tradesense/domain';

/** Funding parameters; the defaults are the rule book's seeded values. */
export interface FundingSettings {
  /** Trading-platform group of a model's funded accounts. */
  readonly fundedGroup: (modelId: string) => string;
  /** How long one activation may hold the right to create the platform account. */
  readonly activationLeaseMs: number;
  /** 1-based payout number that also refunds the challenge fee, per model (section 5). */
  readonly feeRefundPayoutNumber: Readonly<Record<string, number>>;
  readonly payoutGuarantee: PayoutGuarantee;
  readonly scaling: ScalingSettings;
  readonly certificateThresholds: CertificateThresholds;
  /** Deals read from the platform per call of the funded deal feed. */
  readonly dealBatchSize: number;
}

export const DEFAULT_FUNDING_SETTINGS: FundingSettings = {
  fundedGroup: (modelId) => `tradesense-${modelId}-funded`,
  activationLeaseMs: 2 * 60_000,
  feeRefundPayoutNumber: FEE_REFUND_PAYOUT_NUMBER_BY_MODEL,
  payoutGuarantee: DEFAULT_PAYOUT_GUARANTEE,
  scaling: DEFAULT_SCALING_SETTINGS,
  certificateThresholds: DEFAULT_CERTIFICATE_THRESHOLDS,
  dealBatchSize: 500,
};
