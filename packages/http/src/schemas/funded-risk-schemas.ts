import { z } from 'zod';
import { Currency, DayText, DecimalString, IdText, Instant } from './common.js';
import { TradingAccountBreachOverridden, TradingAccountVerdictReplay } from './trading-account-schemas.js';

/** The loss limits, transparency and override of funded accounts (rule book section 4). */

const FundedStatus = z.enum(['active', 'breached']);
const LossLimit = z.object({
  floor: DecimalString,
  allowance: DecimalString,
  remaining: DecimalString,
  remainingPercent: DecimalString,
  usedPercent: DecimalString,
  warningLevel: DecimalString,
});

export const FundedAccountMetrics = z
  .looseObject({
    fundedAccountId: IdText,
    status: FundedStatus,
    split: DecimalString,
    currency: Currency,
    tradingDay: DayText,
    nextResetAt: Instant,
    calendar: z.object({ timeZone: z.string().max(64), resetTime: z.string().max(8) }),
    initialBalance: DecimalString,
    balance: DecimalString,
    equity: DecimalString,
    dayStartBalance: DecimalString,
    dayStartEquity: DecimalString,
    dailyLoss: LossLimit,
    maxLoss: LossLimit,
    profit: z.object({ amount: DecimalString, percent: DecimalString }),
    breach: z.record(z.string(), z.unknown()).nullable(),
    account: IdText,
    figuresSource: z.enum(['platform', 'stored']),
  })
  .openapi('FundedAccountMetrics');

/** The trading account's replay, with the funded account it was asked through. */
export const FundedVerdictReplay = TradingAccountVerdictReplay.extend({ fundedAccountId: IdText }).openapi('FundedVerdictReplay');

/** The trading account's override, with the funded account it was asked through; `account` repeats `login`. */
export const FundedBreachOverridden = TradingAccountBreachOverridden.extend({ fundedAccountId: IdText, account: IdText }).openapi('FundedBreachOverridden');
