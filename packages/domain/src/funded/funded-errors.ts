/** Stable codes for funded-account and payout refusals. */
export const FundedErrorCode = {
  KYC_NOT_APPROVED: 'FUNDED.KYC_NOT_APPROVED',
  AGREEMENT_NOT_SIGNED: 'FUNDED.AGREEMENT_NOT_SIGNED',
  INVALID_TERMS: 'FUNDED.INVALID_TERMS',
  NOT_ACTIVE: 'FUNDED.NOT_ACTIVE',
  CURRENCY_MISMATCH: 'FUNDED.CURRENCY_MISMATCH',
  ALREADY_BREACHED: 'FUNDED.ALREADY_BREACHED',
  NOT_BREACHED: 'FUNDED.NOT_BREACHED',
  /** Figures observed before the firm's last balance operation on the account. */
  STALE_OBSERVATION: 'FUNDED.STALE_OBSERVATION',
  /** A breach override without a reason. */
  REASON_REQUIRED: 'FUNDED.REASON_REQUIRED',
  /** A breach override whose figures are at or below a floor: the account would breach again at once. */
  OVERRIDE_BEYOND_LIMIT: 'FUNDED.OVERRIDE_BEYOND_LIMIT',
} as const;
export type FundedErrorCode = (typeof FundedErrorCode)[keyof typeof FundedErrorCode];

export const PayoutErrorCode = {
  NOT_ELIGIBLE: 'PAYOUT.NOT_ELIGIBLE',
  ALREADY_PENDING: 'PAYOUT.ALREADY_PENDING',
  NOT_FOUND: 'PAYOUT.NOT_FOUND',
  DUPLICATE_ID: 'PAYOUT.DUPLICATE_ID',
  NOT_REQUESTED: 'PAYOUT.NOT_REQUESTED',
  NOT_APPROVED: 'PAYOUT.NOT_APPROVED',
  ALREADY_PAID: 'PAYOUT.ALREADY_PAID',
  ALREADY_REJECTED: 'PAYOUT.ALREADY_REJECTED',
} as const;
export type PayoutErrorCode = (typeof PayoutErrorCode)[keyof typeof PayoutErrorCode];

