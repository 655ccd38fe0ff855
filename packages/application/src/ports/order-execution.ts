import type { Decimal } from 'decimal.js';
import type { TradingLogin } from './trading-platform.js';
import { token, type Token } from './token.js';

export type OrderSide = 'buy' | 'sell';

export interface MarketOrderRequest {
  readonly login: TradingLogin;
  readonly symbol: string;
  readonly side: OrderSide;
  /** Lots. */
  readonly volume: Decimal;
  readonly stopLoss?: Decimal | null;
  readonly takeProfit?: Decimal | null;
  readonly comment?: string;
}

export interface MarketOrderFill {
  readonly positionId: string;
  readonly dealId: string;
  readonly price: Decimal;
}

/**
 * Trading on behalf of a trader through the API. On MetaTrader traders use
 * their own terminal, so only platforms that offer in-app trading (the
 * simulated server) bind this port. Failures throw `TradingPlatformError`.
 */
export interface OrderExecution {
  placeMarketOrder(request: MarketOrderRequest): Promise<MarketOrderFill>;
  closePosition(login: TradingLogin, positionId: string): Promise<{ readonly dealId: string }>;
  modifyPosition(login: TradingLogin, positionId: string, stops: { stopLoss: Decimal | null; takeProfit: Decimal | null }): Promise<void>;
}

export const ORDER_EXECUTION: Token<OrderExecution> = token<OrderExecution>('OrderExecution');
