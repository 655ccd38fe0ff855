import type { Decimal } from 'decimal.js';
import type { BalanceOperationKind, Deal, PositionSide, TradingLogin } from './trading-platform.js';
import { token, type Token } from './token.js';

/** One account of the simulated trading server, as stored. */
export interface SimulatedAccountRecord {
  readonly login: TradingLogin;
  readonly name: string;
  readonly email: string | null;
  readonly swapFree: boolean;
  readonly group: string;
  readonly leverage: number;
  readonly tradingEnabled: boolean;
  readonly balance: Decimal;
}

/** One open position of the simulated trading server, as stored. */
export interface SimulatedPositionRecord {
  readonly positionId: string;
  readonly login: TradingLogin;
  readonly symbol: string;
  readonly side: PositionSide;
  readonly volume: Decimal;
  readonly openPrice: Decimal;
  readonly openedAt: Date;
  readonly stopLoss: Decimal | null;
  readonly takeProfit: Decimal | null;
  /** Swap accrued at rollovers, in the account currency, booked with the closing deal. */
  readonly swap: Decimal;
}

/** A booked balance operation, kept by its client operation id so a retry books nothing twice. */
export interface SimulatedBalanceOperationRecord {
  readonly clientOperationId: string;
  readonly login: TradingLogin;
  readonly kind: BalanceOperationKind;
  /** Signed: a withdrawal is negative. */
  readonly amount: Decimal;
  readonly dealId: string;
}

/** The numbers the simulated server hands out: logins, position ids, deal tickets. */
export type SimulatedCounter = 'login' | 'position' | 'deal';

/**
 * The simulated server's reads and writes inside one transaction. A row read
 * with `lock: true` stays locked until the transaction ends, so concurrent
 * writers of one account (in this process or another) queue instead of
 * overwriting each other.
 */
export interface SimulatedTradingTransaction {
  /**
   * The counter's next value (`first` on its first use). The counter stays
   * locked until the transaction ends, so numbers are committed in the order
   * they are handed out: a deal ticket never becomes visible below one a
   * reader has already passed, and no number is ever handed out twice.
   */
  nextNumber(counter: SimulatedCounter, first: number): Promise<number>;
  insertAccount(account: SimulatedAccountRecord): Promise<void>;
  account(login: TradingLogin, options?: { readonly lock?: boolean }): Promise<SimulatedAccountRecord | null>;
  /** Writes group, leverage, trading permission and balance. */
  updateAccount(account: SimulatedAccountRecord): Promise<void>;
  /** The account's open positions, oldest first. */
  positions(login: TradingLogin): Promise<SimulatedPositionRecord[]>;
  /** Every open position with its account (for stop levels, stop-out and rollovers). */
  openBook(): Promise<{ accounts: SimulatedAccountRecord[]; positions: SimulatedPositionRecord[] }>;
  insertPosition(position: SimulatedPositionRecord): Promise<void>;
  updatePosition(position: SimulatedPositionRecord): Promise<void>;
  /** False when the position was no longer open (someone else closed it first). */
  deletePosition(positionId: string): Promise<boolean>;
  /** The open position, or null. */
  position(positionId: string): Promise<SimulatedPositionRecord | null>;
  insertDeal(deal: Deal): Promise<void>;
  /** Deals of the login with a ticket above `afterDealId`, in ticket order. */
  dealsAfter(login: TradingLogin, afterDealId: string | null, limit: number): Promise<Deal[]>;
  /** Deals of the login with `from ≤ time < to`, in ticket order. */
  dealsBetween(login: TradingLogin, from: Date, to: Date): Promise<Deal[]>;
  dealCount(): Promise<number>;
  balanceOperation(clientOperationId: string): Promise<SimulatedBalanceOperationRecord | null>;
  insertBalanceOperation(operation: SimulatedBalanceOperationRecord): Promise<void>;
  /** Records that the rollover at `at` was charged to the login; false when it already was. */
  markRollover(login: TradingLogin, at: Date): Promise<boolean>;
}

/**
 * Where the simulated trading server keeps its accounts, positions, deals,
 * balance operations and number sequences: in memory for unit tests, in the
 * database for the running platform, where every API and worker process
 * shares one simulated server through it.
 */
export interface SimulatedTradingStore {
  /** Runs `work` in one transaction: all of its writes or none. */
  transaction<T>(work: (tx: SimulatedTradingTransaction) => Promise<T>): Promise<T>;
  /**
   * The instant the simulated market began: stored by the first caller ever,
   * returned unchanged to everyone afterwards (prices derive from it).
   */
  marketAnchor(proposed: Date): Promise<Date>;
  /**
   * Tells `listener` the login of each deal once its transaction committed,
   * whichever process booked it; `resumed` when some may have been missed.
   */
  watchDeals(listener: { deal(login: TradingLogin): void; resumed(): void }): Promise<() => Promise<void>>;
}

export const SIMULATED_TRADING_STORE: Token<SimulatedTradingStore> = token<SimulatedTradingStore>('SimulatedTradingStore');
