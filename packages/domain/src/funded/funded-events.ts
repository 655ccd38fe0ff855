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

/** Its trading account ended on a breach (trading disabled, positions closed): the funded account has ended. */
export type FundedAccountBreached = DomainEvent<'FundedAccountBreached', { cause: string; breach: BreachRecordData }>;

/** An admin cleared its trading account's breach: the account is active again; the original verdict stays on record. */
export type FundedAccountReinstated = DomainEvent<
  'FundedAccountReinstated',
  { account: string; adminId: string; reason: string; original: BreachRecordData; breachedAt: string }
>;

export type FundedAccountEvent =
  | FundedAccountOpened
  | PayoutRequested
  | PayoutApproved
  | PayoutRejected
  | PayoutPaid
  | PayoutCompensationGranted
  | FundedAccountScaled
  | FundedAccountBreached
  | FundedAccountReinstated;
