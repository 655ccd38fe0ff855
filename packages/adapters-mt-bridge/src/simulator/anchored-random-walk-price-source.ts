import { Decimal } from 'decimal.js';
import type { Tick } from '@tradesense/application';
import type { PriceSource } from './price-source.js';
import { SeededRandom } from './seeded-random.js';
import type { SimulatedSymbol } from './symbol-catalog.js';

const SECONDS_PER_DAY = 86_400;
const DEFAULT_BLOCK_STEPS = 3_600;
const DEFAULT_MAX_CATCH_UP_STEPS = 100_000;

export interface AnchoredRandomWalkOptions {
  readonly seed: number | string;
  readonly symbols: readonly SimulatedSymbol[];
  /** Step 0 of the walk: the instant the market began (stored once, shared by every process). */
  readonly anchor: Date;
  /** The first tick handed over is the last step at or before this instant. */
  readonly from: Date;
  /** Every symbol ticks once per step. */
  readonly stepMs?: number;
  /** Steps per block (see below). */
  readonly blockSteps?: number;
  readonly maxCatchUpSteps?: number;
}

interface Block {
  readonly index: number;
  /** Log mid at the block's first step. */
  readonly start: number;
  /** Log mid at step j of the block, j = 0 … blockSteps − 1. */
  readonly path: Float64Array;
  /** Spread noise per step. */
  readonly noise: Float64Array;
}

interface SymbolWalk {
  readonly symbol: SimulatedSymbol;
  readonly scale: number;
  readonly sigmaPerStep: number;
  block: Block | null;
}

/**
 * A geometric random walk whose price at step k (instant `anchor + k ×
 * stepMs`) is a function of the seed, the symbol and k alone, so every
 * process agrees on every price and a restart resumes the same path without
 * replaying the time it was down.
 *
 * The walk is cut into blocks of `blockSteps` steps. Each block's total log
 * move is drawn from its own generator (seed, symbol, block number), normal
 * with the variance of `blockSteps` steps, so the price at a block start is a
 * sum over blocks (one draw per block since the anchor). Inside a block the
 * path is a Brownian bridge between the block's ends, built from per-step
 * shocks of another generator (seed, symbol, block number): each step moves
 * by `σ·z + (block move − sum of the block's shocks) / blockSteps`, the same
 * law as a plain random walk step, and the path meets the next block's start
 * exactly.
 */
export class AnchoredRandomWalkPriceSource implements PriceSource {
  readonly #seed: string;
  readonly #walks: SymbolWalk[];
  readonly #anchor: number;
  readonly #stepMs: number;
  readonly #blockSteps: number;
  readonly #maxCatchUp: number;
  #nextStep: number;

  constructor(options: AnchoredRandomWalkOptions) {
    this.#seed = String(options.seed);
    this.#stepMs = options.stepMs ?? 1_000;
    this.#blockSteps = options.blockSteps ?? DEFAULT_BLOCK_STEPS;
    this.#maxCatchUp = options.maxCatchUpSteps ?? DEFAULT_MAX_CATCH_UP_STEPS;
    this.#anchor = options.anchor.getTime();
    const stepsPerDay = (SECONDS_PER_DAY * 1_000) / this.#stepMs;
    this.#walks = options.symbols.map((symbol) => ({
      symbol,
      scale: 10 ** symbol.spec.digits,
      sigmaPerStep: symbol.dailyVolatility / Math.sqrt(stepsPerDay),
      block: null,
    }));
    this.#nextStep = Math.max(0, Math.floor((options.from.getTime() - this.#anchor) / this.#stepMs));
  }

  ticksUntil(instant: Date): readonly Tick[] {
    const last = Math.floor((instant.getTime() - this.#anchor) / this.#stepMs);
    if (last < this.#nextStep) return [];
    // A stalled process skips the gap rather than flooding consumers; the prices after it are the same either way.
    if (last - this.#nextStep + 1 > this.#maxCatchUp) this.#nextStep = last;
    const ticks: Tick[] = [];
    for (; this.#nextStep <= last; this.#nextStep += 1) {
      for (const walk of this.#walks) ticks.push(this.tickAt(walk.symbol.spec.symbol, this.#nextStep));
    }
    return ticks;
  }

  /** The tick of `symbol` at step `step` (the same in every process). */
  tickAt(symbol: string, step: number): Tick {
    const walk = this.#walks.find((candidate) => candidate.symbol.spec.symbol === symbol);
    if (!walk) throw new Error(`Unknown symbol ${symbol}`);
    const index = Math.floor(step / this.#blockSteps);
    const block = this.#block(walk, index);
    const j = step - index * this.#blockSteps;
    const mid = Math.exp(block.path[j]!);
    // Spreads widen with the size of the move, never below the typical spread.
    const spread = Math.max(1, Math.round(walk.symbol.spreadPoints * (1 + 0.3 * Math.abs(block.noise[j]!))));
    const bidPoints = Math.round(mid * walk.scale - spread / 2);
    return {
      symbol,
      bid: new Decimal(bidPoints).dividedBy(walk.scale),
      ask: new Decimal(bidPoints + spread).dividedBy(walk.scale),
      time: new Date(this.#anchor + step * this.#stepMs),
    };
  }

  #block(walk: SymbolWalk, index: number): Block {
    if (walk.block?.index === index) return walk.block;
    let start: number;
    if (walk.block && walk.block.index === index - 1) start = walk.block.start + this.#blockMove(walk, index - 1);
    else {
      start = Math.log(walk.symbol.startPrice);
      for (let b = 0; b < index; b += 1) start += this.#blockMove(walk, b);
    }
    const n = this.#blockSteps;
    const random = new SeededRandom(`${this.#seed}|${walk.symbol.spec.symbol}|steps|${index}`);
    const shocks = new Float64Array(n);
    const noise = new Float64Array(n);
    let total = 0;
    for (let j = 0; j < n; j += 1) {
      shocks[j] = walk.sigmaPerStep * random.normal() - (walk.sigmaPerStep * walk.sigmaPerStep) / 2;
      noise[j] = random.normal();
      total += shocks[j]!;
    }
    const correction = (this.#blockMove(walk, index) - total) / n;
    const path = new Float64Array(n);
    let level = start;
    for (let j = 0; j < n; j += 1) {
      path[j] = level;
      level += shocks[j]! + correction;
    }
    walk.block = { index, start, path, noise };
    return walk.block;
  }

  /** The log move over block `index`: normal with the mean and variance of `blockSteps` steps. */
  #blockMove(walk: SymbolWalk, index: number): number {
    const sigma = walk.sigmaPerStep * Math.sqrt(this.#blockSteps);
    return sigma * new SeededRandom(`${this.#seed}|${walk.symbol.spec.symbol}|block|${index}`).normal() - (sigma * sigma) / 2;
  }
}
