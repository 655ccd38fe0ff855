import type { Tick } from '@tradesense/application';
import type { PriceSource } from './price-source.js';

/** Plays back a recorded tick list, for tests that need exact prices. */
export class ReplayPriceSource implements PriceSource {
  readonly #ticks: readonly Tick[];
  #next = 0;

  constructor(ticks: readonly Tick[]) {
    this.#ticks = [...ticks].sort((a, b) => a.time.getTime() - b.time.getTime());
  }

  ticksUntil(instant: Date): readonly Tick[] {
    const until = instant.getTime();
    const start = this.#next;
    while (this.#next < this.#ticks.length && this.#ticks[this.#next]!.time.getTime() <= until) this.#next += 1;
    return this.#ticks.slice(start, this.#next);
  }

  get remaining(): number {
    return this.#ticks.length - this.#next;
  }
}
