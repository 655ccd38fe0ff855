import type { RuleSnapshotData } from '../catalog/rule-snapshot.js';
import type { BreachRecordData } from '../drawdown/breach-record.js';
import type { ChallengeStatus } from './challenge-status.js';

/** A finished phase attempt, kept when the phase is passed or the challenge is reset. */
export interface PhaseRecordData {
  readonly phase: number;
  readonly attempt: number;
  readonly account: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly outcome: 'passed' | 'failed' | 'expired';
  /** The trading days counted in the phase (local dates of the firm calendar). */
  readonly tradingDays: readonly string[];
  readonly finalBalance: string;
  readonly breach: BreachRecordData | null;
}

/** An admin override of a breach: the original verdict stays here for the audit trail. */
export interface BreachOverrideData {
  readonly adminId: string;
  readonly reason: string;
  readonly at: Date;
  readonly previousStatus: ChallengeStatus;
  readonly original: BreachRecordData;
}

/**
 * Plain-data persistence shape of a challenge. Instants are Dates; amounts
 * and the nested rule snapshot and breach records are JSON with decimal
 * strings, so a repository can keep them in JSON columns. The loss limits'
 * state is not here: it belongs to the phase's trading account
 * (`TradingAccountState`, docs/rules.md §4).
 */
export interface ChallengeState {
  readonly id: string;
  /** Optimistic-concurrency version, owned by the repository. */
  readonly version: number;
  readonly traderId: string;
  readonly rules: RuleSnapshotData;
  readonly trial: boolean;
  readonly status: ChallengeStatus;
  /** Current phase, 1-based. */
  readonly phase: number;
  /** The current phase is passed and the next one waits for its fresh account. */
  readonly phasePassed: boolean;
  /** Trading-platform login of the current phase's account. */
  readonly account: string | null;
  readonly phaseStartedAt: Date | null;
  /** Trading days counted in the current phase, ascending. */
  readonly tradingDays: readonly string[];
  readonly lastTradeAt: Date | null;
  /** The breach the challenge failed on, as its trading account reported it (`failOnBreach`); null for none. */
  readonly breach: BreachRecordData | null;
  /**
   * The current phase account's balance as last reported by its trading
   * account (a deal or a day start): the phase record's final balance
   * (docs/rules.md §3). Null when none was reported yet: the initial balance.
   */
  readonly lastBalance: string | null;
  readonly history: readonly PhaseRecordData[];
  readonly overrides: readonly BreachOverrideData[];
  /** 1 for the first run, +1 per reset. */
  readonly attempt: number;
  readonly fundedAccountId: string | null;
  readonly createdAt: Date;
  readonly activatedAt: Date | null;
  readonly endedAt: Date | null;
  readonly updatedAt: Date;
}

/**
 * What `Challenge.restore` accepts: a `ChallengeState`, or a row stored while
 * a challenge kept drawdown state of its own. Such a row has a `drawdown`
 * object and may lack `breach` and `lastBalance`; only the drawdown's breach
 * and last balance are read from it, to fill those two when missing.
 */
export type StoredChallengeState = Omit<ChallengeState, 'breach' | 'lastBalance'> & {
  /** The open positions a challenge kept before its phase account did: ignored, the account holds them. */
  readonly openPositions?: readonly string[];
  readonly breach?: BreachRecordData | null;
  readonly lastBalance?: string | null;
  readonly drawdown?: { readonly breach?: BreachRecordData | null; readonly lastBalance?: string | null } | null;
};
