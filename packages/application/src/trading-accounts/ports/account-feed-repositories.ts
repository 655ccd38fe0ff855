import type { Decimal } from 'decimal.js';
import type { TradingAccountOwner } from '@tradesense/domain';
import type { Deal, TradingLogin } from '../../ports/trading-platform.js';
import type { CursorPage, PageRequest } from '../../shared-kernel/cursor-page.js';
import type { OwnerRef } from './owner-ref.js';

/** A platform deal as taken in for a watched trading account. */
export interface RecordedDeal extends Deal {
  /** What the account belonged to when the deal was taken in (a challenge's phase and attempt, a funded account…). */
  readonly owner: TradingAccountOwner;
  /** The account balance right after the deal, as the feed computed it. */
  readonly balanceAfter: Decimal;
}

export interface AccountDealRepository {
  /** Inserts the deal; false when this (login, deal id) was already recorded. */
  record(deal: RecordedDeal): Promise<boolean>;
  /** Lots still open on a position, from the recorded deals (in minus out). */
  openVolume(login: TradingLogin, positionId: string): Promise<Decimal>;
  /** A position's recorded deals on a login, oldest first: what a closing deal's net result carries from its openings. */
  positionDeals(login: TradingLogin, positionId: string): Promise<RecordedDeal[]>;
  /** An owner's deals over all its logins (a challenge's phases and attempts), newest first. */
  listByOwner(owner: OwnerRef, page: PageRequest): Promise<CursorPage<RecordedDeal>>;
  /** One login's deals, whatever it belonged to when each was taken in, newest first. */
  listByLogin(login: TradingLogin, page: PageRequest): Promise<CursorPage<RecordedDeal>>;
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

/** The figures of every watched login, the day-start snapshot's source (docs/rules.md §4). */
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
  update(login: TradingLogin, figures: { balance: Decimal; equity: Decimal; at: Date; ledger?: LedgerPosition }): Promise<void>;
}
