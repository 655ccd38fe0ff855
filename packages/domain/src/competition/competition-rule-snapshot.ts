import type { TradingCalendarSettings } from '../calendar/trading-calendar.js';
import type { RuleSnapshotData } from '../catalog/rule-snapshot.js';
import { DEFAULT_RULE_OPTIONS } from '../catalog/rule-options.js';
import { toCents, dec } from '../money/decimal.js';
import type { CompetitionLossLimits } from './competition-types.js';

/** What an entry's rules are made of: the competition's settings. */
export interface CompetitionRules {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly initialBalance: string;
  readonly entryFee: string;
  readonly maxDailyTrades: number;
  readonly maxLotsForex: string;
  readonly maxLotsIndices: string;
  readonly lossLimits: CompetitionLossLimits | null;
}

/** The model id a competition's rule snapshots carry: no catalog model has it. */
export const competitionModelId = (competitionId: string): string => `competition:${competitionId}`;

/**
 * The rule snapshot of a competition entry's trading account (rule book
 * sections 4 and 7), frozen when the account is provisioned: the
 * competition's initial balance under the firm calendar; its loss limits
 * measured like the rule book's defaults (balance basis, daily amount of the
 * initial balance, static max loss, warning at 80% used, exact comparison),
 * or both limits off (`lossLimitsOff`, percentages "0") when it has none; its
 * trade rules as restrictions (trades per trading day, lots of one trade per
 * asset class). A snapshot always carries a full parameter set; the parts no
 * competition has (the phase target, leverage, payout cycle, split, reset
 * discount) are neutral values no competition entry's owner reads. The price
 * is the entry fee. Pure: the same competition and calendar give the same data
 * and content hash.
 */
export function competitionRuleSnapshotData(competition: CompetitionRules, calendar: TradingCalendarSettings): RuleSnapshotData {
  const limits = competition.lossLimits;
  return {
    modelId: competitionModelId(competition.id),
    modelName: competition.name,
    modelVersion: 1,
    initialBalance: toCents(dec(competition.initialBalance)),
    price: toCents(dec(competition.entryFee)),
    parameters: {
      currency: competition.currency,
      phases: [{ profitTargetPercent: '100', minTradingDays: 0 }],
      dailyLossPercent: limits ? limits.dailyLossPercent : '0',
      maxLossPercent: limits ? limits.maxLossPercent : '0',
      leverage: 1,
      firstPayoutDays: 1,
      payoutCycleDays: 1,
      profitSplitPercent: '100',
      resetDiscountPercent: '0',
      rules: DEFAULT_RULE_OPTIONS,
      restrictions: {
        maxOpenLotsPerAssetClass: null,
        maxTradeLotsPerAssetClass: { forex: competition.maxLotsForex, indices: competition.maxLotsIndices },
        maxTradesPerDay: competition.maxDailyTrades,
        weekendHoldingBan: false,
        newsWindowMinutes: null,
        consistencyPercent: null,
      },
    },
    calendar: { timeZone: calendar.timeZone, resetTime: calendar.resetTime },
    ...(limits ? {} : { lossLimitsOff: ['daily_loss', 'max_loss'] as const }),
  };
}
