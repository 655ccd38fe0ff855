import { Decimal } from 'decimal.js';
import type { Tick } from '@tradesense/application';
import type { PriceSource } from './price-source.js';
import { SeededRandom } from './seeded-random.js';
import type { SimulatedSymbol } from './symbol-catalog.js';

const SECONDS_PER_DAY = 86_400;
/** Beyond this many missed steps the walk jumps ahead instead of replaying them all. */
const DEFAULT_MAX_CATCH_UP_STEPS = 100_000;

export interface RandomWalkOptions {
  readonly seed: number | string;
  readonly symbols: readonly SimulatedSymbol[];
  readonly startAt: Date;
  /** Every symbol ticks once per step. */
  readonly stepMs?: number;
  readonly maxCatchUpSteps?: number;
}

interface WalkState {
  readonly symbol: SimulatedSymbol;
  readonly scale: number;
  readonly sigmaPerStep: number;
  mid: number;
}

/**
 * A geometric random walk on a fixed time grid. Ticks fall on `startAt + k ×
 * stepMs` and symbols draw from one generator in a fixed order, so the path
 * depends only on the seed, never on how often the caller advances.
 */
export class RandomWalkPriceSource implements PriceSource {
  readonly #random: SeededRandom;
  readonly #states: WalkState[];
  readonly #stepMs: number;
  readonly #maxCatchUp: number;
  #nextStepAt: number;

  constructor(options: RandomWalkOptions) {
    this.#random = new SeededRandom(options.seed);
    this.#stepMs = options.stepMs ?? 1_000;
    this.#maxCatchUp = options.maxCatchUpSteps ?? DEFAULT_MAX_CATCH_UP_STEPS;
    const stepsPerDay = (SECONDS_PER_DAY * 1_000) / this.#stepMs;
    this.#states = options.symbols.map((symbol) => ({
      symbol,
      scale: 10 ** symbol.spec.digits,
      sigmaPerStep: symbol.dailyVolatility / Math.sqrt(stepsPerDay),
      mid: symbol.startPrice,
    }));
    this.#nextStepAt = options.startAt.getTime();
  }

  get stepMs(): number {
    return this.#stepMs;
  }

  ticksUntil(instant: Date): readonly Tick[] {
    const until = instant.getTime();
    if (until < this.#nextStepAt) return [];
    const pending = Math.floor((until - this.#nextStepAt) / this.#stepMs) + 1;
    if (pending > this.#maxCatchUp) {
      // A stalled live process skips the gap rather than flooding consumers.
      this.#nextStepAt += (pending - 1) * this.#stepMs;
    }
    const ticks: Tick[] = [];
    while (this.#nextStepAt <= until) {
      const time = new Date(this.#nextStepAt);
      for (const state of this.#states) ticks.push(this.#step(state, time));
      this.#nextStepAt += this.#stepMs;
    }
    return ticks;
  }

  #step(state: WalkState, time: Date): Tick {
    const shock = this.#random.normal();
    state.mid *= Math.exp(state.sigmaPerStep * shock - (state.sigmaPerStep * state.sigmaPerStep) / 2);
    // Spreads widen with the size of the move, never below the typical spread.
    const spread = Math.max(1, Math.round(state.symbol.spreadPoints * (1 + 0.3 * Math.abs(this.#random.normal()))));
    const bidPoints = Math.round(state.mid * state.scale - spread / 2);
    const bid = new Decimal(bidPoints).dividedBy(state.scale);
    const ask = new Decimal(bidPoints + spread).dividedBy(state.scale);
    return { symbol: state.symbol.spec.symbol, bid, ask, time };
  }
}
