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
  /**
   * The facts the trading restrictions read (rule book §14), from the symbol's
   * specification and the deal; a restriction that needs one the deal lacks
   * does not judge it. The asset class (`forex`, `indices`…), as the
   * snapshot's lot limits name it.
   */
  readonly assetClass?: string;
  /** The deal's lots: opened, added, or closed. */
  readonly volume?: Decimal;
  /** A closing deal's net result (profit, commission and swap), in the account currency. */
  readonly netProfit?: Decimal;
  /** The symbol's base and quote (profit) currencies: the legs a news event is matched on. */
  readonly baseCurrency?: string;
  readonly quoteCurrency?: string;
}
