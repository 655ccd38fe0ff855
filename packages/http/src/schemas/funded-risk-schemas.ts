import { z } from 'zod';
import { Currency, DayText, DecimalString, IdText, Instant } from './common.js';

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

export const FundedVerdictReplay = z
  .object({
    fundedAccountId: IdText,
    verdictId: IdText,
    stored: z.record(z.string(), z.unknown()),
    replayed: z.record(z.string(), z.unknown()),
    storedHash: z.string().max(128),
    replayedHash: z.string().max(128),
    matches: z.boolean(),
  })
  .openapi('FundedVerdictReplay');

export const FundedBreachOverridden = z
  .looseObject({
    fundedAccountId: IdText,
    status: FundedStatus,
    account: IdText,
    tradingEnabled: z.boolean(),
    original: z.record(z.string(), z.unknown()),
    tradingDay: DayText,
    dayStartBalance: DecimalString,
    dayStartEquity: DecimalString,
    dailyLossFloor: DecimalString,
    maxLossFloor: DecimalString,
  })
  .openapi('FundedBreachOverridden');
