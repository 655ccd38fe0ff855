import type { Decimal } from '../money/decimal.js';

/**
 * What a deal did to a position: opened one, closed it, or closed part of it
 * (the position stays open). Adding to an open position is an `open`.
 */
export type DealAction = 'open' | 'close' | 'partial_close';

/** A trade deal on a trading account, with the account's figures right after it. */
export interface TradingAccountDeal {
  readonly dealId: string;
  readonly positionId: string;
  readonly action: DealAction;
  readonly at: Date;
  readonly balance: Decimal;
  readonly equity: Decimal;
  readonly symbol?: string;
}
