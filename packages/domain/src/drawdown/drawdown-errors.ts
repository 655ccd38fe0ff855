/** Stable codes for breach-engine refusals. */
export const DrawdownErrorCode = {
  ENGINE_VERSION_MISMATCH: 'DRAWDOWN.ENGINE_VERSION_MISMATCH',
  INVALID_VERDICT_INPUTS: 'DRAWDOWN.INVALID_VERDICT_INPUTS',
} as const;
export type DrawdownErrorCode = (typeof DrawdownErrorCode)[keyof typeof DrawdownErrorCode];
