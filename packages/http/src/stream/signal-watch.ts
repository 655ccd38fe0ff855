import type { Clock, TradingSignal, TradingSignalQuery } from '@tradesense/application';
import { signalBody } from '../routes/signals-routes.js';

export type SignalBody = ReturnType<typeof signalBody>;
export type SignalSink = (body: SignalBody) => void;

export interface SignalWatchDeps {
  readonly signals: TradingSignalQuery;
  readonly clock: Clock;
  /** The signal cache period: a refreshed signal exists once it is over. */
  readonly refreshMs: number;
  readonly onError: (error: unknown, symbol: string) => void;
}

/** Never ask again sooner than this (the cache may outlive the computed instant by a little). */
const MIN_WAIT_MS = 1_000;
/** After a failed refresh, wait this long or the cache period, whichever is shorter. */
const RETRY_WAIT_MS = 30_000;

/**
 * The signal of one symbol for every connection subscribed to it: one timer
 * asks for the signal again when the cached one has expired and pushes it
 * when it is a new one. The timer stops with the last listener.
 */
export class SignalWatch {
  readonly #sinks = new Set<SignalSink>();
  #last: SignalBody | null = null;
  #generatedAt = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    readonly symbol: string,
    private readonly deps: SignalWatchDeps,
    private readonly onIdle: () => void,
  ) {}

  /** Adds a listener with the signal its subscriber just read; a newer one than the last sent reaches everybody. */
  join(sink: SignalSink, signal: TradingSignal): void {
    this.#sinks.add(sink);
    if (!this.#offer(signal)) sink(this.#last!);
    this.#schedule(this.#untilExpiry());
  }

  leave(sink: SignalSink): void {
    if (!this.#sinks.delete(sink) || this.#sinks.size > 0) return;
    this.close();
    this.onIdle();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #untilExpiry(): number {
    return Math.max(MIN_WAIT_MS, this.#generatedAt + this.deps.refreshMs - this.deps.clock.now().getTime());
  }

  #schedule(waitMs: number): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => void this.#refresh(), Math.min(waitMs, 2_147_483_647));
    this.#timer.unref();
  }

  async #refresh(): Promise<void> {
    this.#timer = null;
    let wait = Math.min(RETRY_WAIT_MS, this.deps.refreshMs);
    try {
      const result = await this.deps.signals.execute(this.symbol);
      if (this.#closed) return;
      if (result.ok) {
        this.#offer(result.value);
        wait = this.#untilExpiry();
      } else {
        this.deps.onError(result.error, this.symbol);
      }
    } catch (error) {
      this.deps.onError(error, this.symbol);
    }
    this.#schedule(wait);
  }

  /** Sends a signal newer than the last one to every listener; false when it is not newer. */
  #offer(signal: TradingSignal): boolean {
    if (this.#last && signal.generatedAt.getTime() <= this.#generatedAt) return false;
    this.#generatedAt = signal.generatedAt.getTime();
    this.#last = signalBody(signal);
    for (const sink of [...this.#sinks]) sink(this.#last);
    return true;
  }
}
