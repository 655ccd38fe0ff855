import { CHALLENGE_STATUSES } from '@tradesense/domain';
import { z } from 'zod';
import { Currency, DecimalString, Id, IdText, Instant, Int, NameText, PageQuery, pageOf } from './common.js';
import { TradingAccountBreachOverridden, TradingAccountVerdictReplay, lossLimitViewShape } from './trading-account-schemas.js';

export const ChallengeIdParams = z.object({ challengeId: Id });

export const ChallengeSummary = z
  .object({
    id: IdText,
    traderId: IdText,
    status: z.enum(CHALLENGE_STATUSES),
    phase: Int(),
    phaseCount: Int(),
    phasePassed: z.boolean(),
    trial: z.boolean(),
    attempt: Int(),
    modelId: IdText,
    modelName: NameText,
    modelVersion: Int(),
    initialBalance: DecimalString,
    currency: Currency,
    account: IdText.nullable(),
    createdAt: Instant,
    activatedAt: Instant.nullable(),
    endedAt: Instant.nullable(),
    breach: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('ChallengeSummary');
export const ChallengePage = pageOf(ChallengeSummary, 'ChallengePage');
export const ChallengesQuery = PageQuery;

export const AccountMetrics = z
  .looseObject({
    ...lossLimitViewShape,
    challengeId: IdText,
    status: z.enum(CHALLENGE_STATUSES),
    phase: Int(),
    phaseCount: Int(),
    trial: z.boolean(),
    profit: z.object({ amount: DecimalString, percent: DecimalString, targetBalance: DecimalString, targetPercent: DecimalString, progressPercent: DecimalString }),
    tradingDays: z.object({ done: Int(), needed: Int() }),
    account: IdText.nullable(),
  })
  .openapi('AccountMetrics');

export const Deal = z.record(z.string(), z.unknown()).openapi('Deal');
export const DealPage = pageOf(Deal, 'DealPage');
export const HistoryQuery = PageQuery;

export const ReplayQuery = z.object({ verdictId: Id.optional() });
/** The phase account's verdict replay, with the challenge it was asked through. */
export const VerdictReplay = TradingAccountVerdictReplay.extend({ challengeId: IdText }).openapi('VerdictReplay');

// Admin
export const AdminChallengesQuery = PageQuery.extend({
  status: z.enum(CHALLENGE_STATUSES).optional(),
  traderId: Id.optional(),
  modelId: Id.optional(),
});
export const OverrideBreachRequest = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
/** The phase account's override, with the challenge it was asked through; `account` repeats `login`. */
export const BreachOverridden = TradingAccountBreachOverridden.extend({ challengeId: IdText, account: IdText }).openapi('BreachOverridden');
