import type { Decimal } from 'decimal.js';
import type { PositionSide, SymbolSpecification, TradingLogin } from '@tradesense/application';

export interface SimulatedPosition {
  readonly positionId: string;
  readonly login: TradingLogin;
  readonly spec: SymbolSpecification;
  readonly side: PositionSide;
  readonly volume: Decimal;
  readonly openPrice: Decimal;
  readonly openedAt: Date;
  /** Float copies for the stop-out pre-check only; books always use the Decimals. */
  readonly approx: { readonly units: number; readonly openPrice: number; readonly marginRate: number };
  stopLoss: Decimal | null;
  takeProfit: Decimal | null;
  /** Swap accrued at rollovers, in the account currency, booked on close. */
  swap: Decimal;
}

export interface SimulatedAccount {
  readonly login: TradingLogin;
  readonly name: string;
  readonly email: string | null;
  readonly swapFree: boolean;
  group: string;
  leverage: number;
  tradingEnabled: boolean;
  balance: Decimal;
  readonly positions: Map<string, SimulatedPosition>;
}

export interface MarketOrder {
  readonly login: TradingLogin;
  readonly symbol: string;
  readonly side: PositionSide;
  readonly volume: Decimal;
  readonly stopLoss?: Decimal | null;
  readonly takeProfit?: Decimal | null;
  readonly comment?: string;
}

export interface OrderFill {
  readonly positionId: string;
  readonly dealId: string;
  readonly price: Decimal;
}
