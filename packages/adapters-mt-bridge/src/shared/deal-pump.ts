import type { Deal, DealListener, Subscription } from '@tradesense/application';

export interface DealPumpOptions {
  /** Poll again this long after a cycle; null when new deals are announced with `wake`. */
  readonly pollIntervalMs: number | null;
  /** Wait before retrying after a failed fetch or a failed listener. */
  readonly retryDelayMs: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Feeds one listener the deals after a cursor, one at a time, awaiting each.
 * The cursor only moves past a deal once the listener has accepted it, so a
 * failing listener sees the same deal again instead of losing it.
 */
export class DealPump implements Subscription {
  #cursor: string | null;
  #running = false;
  #again = false;
  #stopped = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly fetchAfter: (cursor: string | null) => Promise<readonly Deal[]>,
    private readonly listener: DealListener,
    cursor: string | null,
    private readonly options: DealPumpOptions,
  ) {
    this.#cursor = cursor;
  }

  get cursor(): string | null {
    return this.#cursor;
  }

  start(): this {
    this.wake();
    return this;
  }

  /** Asks for a cycle now (new deals may exist). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#clearTimer();
    this.#running = true;
    void this.#cycle();
  }

  unsubscribe(): void {
    this.#stopped = true;
    this.#clearTimer();
  }

  async #cycle(): Promise<void> {
    let delay = this.options.pollIntervalMs;
    try {
      do {
        this.#again = false;
        const deals = await this.fetchAfter(this.#cursor);
        for (const deal of deals) {
          if (this.#stopped) return;
          await this.listener(deal);
          this.#cursor = deal.dealId;
        }
        if (deals.length > 0) this.#again = true;
      } while (this.#again && !this.#stopped);
    } catch (error) {
      this.options.onError?.(error);
      delay = this.options.retryDelayMs;
    } finally {
      this.#running = false;
    }
    if (!this.#stopped && delay !== null) this.#schedule(delay);
  }

  #schedule(delayMs: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => this.wake(), delayMs);
    this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
