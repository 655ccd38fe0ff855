import type { Decimal } from 'decimal.js';
import type { Candle, Tick } from '@tradesense/application';

const MINUTE_MS = 60_000;
/** One trading day of one-minute bars per symbol: enough for any indicator, bounded memory. */
export const DEFAULT_CANDLE_CAPACITY = 1_440;

interface Bar {
  readonly start: number;
  readonly open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
}

/**
 * One-minute bid candles built from the ticks the simulator applies, as an
 * MT5 chart is. A tick older than the symbol's current bar is not charted
 * (a feed delivers each symbol in time order; a stray late quote must not
 * rewrite a closed bar).
 */
export class CandleHistory {
  readonly #bars = new Map<string, Bar[]>();

  constructor(private readonly capacity = DEFAULT_CANDLE_CAPACITY) {}

  record(tick: Tick): void {
    const start = Math.floor(tick.time.getTime() / MINUTE_MS) * MINUTE_MS;
    let bars = this.#bars.get(tick.symbol);
    if (!bars) this.#bars.set(tick.symbol, (bars = []));
    const current = bars[bars.length - 1];
    if (current && current.start === start) {
      if (tick.bid.gt(current.high)) current.high = tick.bid;
      if (tick.bid.lt(current.low)) current.low = tick.bid;
      current.close = tick.bid;
      return;
    }
    if (current && start < current.start) return;
    bars.push({ start, open: tick.bid, high: tick.bid, low: tick.bid, close: tick.bid });
    if (bars.length > this.capacity) bars.splice(0, bars.length - this.capacity);
  }

  /** Up to `count` most recent candles, oldest first. */
  recent(symbol: string, count: number): Candle[] {
    const bars = this.#bars.get(symbol) ?? [];
    return bars.slice(Math.max(0, bars.length - Math.max(0, Math.floor(count)))).map((bar) => ({
      time: new Date(bar.start),
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
    }));
  }
}
