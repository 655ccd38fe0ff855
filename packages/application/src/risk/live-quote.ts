import { Decimal } from 'decimal.js';
import type { Tick } from '../ports/price-feed.js';
import { decimalToFloat } from './decimal-to-float.js';
import type { BidAsk } from './position-valuation.js';

const UNPRICED = new Decimal(0);

/** A bid/ask pair that is overwritten in place. */
class MutableQuote implements BidAsk {
  bid: Decimal = UNPRICED;
  ask: Decimal = UNPRICED;
}

/**
 * The latest quote of one symbol, updated in place on every tick so the hot
 * path allocates nothing: exact prices for verdicts, float copies for the
 * pre-check, and the quote before the latest tick (what an account skipped by
 * the pre-check last "saw", needed to replay its last observation exactly).
 */
export class LiveQuote<Dependent = unknown> implements BidAsk {
  bid: Decimal = UNPRICED;
  ask: Decimal = UNPRICED;
  bidF = Number.NaN;
  askF = Number.NaN;
  /** Epoch ms of the latest tick. */
  timeMs = Number.NEGATIVE_INFINITY;
  tick: Tick | null = null;
  readonly previous = new MutableQuote();
  /** Accounts whose equity this symbol moves (held, or the cross rate of a held symbol's currency). */
  readonly dependents: Dependent[] = [];

  constructor(readonly symbol: string) {}

  get priced(): boolean {
    return this.tick !== null;
  }

  update(tick: Tick): void {
    this.previous.bid = this.bid;
    this.previous.ask = this.ask;
    this.bid = tick.bid;
    this.ask = tick.ask;
    this.bidF = decimalToFloat(tick.bid);
    this.askF = decimalToFloat(tick.ask);
    this.timeMs = tick.time.getTime();
    this.tick = tick;
  }
}
