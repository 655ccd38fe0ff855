import type { DomainEvent } from '../shared/domain-event.js';
import type { BreachRecordData } from '../drawdown/breach-record.js';
import type { LossLimitName } from '../drawdown/loss-limit.js';
import type { VerdictInputs } from '../drawdown/verdict-replay.js';
import type { TradingAccountOwner } from './trading-account-owner.js';
import type { RestrictionViolationData, RestrictionViolationInputs } from '../restrictions/restriction-violation.js';
import type { ActionableRestriction } from '../catalog/trading-restrictions.js';

/** Every trading-account event names the login and what the account belongs to, so its owner can react. */
type Named = { readonly owner: TradingAccountOwner; readonly login: string };

/**
 * The floors that hold after a change, and when the trading day they belong
 * to ends. A floor is null when its limit is off (a competition without loss limits).
 */
type Floors = {
  readonly tradingDay: string;
  readonly dayStartBalance: string;
  readonly dayStartEquity: string;
  readonly dailyLossFloor: string | null;
  readonly maxLossFloor: string | null;
  readonly nextResetAt: string;
};

export type TradingAccountOpened = DomainEvent<
  'TradingAccountOpened',
  Named & { traderId: string; modelId: string; modelVersion: number; currency: string; initialBalance: string; tradingDay: string }
>;

/** A trade deal taken in: an opening deal makes its trading day a traded day (§3), a closing one may pass a phase. */
export type TradingAccountDealRecorded = DomainEvent<
  'TradingAccountDealRecorded',
  Named & { action: 'open' | 'close'; positionId: string; tradingDay: string; balance: string; equity: string; openPositions: number }
>;

/** The day-start snapshot at a reset instant, with the floors that hold for the day (§4). */
export type TradingDayRolled = DomainEvent<'TradingDayRolled', Named & Floors>;

/** The used part of a loss limit reached the warning level (once per limit per trading day, §4). */
export type EarlyWarningRaised = DomainEvent<
  'EarlyWarningRaised',
  Named & { limit: LossLimitName; usedPercent: string; floor: string; equity: string; tradingDay: string }
>;

/** The breach engine found equity at a floor: trading must be disabled and positions closed before the breach is handled. */
export type TradingAccountBreachDetected = DomainEvent<
  'TradingAccountBreachDetected',
  Named & { breach: BreachRecordData; inputs: VerdictInputs }
>;

/** Trading was disabled and positions closed: the account ended on its breach; its owner fails, ends or is disqualified. */
export type TradingAccountBreached = DomainEvent<'TradingAccountBreached', Named & { cause: string; breach: BreachRecordData }>;

/**
 * An admin cleared a false breach: the account trades again from a fresh day
 * start at its figures now; the original verdict travels with the event and
 * stays on record.
 */
export type TradingAccountBreachOverridden = DomainEvent<
  'TradingAccountBreachOverridden',
  Named & Floors & { adminId: string; reason: string; original: BreachRecordData; breachedAt: string; previousStatus: string }
>;

/** A firm balance operation moved the figures the floors are measured from (and, after scaling, the rules' balance). */
export type TradingAccountLimitsRebased = DomainEvent<
  'TradingAccountLimitsRebased',
  Named & {
    cause: BalanceOperationCause;
    amount: string;
    initialBalance: string;
    dailyLossFloor: string | null;
    maxLossFloor: string | null;
  }
>;

/** The account stopped being watched: its phase was passed or ended, its owner moved on. */
export type TradingAccountClosed = DomainEvent<'TradingAccountClosed', Named & { cause: string; balance: string }>;

/**
 * A trading restriction found a violation (rule book §14): the rule, its
 * action, the figures, the deal or instant, and the inputs it replays from.
 */
export type TradingAccountRestrictionViolated = DomainEvent<
  'TradingAccountRestrictionViolated',
  Named & { violation: RestrictionViolationData; tradingDay: string; inputs: RestrictionViolationInputs; inputHash: string }
>;

/** A violation whose action is `close`: the firm closes these positions at market, once. */
export type TradingAccountPositionCloseRequired = DomainEvent<
  'TradingAccountPositionCloseRequired',
  Named & { violationId: string; restriction: ActionableRestriction; positionIds: readonly string[] }
>;

/** A closing deal's net result left out of targets and payouts by an `exclude_profit` violation. */
export type TradingAccountProfitExcluded = DomainEvent<
  'TradingAccountProfitExcluded',
  Named & { violationId: string; positionId: string; dealId: string; amount: string; excludedTotal: string }
>;

/** An admin cleared a violation with a reason; the violation found stays on record. */
export type TradingAccountRestrictionViolationCleared = DomainEvent<
  'TradingAccountRestrictionViolationCleared',
  Named & { violationId: string; adminId: string; reason: string; original: RestrictionViolationData; excludedTotal: string }
>;

export type BalanceOperationCause = 'payout_withdrawal' | 'payout_reversal' | 'scaling_deposit';

export type TradingAccountEvent =
  | TradingAccountOpened
  | TradingAccountDealRecorded
  | TradingDayRolled
  | EarlyWarningRaised
  | TradingAccountBreachDetected
  | TradingAccountBreached
  | TradingAccountBreachOverridden
  | TradingAccountLimitsRebased
  | TradingAccountClosed
  | TradingAccountRestrictionViolated
  | TradingAccountPositionCloseRequired
  | TradingAccountProfitExcluded
  | TradingAccountRestrictionViolationCleared;
