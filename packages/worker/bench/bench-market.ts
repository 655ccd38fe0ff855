import type { Tick } from '@tradesense/application';
import { Decimal } from '@tradesense/domain';
import type { BenchSymbol } from './bench-symbols.js';

/** mulberry32: a seeded generator, so every run values the same book on the same path. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/**
 * Ticks a liquid symbol makes in a trading day: a tick moves the mid by the
 * daily volatility / √(ticks per day), the size of a real tick (a fraction of
 * a pip on EURUSD), rounded to the symbol's points.
 */
const TICKS_PER_DAY = 20_000;

/** The mids of every symbol, moved by a seeded random walk; ticks are quoted around them with the typical spread. */
export class BenchMarket {
  readonly mids: Float64Array;
  private readonly next: () => number;

  constructor(
    readonly symbols: readonly BenchSymbol[],
    seed: number,
  ) {
    this.mids = Float64Array.from(symbols, (symbol) => symbol.mid);
    this.next = seeded(seed);
  }

  /** A quote of symbol `index` at its current mid. */
  quote(index: number, time: Date): Tick {
    const symbol = this.symbols[index]!;
    const point = 10 ** -symbol.spec.digits;
    const bidPoints = Math.round(this.mids[index]! / point - symbol.spreadPoints / 2);
    return {
      symbol: symbol.spec.symbol,
      bid: new Decimal(bidPoints).times(new Decimal(10).pow(-symbol.spec.digits)),
      ask: new Decimal(bidPoints + symbol.spreadPoints).times(new Decimal(10).pow(-symbol.spec.digits)),
      time,
    };
  }

  /** Moves the mid of symbol `index` by `relative` and quotes it. */
  move(index: number, relative: number, time: Date): Tick {
    this.mids[index] = this.mids[index]! * (1 + relative);
    return this.quote(index, time);
  }

  /** The next tick of a random walk on a symbol drawn uniformly. */
  randomTick(time: Date): Tick {
    const index = Math.floor(this.next() * this.symbols.length);
    const sigma = this.symbols[index]!.dailyVolatility / Math.sqrt(TICKS_PER_DAY);
    return this.move(index, gaussian(this.next) * sigma, time);
  }
}
