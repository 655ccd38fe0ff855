import { z } from 'zod';
import { DecimalString, IdText } from './common.js';
import { TradingAccountBreachOverridden, TradingAccountVerdictReplay, lossLimitViewShape } from './trading-account-schemas.js';

/** The loss limits, transparency and override of funded accounts (rule book section 4). */

const FundedStatus = z.enum(['active', 'breached']);
export const FundedAccountMetrics = z
  .looseObject({
    ...lossLimitViewShape,
    fundedAccountId: IdText,
    status: FundedStatus,
    split: DecimalString,
    profit: z.object({ amount: DecimalString, percent: DecimalString }),
    account: IdText,
  })
  .openapi('FundedAccountMetrics');

/** The trading account's replay, with the funded account it was asked through. */
export const FundedVerdictReplay = TradingAccountVerdictReplay.extend({ fundedAccountId: IdText }).openapi('FundedVerdictReplay');

/** The trading account's override, with the funded account it was asked through; `account` repeats `login`. */
export const FundedBreachOverridden = TradingAccountBreachOverridden.extend({ fundedAccountId: IdText, account: IdText }).openapi('FundedBreachOverridden');
