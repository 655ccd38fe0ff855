/** Stable codes for trading-account refusals (docs/rules.md §4). */
export const TradingAccountErrorCode = {
  /** The account is closed (its phase ended, its owner moved on): nothing is evaluated on it any more. */
  CLOSED: 'TRADING_ACCOUNT.CLOSED',
  /** A breach was detected or handled: trading stopped until an admin clears it. */
  ALREADY_BREACHED: 'TRADING_ACCOUNT.ALREADY_BREACHED',
  NOT_BREACHED: 'TRADING_ACCOUNT.NOT_BREACHED',
  LOGIN_REQUIRED: 'TRADING_ACCOUNT.LOGIN_REQUIRED',
  /** Figures observed before the firm's last balance operation on the account. */
  STALE_OBSERVATION: 'TRADING_ACCOUNT.STALE_OBSERVATION',
  REASON_REQUIRED: 'TRADING_ACCOUNT.REASON_REQUIRED',
  /** A balance operation in another currency than the account's. */
  CURRENCY_MISMATCH: 'TRADING_ACCOUNT.CURRENCY_MISMATCH',
  /** A breach override whose figures are at or below a floor: the account would breach again at once. */
  OVERRIDE_BEYOND_LIMIT: 'TRADING_ACCOUNT.OVERRIDE_BEYOND_LIMIT',
  /** No violation with that id on the account. */
  VIOLATION_NOT_FOUND: 'TRADING_ACCOUNT.VIOLATION_NOT_FOUND',
  /** The violation was already cleared by an admin. */
  VIOLATION_ALREADY_CLEARED: 'TRADING_ACCOUNT.VIOLATION_ALREADY_CLEARED',
} as const;
export type TradingAccountErrorCode = (typeof TradingAccountErrorCode)[keyof typeof TradingAccountErrorCode];
