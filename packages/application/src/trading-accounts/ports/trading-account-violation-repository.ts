import type { LocalDate, RestrictionViolationData, RestrictionViolationInputs, TradingAccountOwner } from '@tradesense/domain';
import type { TradingLogin } from '../../ports/trading-platform.js';
import type { CursorPage, PageRequest } from '../../shared-kernel/cursor-page.js';

/** An admin's clearing of a violation (docs/rules.md §14); the violation stays as found. */
export interface ViolationClearing {
  readonly adminId: string;
  readonly reason: string;
  readonly at: Date;
}

/**
 * A restriction violation as the firm keeps it (docs/rules.md §14): what was
 * found, the inputs it was judged from and their hash, so it replays; its id
 * is the violation's own, derived from its cause, and unique per login.
 */
export interface StoredTradingAccountViolation {
  readonly id: string;
  readonly login: TradingLogin;
  readonly owner: TradingAccountOwner;
  readonly violation: RestrictionViolationData;
  readonly inputs: RestrictionViolationInputs;
  readonly inputHash: string;
  readonly tradingDay: LocalDate;
  readonly status: 'open' | 'cleared';
  readonly cleared: ViolationClearing | null;
  readonly recordedAt: Date;
  /** When the firm closed the positions a `close` violation names on the platform; null until then (or for other actions). */
  readonly positionsClosedAt: Date | null;
}

export interface TradingAccountViolationRepository {
  /** False when the login already has this violation (a redelivered deal finds the same cause). */
  add(violation: StoredTradingAccountViolation): Promise<boolean>;
  /** With `lock`, the row stays locked until the transaction ends. */
  find(login: TradingLogin, id: string, options?: { readonly lock?: boolean }): Promise<StoredTradingAccountViolation | null>;
  /** The admin review queue: open violations of every login, newest first. */
  listOpen(page: PageRequest): Promise<CursorPage<StoredTradingAccountViolation>>;
  /** One login's violations, cleared ones included, newest first. */
  listByLogin(login: TradingLogin): Promise<StoredTradingAccountViolation[]>;
  /** False when there is no such open violation. */
  markCleared(login: TradingLogin, id: string, clearing: ViolationClearing): Promise<boolean>;
  /** Records that the named positions were closed on the platform; false when that was recorded already. */
  markPositionsClosed(login: TradingLogin, id: string, at: Date): Promise<boolean>;
}
