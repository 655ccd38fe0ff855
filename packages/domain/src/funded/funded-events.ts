import type { DomainEvent } from '../shared/domain-event.js';
import type { BreachRecordData } from '../drawdown/breach-record.js';
import type { LossLimitName } from '../drawdown/loss-limit.js';
import type { VerdictInputs } from '../drawdown/verdict-replay.js';
import type { ScalingEvidence } from '../scaling/scaling-decision.js';

export type FundedAccountOpened = DomainEvent<
  'FundedAccountOpened',
  {
    traderId: string;
    challengeId: string;
    modelId: string;
    tradingAccountId: string;
    currency: string;
    initialBalance: string;
    split: string;
    kycCaseId: string;
    agreementSignatureId: string;
    agreementVersion: string;
  }
>;

export type PayoutRequested = DomainEvent<
  'PayoutRequested',
  {
    payoutId: string;
    number: number;
    currency: string;
    profit: string;
    split: string;
    traderShare: string;
    feeRefund: string;
    /** Balance operation to apply on the trading account (−profit): back to the initial balance. */
    balanceOperation: string;
    /** ISO-8601: requested + 24 h. */
    deadline: string;
    actor: string;
  }
>;

export type PayoutApproved = DomainEvent<'PayoutApproved', { payoutId: string; actor: string }>;

export type PayoutRejected = DomainEvent<
  'PayoutRejected',
  {
    payoutId: string;
    actor: string;
    reason: string;
    currency: string;
    /** Balance operation that gives the withdrawn profit back (+profit). */
    balanceOperation: string;
  }
>;

export type PayoutPaid = DomainEvent<
  'PayoutPaid',
  {
    payoutId: string;
    number: number;
    actor: string;
    paymentReference: string;
    currency: string;
    traderShare: string;
    feeRefund: string;
    compensation: string;
    total: string;
    late: boolean;
  }
>;

/** The 24-hour guarantee was missed: a compensation entry for the trader. */
export type PayoutCompensationGranted = DomainEvent<
  'PayoutCompensationGranted',
  { payoutId: string; traderId: string; currency: string; amount: string; deadline: string; paidAt: string }
>;

export type FundedAccountScaled = DomainEvent<
  'FundedAccountScaled',
  {
    currency: string;
    before: string;
    after: string;
    capped: boolean;
    splitBefore: string;
    splitAfter: string;
    /** Balance operation adding the new allocation to the trading account. */
    balanceOperation: string;
    evidence: ScalingEvidence;
  }
>;

/** The day-start snapshot at a reset instant, with the floors that hold for the day. */
export type FundedAccountTradingDayStarted = DomainEvent<
  'FundedAccountTradingDayStarted',
  {
    account: string;
    day: string;
    dayStartBalance: string;
    dayStartEquity: string;
    dailyLossFloor: string;
    maxLossFloor: string;
    nextResetAt: string;
  }
>;

/** The used part of a loss limit reached the warning level (once per limit per trading day). */
export type FundedAccountEarlyWarningRaised = DomainEvent<
  'FundedAccountEarlyWarningRaised',
  { limit: LossLimitName; usedPercent: string; floor: string; equity: string; tradingDay: string }
>;

/** The breach engine found equity at a floor; trading must be disabled before the account is marked breached. */
export type FundedAccountBreachDetected = DomainEvent<
  'FundedAccountBreachDetected',
  { account: string; breach: BreachRecordData; inputs: VerdictInputs }
>;

/** Trading was disabled and positions closed: the account has ended on its breach. */
export type FundedAccountBreached = DomainEvent<'FundedAccountBreached', { cause: string; breach: BreachRecordData }>;

/** A firm balance operation moved the figures the floors are measured from (and, after scaling, the rules' balance). */
export type FundedAccountLimitsRebased = DomainEvent<
  'FundedAccountLimitsRebased',
  {
    cause: 'payout_withdrawal' | 'payout_reversal' | 'scaling_deposit';
    amount: string;
    initialBalance: string;
    dailyLossFloor: string;
    maxLossFloor: string;
  }
>;

/**
 * An admin cleared a false breach: the account trades again from a fresh day
 * start at the trading account's figures; the original verdict travels with
 * the event and stays on record.
 */
export type FundedAccountBreachOverridden = DomainEvent<
  'FundedAccountBreachOverridden',
  {
    account: string;
    adminId: string;
    reason: string;
    original: BreachRecordData;
    breachedAt: string;
    tradingDay: string;
    dayStartBalance: string;
    dayStartEquity: string;
    dailyLossFloor: string;
    maxLossFloor: string;
    nextResetAt: string;
  }
>;

export type FundedAccountEvent =
  | FundedAccountOpened
  | PayoutRequested
  | PayoutApproved
  | PayoutRejected
  | PayoutPaid
  | PayoutCompensationGranted
  | FundedAccountScaled
  | FundedAccountTradingDayStarted
  | FundedAccountEarlyWarningRaised
  | FundedAccountBreachDetected
  | FundedAccountBreached
  | FundedAccountLimitsRebased
  | FundedAccountBreachOverridden;
