import { Decimal } from 'decimal.js';
import { DomainError, err, ok, type Result } from '@tradesense/domain';
import type { PriceFeed } from '../../ports/price-feed.js';
import type { SignalProvider, TradingSignal } from '../../ports/signal-provider.js';
import { signalsErrors } from '../signals-errors.js';

/** One-minute candles handed to the provider: two hours, several times what the indicators need. */
export const SIGNAL_CANDLES = 120;

/**
 * The trading signal of a symbol the price feed quotes, from its recent
 * one-minute candles, with its levels rounded to the symbol's price digits
 * (indicator arithmetic yields prices no order could carry). The provider
 * caches per symbol, so callers within the cache period share one signal
 * whatever the candles are by then.
 */
export class TradingSignalQuery {
  constructor(
    private readonly feed: PriceFeed,
    private readonly signals: SignalProvider,
  ) {}

  async execute(symbol: string): Promise<Result<TradingSignal, DomainError>> {
    const spec = await this.feed.symbol(symbol);
    if (!spec) return err(signalsErrors.symbolNotFound(symbol));
    const candles = await this.feed.recentCandles(symbol, SIGNAL_CANDLES);
    if (candles.length === 0) return err(signalsErrors.noPriceHistory(symbol));
    try {
      const signal = await this.signals.signalFor(symbol, candles);
      const price = (level: Decimal): Decimal => level.toDecimalPlaces(spec.digits, Decimal.ROUND_HALF_UP);
      return ok({
        ...signal,
        entry: price(signal.entry),
        stopLoss: signal.stopLoss && price(signal.stopLoss),
        takeProfit: signal.takeProfit && price(signal.takeProfit),
      });
    } catch (error) {
      // Providers refuse with typed domain errors (e.g. no usable history); anything else is unexpected.
      if (error instanceof DomainError) return err(error);
      throw error;
    }
  }
}
