import { domainError } from '@tradesense/domain';

export const signalsErrors = {
  symbolNotFound: (symbol: string) => domainError('SIGNAL.SYMBOL_NOT_FOUND', `The price feed does not quote ${symbol}`, { symbol }),
  /** The feed quotes the symbol but has not charted a single bar yet (a market that just opened). */
  noPriceHistory: (symbol: string) =>
    domainError('SIGNAL.NO_PRICE_HISTORY', `No price history for ${symbol} yet: a signal needs at least one candle`, { symbol }),
};
