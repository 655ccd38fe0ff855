import type { Candle, Clock, SignalProvider, TradingSignal } from '@tradesense/application';

/** The rule book's signal cache: one signal per symbol for 5 minutes. */
export const DEFAULT_SIGNAL_CACHE_SECONDS = 300;

interface Entry {
  readonly storedAt: number;
  readonly signal: Promise<TradingSignal>;
}

/**
 * Serves the same signal for a symbol until it is `ttlSeconds` old, whatever
 * candles later callers pass. Concurrent callers of a cold symbol share one
 * request to the inner provider; a failed request is not cached.
 */
export class CachedSignalProvider implements SignalProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(
    private readonly inner: SignalProvider,
    private readonly clock: Clock,
    ttlSeconds: number = DEFAULT_SIGNAL_CACHE_SECONDS,
  ) {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0) throw new RangeError(`Invalid cache lifetime ${ttlSeconds}s`);
    this.ttlMs = ttlSeconds * 1000;
  }

  signalFor(symbol: string, candles: readonly Candle[]): Promise<TradingSignal> {
    const now = this.clock.now().getTime();
    const cached = this.entries.get(symbol);
    if (cached && now - cached.storedAt < this.ttlMs) return cached.signal;
    this.evictExpired(now);
    const signal = this.inner.signalFor(symbol, candles);
    const entry: Entry = { storedAt: now, signal };
    this.entries.set(symbol, entry);
    signal.catch(() => {
      if (this.entries.get(symbol) === entry) this.entries.delete(symbol);
    });
    return signal;
  }

  private evictExpired(now: number): void {
    for (const [symbol, entry] of this.entries) {
      if (now - entry.storedAt >= this.ttlMs) this.entries.delete(symbol);
    }
  }
}
