import type { AccountActivity, AccountMetricsQuery, AccountMetricsView, Subscription } from '@tradesense/application';
import { performance } from 'node:perf_hooks';
import { plain } from '../routes/route-helpers.js';
import type { TickHub } from './tick-hub.js';

/** The body of `GET /v1/challenges/:id/metrics`, pushed as it is. */
export type MetricsBody = Record<string, unknown>;
export type MetricsSink = (body: MetricsBody) => void;

export interface AccountWatchDeps {
  readonly metrics: AccountMetricsQuery;
  readonly activity: AccountActivity;
  readonly ticks: TickHub;
  readonly throttleMs: number;
  readonly onError: (error: unknown, challengeId: string) => void;
}

const metricsBody = (view: AccountMetricsView): MetricsBody => plain(view) as MetricsBody;

/**
 * The live metrics of one challenge, shared by every connection of its
 * trader that subscribed. A deal on the account, or a tick of a symbol its
 * positions are valued with, asks for a re-read; re-reads run one at a time,
 * at most once per throttle period, and reach the listeners only when the
 * figures differ from the last ones sent.
 */
export class AccountWatch {
  readonly #sinks = new Set<MetricsSink>();
  #lastJson: string | null = null;
  #lastBody: MetricsBody | null = null;
  #login: string | null = null;
  #deals: Subscription | null = null;
  #drivers: string[] = [];
  #timer: NodeJS.Timeout | null = null;
  #reading = false;
  #dirty = false;
  #driversStale = false;
  #lastReadAt = Number.NEGATIVE_INFINITY;
  #closed = false;

  constructor(
    readonly challengeId: string,
    private readonly ownerId: string,
    private readonly deps: AccountWatchDeps,
    private readonly onIdle: () => void,
  ) {}

  /**
   * Adds a listener, with the figures its subscriber read while checking
   * ownership. A running watch already sent figures that may be newer, so
   * the newcomer gets those and a re-read settles any difference.
   */
  join(sink: MetricsSink, view: AccountMetricsView): void {
    this.#sinks.add(sink);
    if (this.#lastBody) {
      sink(this.#lastBody);
      this.#changed(false);
    } else {
      this.#offer(metricsBody(view));
    }
    this.#follow(view.account);
  }

  leave(sink: MetricsSink): void {
    if (!this.#sinks.delete(sink) || this.#sinks.size > 0) return;
    this.close();
    this.onIdle();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#deals?.unsubscribe();
    this.#deals = null;
    for (const symbol of this.#drivers) this.deps.ticks.remove(symbol, this.#onTick);
    this.#drivers = [];
  }

  readonly #onTick = (): void => this.#changed(false);

  /** Watches the deals of the account the challenge trades on now (a passed phase moves to a new one). */
  #follow(login: string | null): void {
    if (this.#closed || login === this.#login) return;
    this.#deals?.unsubscribe();
    this.#deals = null;
    this.#login = login;
    if (login) this.#deals = this.deps.activity.onDeal(login, () => this.#changed(true));
    this.#changed(true);
  }

  #changed(dealt: boolean): void {
    if (this.#closed) return;
    if (dealt) this.#driversStale = true;
    this.#dirty = true;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || this.#reading || this.#closed) return;
    const wait = Math.max(0, this.#lastReadAt + this.deps.throttleMs - performance.now());
    this.#timer = setTimeout(() => void this.#read(), wait);
    this.#timer.unref();
  }

  async #read(): Promise<void> {
    this.#timer = null;
    this.#reading = true;
    this.#dirty = false;
    this.#lastReadAt = performance.now();
    try {
      // Drivers first: once figures after a deal are out, ticks of the new position already count.
      if (this.#driversStale) {
        this.#driversStale = false;
        await this.#refreshDrivers();
      }
      const result = await this.deps.metrics.execute({ requester: { userId: this.ownerId, role: 'trader' }, challengeId: this.challengeId });
      if (this.#closed || !result.ok) return;
      this.#offer(metricsBody(result.value));
      this.#follow(result.value.account);
    } catch (error) {
      this.deps.onError(error, this.challengeId);
    } finally {
      this.#reading = false;
      if (this.#dirty) this.#schedule();
    }
  }

  async #refreshDrivers(): Promise<void> {
    const login = this.#login;
    const next = login ? await this.deps.activity.priceDrivers(login) : [];
    if (this.#closed || login !== this.#login) return;
    for (const symbol of this.#drivers) if (!next.includes(symbol)) this.deps.ticks.remove(symbol, this.#onTick);
    for (const symbol of next) if (!this.#drivers.includes(symbol)) this.deps.ticks.add(symbol, this.#onTick);
    this.#drivers = next;
  }

  #offer(body: MetricsBody): void {
    const json = JSON.stringify(body);
    if (json === this.#lastJson) return;
    this.#lastJson = json;
    this.#lastBody = body;
    for (const sink of [...this.#sinks]) sink(body);
  }
}
