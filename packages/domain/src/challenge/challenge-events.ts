import type { DomainEvent } from '../shared/domain-event.js';
import type { BreachRecordData } from '../drawdown/breach-record.js';
import type { ChallengeStatus, ExpiryReason } from './challenge-status.js';

/** Every status change carries where it came from, where it went and why. */
type Transition = {
  readonly from: ChallengeStatus | null;
  readonly to: ChallengeStatus;
  readonly cause: string;
};

export type ChallengeCreated = DomainEvent<
  'ChallengeCreated',
  Transition & {
    traderId: string;
    modelId: string;
    modelVersion: number;
    initialBalance: string;
    price: string;
    trial: boolean;
  }
>;
export type ChallengeActivated = DomainEvent<'ChallengeActivated', Transition & { account: string; phase: number }>;
/** A trading day counted for the phase minimum (a position was opened in it). */
export type ChallengeTradingDayCounted = DomainEvent<
  'ChallengeTradingDayCounted',
  { phase: number; day: string; counted: number; required: number }
>;
export type ChallengeFailed = DomainEvent<'ChallengeFailed', Transition & { breach: BreachRecordData }>;
export type ChallengePhasePassed = DomainEvent<
  'ChallengePhasePassed',
  { phase: number; account: string; balance: string; tradingDays: number; lastPhase: boolean }
>;
export type ChallengePhaseStarted = DomainEvent<'ChallengePhaseStarted', { phase: number; account: string }>;
/** The last phase was passed: deferred KYC starts (section 8). */
export type ChallengePassed = DomainEvent<'ChallengePassed', Transition & { phases: number }>;
export type ChallengeExpired = DomainEvent<'ChallengeExpired', Transition & { reason: ExpiryReason }>;
export type ChallengeReset = DomainEvent<'ChallengeReset', Transition & { attempt: number; price: string; account: string }>;
export type ChallengeFunded = DomainEvent<'ChallengeFunded', Transition & { fundedAccountId: string }>;
export type ChallengeCancelled = DomainEvent<'ChallengeCancelled', Transition>;
export type ChallengeRefunded = DomainEvent<'ChallengeRefunded', Transition>;
/**
 * An admin cleared the breach of the challenge's trading account
 * (`TradingAccountBreachOverridden`, docs/rules.md §4): the challenge trades
 * again. The original verdict travels with the event and stays on record.
 * The floors and day-start figures belong to the trading account and are on
 * its event; re-enabling trading follows that event, not this one.
 */
export type ChallengeReinstated = DomainEvent<
  'ChallengeReinstated',
  Transition & { adminId: string; original: BreachRecordData; account: string }
>;

export type ChallengeEvent =
  | ChallengeCreated
  | ChallengeActivated
  | ChallengeTradingDayCounted
  | ChallengeFailed
  | ChallengePhasePassed
  | ChallengePhaseStarted
  | ChallengePassed
  | ChallengeExpired
  | ChallengeReset
  | ChallengeFunded
  | ChallengeCancelled
  | ChallengeRefunded
  | ChallengeReinstated;
