import type { Clock, RateLimitCounter } from '@tradesense/application';
import type { IncrementResponse, Options, Store } from 'express-rate-limit';

/**
 * express-rate-limit's store over the platform's shared counter, so the
 * sign-in limit counts every attempt whichever API process receives it
 * (the library's default memory store counts per process).
 */
export class SharedRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  #windowMs = 60_000;

  constructor(
    private readonly counter: RateLimitCounter,
    private readonly clock: Clock,
    prefix: string,
  ) {
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const window = await this.counter.hit(this.prefix + key, this.#windowMs, this.clock.now());
    return { totalHits: window.hits, resetTime: window.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.counter.undo(this.prefix + key, this.#windowMs, this.clock.now());
  }

  async resetKey(key: string): Promise<void> {
    await this.counter.reset(this.prefix + key);
  }
}
