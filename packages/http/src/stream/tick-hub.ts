import type { PriceFeed, Subscription, Tick } from '@tradesense/application';

export type TickSink = (tick: Tick) => void;

interface Channel {
  readonly subscription: Subscription;
  readonly sinks: Set<TickSink>;
}

/**
 * One price-feed subscription per symbol, shared by every connection and
 * account watch that needs it, and released when the last one leaves.
 */
export class TickHub {
  readonly #channels = new Map<string, Channel>();

  constructor(
    private readonly feed: PriceFeed,
    private readonly onSinkError: (error: unknown, symbol: string) => void,
  ) {}

  add(symbol: string, sink: TickSink): void {
    let channel = this.#channels.get(symbol);
    if (!channel) {
      const sinks = new Set<TickSink>();
      // The feed calls back inside its own tick handling: one failing sink must not reach it or the others.
      const subscription = this.feed.subscribe([symbol], (tick) => {
        for (const each of [...sinks]) {
          try {
            each(tick);
          } catch (error) {
            this.onSinkError(error, symbol);
          }
        }
      });
      channel = { subscription, sinks };
      this.#channels.set(symbol, channel);
    }
    channel.sinks.add(sink);
  }

  remove(symbol: string, sink: TickSink): void {
    const channel = this.#channels.get(symbol);
    if (!channel) return;
    channel.sinks.delete(sink);
    if (channel.sinks.size > 0) return;
    channel.subscription.unsubscribe();
    this.#channels.delete(symbol);
  }

  /** Symbols with a live feed subscription, sorted. */
  get symbols(): string[] {
    return [...this.#channels.keys()].sort();
  }

  close(): void {
    for (const channel of this.#channels.values()) channel.subscription.unsubscribe();
    this.#channels.clear();
  }
}
