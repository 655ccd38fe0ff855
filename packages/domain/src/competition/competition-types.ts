import type { LocalDate } from '../calendar/local-date.js';

/** Derived from the dates and the firm calendar, never stored as truth. */
export type CompetitionStatus = 'upcoming' | 'registration' | 'active' | 'ended';
export type EntryStatus = 'active' | 'disqualified';

/** Trading days of the firm calendar, all inclusive. */
export interface CompetitionSchedule {
  readonly registrationOpens: LocalDate;
  readonly registrationCloses: LocalDate;
  readonly starts: LocalDate;
  readonly ends: LocalDate;
}

/** A prize as plain data (amounts as decimal strings in the competition's currency). */
export type PrizeState =
  | { readonly kind: 'cash'; readonly amount: string }
  | { readonly kind: 'funded_account'; readonly modelId: string; readonly accountSize: string };

export interface PrizeTierState {
  readonly rank: number;
  readonly prize: PrizeState;
}

export interface AwardState {
  readonly rank: number;
  readonly entryId: string;
  readonly userId: string;
  readonly prize: PrizeState;
}

export interface EntryState {
  readonly id: string;
  readonly userId: string;
  readonly registeredAt: Date;
  /** Payment of the entry fee (null for a free competition). */
  readonly paymentReference: string | null;
  readonly equity: string;
  /** Instant of the last equity reading applied. */
  readonly equityAt: Date;
  /** Instant the entry reached its current ROI (registration for the starting 0%). */
  readonly roiReachedAt: Date;
  readonly status: EntryStatus;
  readonly disqualification: { readonly reason: string; readonly actor: string; readonly at: Date } | null;
  readonly tradingDay: LocalDate | null;
  readonly tradesOnDay: number;
}

/**
 * Evaluation-like loss limits a competition may run under (percentages of the
 * initial balance as point strings, both in (0, 100)). Null: the entries' accounts
 * have no loss limits, as rule book section 7 has it by default.
 */
export interface CompetitionLossLimits {
  readonly dailyLossPercent: string;
  readonly maxLossPercent: string;
}
