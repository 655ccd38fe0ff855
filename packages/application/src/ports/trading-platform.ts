import type { Decimal } from 'decimal.js';
import type { Subscription } from './price-feed.js';
import { token, type Token } from './token.js';

/** Platform logins are 64-bit on MT5, so they travel as decimal strings. */
export type TradingLogin = string;

export interface CreateTradingAccountRequest {
  /** Platform group, e.g. the challenge phase group or the funded group. */
  readonly group: string;
  /** The `N` of a `1:N` leverage. */
  readonly leverage: number;
  readonly initialBalance: Decimal;
  /** Swap-free accounts are charged no overnight swap (rule book §13). */
  readonly swapFree: boolean;
  readonly name: string;
  readonly email?: string;
  readonly country?: string;
}

export interface TradingAccountCredentials {
  readonly login: TradingLogin;
  /** Master (trading) password. */
  readonly password: string;
  /** Read-only password for sharing the account. */
  readonly investorPassword: string;
  /** Group the account was actually placed in (swap-free may map to a sibling group). */
  readonly group: string;
}

export interface TradingAccountState {
  readonly login: TradingLogin;
  readonly group: string;
  readonly leverage: number;
  readonly currency: string;
  readonly swapFree: boolean;
  readonly tradingEnabled: boolean;
  readonly balance: Decimal;
  /** balance + floating profit + open swaps. */
  readonly equity: Decimal;
  readonly floatingProfit: Decimal;
  readonly margin: Decimal;
  readonly freeMargin: Decimal;
  /** equity / margin × 100; null while no margin is used. */
  readonly marginLevel: Decimal | null;
}

export type PositionSide = 'buy' | 'sell';

export interface OpenPosition {
  readonly positionId: string;
  readonly login: TradingLogin;
  readonly symbol: string;
  readonly side: PositionSide;
  /** Lots. */
  readonly volume: Decimal;
  readonly openPrice: Decimal;
  /** The price the position would close at now (bid for buys, ask for sells). */
  readonly currentPrice: Decimal;
  readonly stopLoss: Decimal | null;
  readonly takeProfit: Decimal | null;
  /** Floating profit in the account currency. */
  readonly profit: Decimal;
  /** Swap accrued so far, in the account currency. */
  readonly swap: Decimal;
  readonly openedAt: Date;
}

/**
 * What a deal did to the account. Trades are `buy`/`sell`; the rest are balance
 * movements (the amount is in `profit`, as MT5 books them).
 */
export type DealKind = 'buy' | 'sell' | 'balance' | 'credit' | 'charge' | 'correction' | 'bonus' | 'commission';

export type DealEntry = 'in' | 'out' | 'inout' | 'out_by';

export type DealReason = 'client' | 'dealer' | 'stop_loss' | 'take_profit' | 'stop_out' | 'other';

export interface Deal {
  /** Platform ticket; tickets grow with time, so the last one seen is a resumable cursor. */
  readonly dealId: string;
  readonly login: TradingLogin;
  readonly time: Date;
  readonly kind: DealKind;
  /** Trade deals only. */
  readonly entry: DealEntry | null;
  readonly reason: DealReason;
  readonly symbol: string | null;
  readonly positionId: string | null;
  readonly volume: Decimal;
  readonly price: Decimal;
  /** Realised profit of a closing deal, or the amount of a balance movement. */
  readonly profit: Decimal;
  readonly swap: Decimal;
  readonly commission: Decimal;
  readonly comment: string;
}

export type BalanceOperationKind = 'deposit' | 'withdrawal' | 'correction';

export interface BalanceOperationRequest {
  readonly login: TradingLogin;
  readonly kind: BalanceOperationKind;
  /** Positive for deposits and withdrawals; signed for corrections. */
  readonly amount: Decimal;
  /**
   * The caller's id for this operation. Repeating a request with the same id
   * returns the first outcome and never books the money twice.
   */
  readonly clientOperationId: string;
  readonly comment?: string;
}

export interface BalanceOperationResult {
  readonly dealId: string;
  /** Signed amount booked on the account. */
  readonly amount: Decimal;
  /** True when this call found the operation already booked and did nothing. */
  readonly replayed: boolean;
}

export interface ClosedPositionsReport {
  readonly closed: readonly { readonly positionId: string; readonly dealId: string }[];
}

export type DealListener = (deal: Deal) => void | Promise<void>;

export type TradingPlatformErrorCode =
  | 'PLATFORM.ACCOUNT_NOT_FOUND'
  | 'PLATFORM.POSITION_NOT_FOUND'
  | 'PLATFORM.LOGIN_EXISTS'
  | 'PLATFORM.INVALID_PASSWORD'
  | 'PLATFORM.NOT_ENOUGH_MONEY'
  | 'PLATFORM.TRADE_DISABLED'
  | 'PLATFORM.MARKET_CLOSED'
  | 'PLATFORM.NO_PRICE'
  | 'PLATFORM.INVALID_VOLUME'
  | 'PLATFORM.INVALID_STOPS'
  | 'PLATFORM.INVALID_REQUEST'
  | 'PLATFORM.PERMISSION_DENIED'
  | 'PLATFORM.AUTH_FAILED'
  | 'PLATFORM.UNAVAILABLE'
  | 'PLATFORM.REJECTED';

/**
 * A failure the platform reported. The code is stable (use cases branch on it);
 * `retcode` keeps the platform's own answer for the audit trail.
 */
export class TradingPlatformError extends Error {
  override readonly name = 'TradingPlatformError';

  constructor(
    readonly code: TradingPlatformErrorCode,
    message: string,
    readonly retcode: number | null = null,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const isTradingPlatformError = (
  error: unknown,
  code?: TradingPlatformErrorCode,
): error is TradingPlatformError =>
  error instanceof TradingPlatformError && (code === undefined || error.code === code);

/**
 * The trading server as the firm's back office sees it. Failures are thrown as
 * `TradingPlatformError` (I/O ports throw; use cases turn codes into results).
 */
export interface TradingPlatform {
  createAccount(request: CreateTradingAccountRequest): Promise<TradingAccountCredentials>;
  getAccount(login: TradingLogin): Promise<TradingAccountState>;
  openPositions(login: TradingLogin): Promise<readonly OpenPosition[]>;
  /** Deals whose time is in [from, to), oldest first. */
  dealsBetween(login: TradingLogin, from: Date, to: Date): Promise<readonly Deal[]>;
  /**
   * Deals with a ticket after `afterDealId` (all when null), oldest first, at
   * most `limit`. Feeding back the last ticket returned resumes without loss
   * or duplicates, across restarts.
   */
  dealsAfter(login: TradingLogin, afterDealId: string | null, limit?: number): Promise<readonly Deal[]>;
  /**
   * Delivers every deal after `afterDealId`, then each new one as it happens,
   * one at a time in ticket order (a listener's promise is awaited first).
   */
  subscribeDeals(login: TradingLogin, afterDealId: string | null, listener: DealListener): Subscription;
  balanceOperation(request: BalanceOperationRequest): Promise<BalanceOperationResult>;
  changeGroup(login: TradingLogin, group: string): Promise<void>;
  changeLeverage(login: TradingLogin, leverage: number): Promise<void>;
  disableTrading(login: TradingLogin): Promise<void>;
  enableTrading(login: TradingLogin): Promise<void>;
  /** Closes every open position at the current market price. */
  closeAllPositions(login: TradingLogin, comment?: string): Promise<ClosedPositionsReport>;
}

export const TRADING_PLATFORM: Token<TradingPlatform> = token<TradingPlatform>('TradingPlatform');
