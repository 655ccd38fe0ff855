import type { Challenge, ChallengeStatus } from '@tradesense/domain';
import type { TradingLogin } from '../../ports/trading-platform.js';
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

/** Repositories of the challenges context, bound to the unit of work's transaction. */
export interface ChallengesRepositories {
  readonly challenges: ChallengeRepository;
}

// This context's repositories join every transaction (see `ContextRepositories`).
declare module '../../ports/unit-of-work.js' {
  interface ContextRepositories extends ChallengesRepositories {}
}
