import { z } from 'zod';
import { DecimalString, Instant } from './common.js';

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
    fundedAccountId: z.string(),
    status: FundedStatus,
    split: DecimalString,
    currency: z.string(),
    tradingDay: z.string(),
    nextResetAt: Instant,
    calendar: z.object({ timeZone: z.string(), resetTime: z.string() }),
    initialBalance: DecimalString,
    balance: DecimalString,
    equity: DecimalString,
    dayStartBalance: DecimalString,
    dayStartEquity: DecimalString,
    dailyLoss: LossLimit,
    maxLoss: LossLimit,
    profit: z.object({ amount: DecimalString, percent: DecimalString }),
    breach: z.record(z.string(), z.unknown()).nullable(),
    account: z.string(),
    figuresSource: z.enum(['platform', 'stored']),
  })
  .openapi('FundedAccountMetrics');

export const FundedVerdictReplay = z
  .object({
    fundedAccountId: z.string(),
    verdictId: z.string(),
    stored: z.record(z.string(), z.unknown()),
    replayed: z.record(z.string(), z.unknown()),
    storedHash: z.string(),
    replayedHash: z.string(),
    matches: z.boolean(),
  })
  .openapi('FundedVerdictReplay');

export const FundedBreachOverridden = z
  .looseObject({
    fundedAccountId: z.string(),
    status: FundedStatus,
    account: z.string(),
    tradingEnabled: z.boolean(),
    original: z.record(z.string(), z.unknown()),
    tradingDay: z.string(),
    dayStartBalance: DecimalString,
    dayStartEquity: DecimalString,
    dailyLossFloor: DecimalString,
    maxLossFloor: DecimalString,
  })
  .openapi('FundedBreachOverridden');
