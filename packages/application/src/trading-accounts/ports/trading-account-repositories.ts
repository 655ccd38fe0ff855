import type { Decimal } from 'decimal.js';
import type {
  BreachRecordData,
  LocalDate,
  TradingAccount,
  TradingAccountOwner,
  VerdictInputs,
} from '@tradesense/domain';
import type { LoadOptions } from '../../shared-kernel/load-options.js';
import type { OwnerRef } from './owner-ref.js';
import type { TradingLogin } from '../../ports/trading-platform.js';
import type { AccountDealRepository, AccountEquityRepository } from './account-feed-repositories.js';
import type { TradingAccountViolationRepository } from './trading-account-violation-repository.js';

export type { OwnerRef } from './owner-ref.js';

/** Every watched login, whatever it belongs to; saved with optimistic concurrency on its version. */
export interface TradingAccountRepository {
  find(login: TradingLogin, options?: LoadOptions): Promise<TradingAccount | null>;
  /** Oldest first: a challenge's phase and attempt accounts in the order they opened. */
  listByOwner(owner: OwnerRef): Promise<TradingAccount[]>;
  /** Active accounts in login order, a page at a time. */
  listActive(page: { readonly after?: string | null; readonly limit: number }): Promise<TradingAccount[]>;
  save(account: TradingAccount): Promise<void>;
}

/** The figures of one active account at a reset instant (docs/rules.md §4). */
export interface TradingDayStart {
  readonly login: TradingLogin;
  readonly owner: TradingAccountOwner;
  readonly tradingDay: LocalDate;
  readonly balance: Decimal;
  readonly equity: Decimal;
  /** When the figures were observed; null when none were and the account's own last figures were taken. */
  readonly observedAt: Date | null;
  readonly takenAt: Date;
}

export interface TradingDayStartRepository {
  /**
   * One consistent cut for every active account, in one statement: the
   * latest observed figures where there are any, else the account's own last
   * figures. A day already snapshotted keeps its rows. Returns how many rows
   * it wrote.
   */
  snapshot(tradingDay: LocalDate, at: Date): Promise<number>;
  list(tradingDay: LocalDate, page: { readonly after?: string | null; readonly limit: number }): Promise<TradingDayStart[]>;
}

/** A detected breach with everything `evaluate` read, so it replays to the cent. */
export interface StoredTradingAccountVerdict {
  readonly id: string;
  readonly login: TradingLogin;
  readonly owner: TradingAccountOwner;
  readonly breach: BreachRecordData;
  readonly inputs: VerdictInputs;
  readonly inputHash: string;
  readonly recordedAt: Date;
}

export interface TradingAccountVerdictRepository {
  /** False when the same inputs were stored for the login already (a redelivered detection). */
  add(verdict: StoredTradingAccountVerdict): Promise<boolean>;
  listByLogin(login: TradingLogin): Promise<StoredTradingAccountVerdict[]>;
  listByOwner(owner: OwnerRef): Promise<StoredTradingAccountVerdict[]>;
}

export interface TradingAccountRepositories {
  readonly tradingAccounts: TradingAccountRepository;
  /** The deals taken in for every watched login. */
  readonly accountDeals: AccountDealRepository;
  /** The latest figures and the deal cursor of every watched login. */
  readonly accountEquity: AccountEquityRepository;
  readonly tradingDayStarts: TradingDayStartRepository;
  readonly tradingAccountVerdicts: TradingAccountVerdictRepository;
  /** The trading restrictions' violations (docs/rules.md §14). */
  readonly tradingAccountViolations: TradingAccountViolationRepository;
}

// This context's repositories join every transaction (see `ContextRepositories`).
declare module '../../ports/unit-of-work.js' {
  interface ContextRepositories extends TradingAccountRepositories {}
}
