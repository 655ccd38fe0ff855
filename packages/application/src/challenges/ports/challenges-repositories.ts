import type { Decimal } from 'decimal.js';
import type { BreachRecordData, Challenge, ChallengeStatus, LocalDate, VerdictInputs } from '@tradesense/domain';
import type { Deal, TradingLogin } from '../../ports/trading-platform.js';
import type { CursorPage, PageRequest } from '../../shared-kernel/cursor-page.js';
import type { LoadOptions } from '../../shared-kernel/load-options.js';

/** What a challenge row knows beyond the aggregate: set when the challenge is first saved. */
export interface ChallengeProvisioning {
  /** The order that bought it (one challenge per order; null for challenges made otherwise). */
  readonly orderId?: string | null;
  /** Swap-free accounts are provisioned in the swap-free group, for every phase. */
  readonly swapFree?: boolean;
}

export interface ChallengeAdminFilter extends PageRequest {
  readonly status?: ChallengeStatus;
  readonly traderId?: string;
  readonly modelId?: string;
}

export interface ChallengeRepository {
  findById(id: string, options?: LoadOptions): Promise<Challenge | null>;
  /**
   * The challenge a trading login belongs to: the current phase's account or
   * an earlier one (phase 1 before phase 2, an attempt before a reset).
   * `challenge.account === login` tells whether it is the current one.
   */
  findByAccountLogin(login: TradingLogin, options?: LoadOptions): Promise<Challenge | null>;
  findByOrderId(orderId: string): Promise<Challenge | null>;
  /** Whether the challenge's accounts are swap-free (as provisioned). */
  isSwapFree(challengeId: string): Promise<boolean>;
  /** Challenges that are `active`, ordered by id, `after` the given id. */
  listActive(page: { readonly after?: string | null; readonly limit: number }): Promise<Challenge[]>;
  /** Active challenges whose passed phase still waits for the next phase's account (a failed or interrupted start). */
  listAwaitingNextPhase(limit: number): Promise<Challenge[]>;
  /** A trader's challenges, newest first. */
  listByTrader(traderId: string, page: PageRequest): Promise<CursorPage<Challenge>>;
  /** Every challenge matching the filter, newest first (admin). */
  listForAdmin(filter: ChallengeAdminFilter): Promise<CursorPage<Challenge>>;
  /**
   * Inserts or updates. A stale version fails with ConcurrencyConflict; a
   * second challenge for one order fails with `CHALLENGE.ORDER_ALREADY_FULFILLED`.
   * `provisioning` is recorded on insert only.
   */
  save(challenge: Challenge, provisioning?: ChallengeProvisioning): Promise<void>;
}

/** A platform deal as recorded against a challenge account. */
export interface RecordedDeal extends Deal {
  readonly challengeId: string;
  readonly phase: number;
  readonly attempt: number;
  /** The account balance right after the deal, as the feed computed it. */
  readonly balanceAfter: Decimal;
}

export interface PlatformDealRepository {
  /** Inserts the deal; false when this (login, deal id) was already recorded. */
  record(deal: RecordedDeal): Promise<boolean>;
  /** Lots still open on a position, from the recorded deals (in minus out). */
  openVolume(login: TradingLogin, positionId: string): Promise<Decimal>;
  /** A challenge's deals, newest first. */
  listByChallenge(challengeId: string, page: PageRequest): Promise<CursorPage<RecordedDeal>>;
}

/** The latest figures known for one trading account, and how far its deal feed was read. */
export interface AccountFigures {
  readonly login: TradingLogin;
  /** The latest balance and equity observed (from a deal or from the risk monitor). */
  readonly balance: Decimal;
  readonly equity: Decimal;
  readonly updatedAt: Date;
  /** The sum of every deal taken in from the feed: what the next deal's balance builds on. */
  readonly ledgerBalance: Decimal;
  /** The last platform deal ticket taken in; the feed resumes after it. */
  readonly lastDealId: string | null;
}

/** A deal taken in from the feed moves the ledger and the cursor together. */
export interface LedgerPosition {
  readonly balance: Decimal;
  readonly lastDealId: string;
}

export interface DayStartSnapshot {
  readonly challengeId: string;
  readonly login: TradingLogin;
  readonly tradingDay: LocalDate;
  readonly balance: Decimal;
  readonly equity: Decimal;
  readonly takenAt: Date;
}

export interface AccountEquityRepository {
  find(login: TradingLogin): Promise<AccountFigures | null>;
  /**
   * Locks the account's row for this transaction, creating it with an empty
   * ledger, so the feed takes in one deal at a time.
   */
  lock(login: TradingLogin, at: Date): Promise<AccountFigures>;
  /**
   * Stores observed figures; figures older than the stored ones leave them as
   * they are. The ledger and cursor move only when `ledger` is given.
   */
  update(
    login: TradingLogin,
    figures: { balance: Decimal; equity: Decimal; at: Date; ledger?: LedgerPosition },
  ): Promise<void>;
  /**
   * The day-start snapshot of every active challenge account for `tradingDay`,
   * as ONE set-based statement from the latest known figures (the initial
   * balance for an account never observed). Accounts already snapshotted for
   * the day are left alone. Returns how many rows were written.
   */
  snapshotDayStart(tradingDay: LocalDate, at: Date): Promise<number>;
  /** The snapshots of one trading day, ordered by challenge id, `after` the given id. */
  listDayStart(tradingDay: LocalDate, page: { readonly after?: string | null; readonly limit: number }): Promise<DayStartSnapshot[]>;
}

/** A breach verdict with everything needed to replay it. */
export interface StoredBreachVerdict {
  readonly id: string;
  readonly challengeId: string;
  readonly login: TradingLogin;
  readonly phase: number;
  readonly attempt: number;
  readonly breach: BreachRecordData;
  readonly inputs: VerdictInputs;
  readonly inputHash: string;
  readonly recordedAt: Date;
}

export interface BreachVerdictRepository {
  /** Stores a verdict; false when the challenge already has one with that input hash. */
  add(verdict: StoredBreachVerdict): Promise<boolean>;
  /** The challenge's verdicts, latest first. */
  listByChallenge(challengeId: string): Promise<StoredBreachVerdict[]>;
}

/** Repositories of the challenges context, bound to the unit of work's transaction. */
export interface ChallengesRepositories {
  readonly challenges: ChallengeRepository;
  readonly platformDeals: PlatformDealRepository;
  readonly accountEquity: AccountEquityRepository;
  readonly breachVerdicts: BreachVerdictRepository;
}
