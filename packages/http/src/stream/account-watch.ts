import type { AccountActivity, Subscription } from '@tradesense/application';
import type { DomainError, Result } from '@tradesense/domain';
import { performance } from 'node:perf_hooks';
import { plain } from '../routes/route-helpers.js';
import type { TickHub } from './tick-hub.js';

/** The body of the REST metrics route of what is watched (`GET /v1/challenges/:id/metrics`, `GET /v1/accounts/:login/metrics`), pushed as it is. */
export type MetricsBody = Record<string, unknown>;
export type MetricsSink = (body: MetricsBody) => void;

/** A metrics view as read for the watch: the body to push and the login whose deals and prices move it. */
export interface WatchedMetrics {
  readonly body: MetricsBody;
  /** Null while the watched thing trades on no login (a challenge between phases). */
  readonly login: string | null;
}

/** Reads the watched metrics as their owner would see them. */
export type MetricsReader = () => Promise<Result<WatchedMetrics, DomainError>>;

export interface AccountWatchDeps {
  readonly activity: AccountActivity;
  readonly ticks: TickHub;
  readonly throttleMs: number;
  readonly onError: (error: unknown, key: string) => void;
}

/** A use-case view as the watch pushes it: the wire body of its REST route. */
export const watchedMetrics = (view: object, login: string | null): WatchedMetrics => ({ body: plain(view) as MetricsBody, login });

/**
 * The live metrics of one watched account (a challenge, or a trading account
 * by its login), shared by every connection of its trader that subscribed.
 * A deal on the account, or a tick of a symbol its positions are valued
 * with, asks for a re-read; re-reads run one at a time, at most once per
 * throttle period, and reach the listeners only when the figures differ
 * from the last ones sent.
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
    /** The challenge id or login the watch is shared under. */
    readonly key: string,
    private readonly read: MetricsReader,
    private readonly deps: AccountWatchDeps,
    private readonly onIdle: () => void,
  ) {}

  /**
   * Adds a listener, with the figures its subscriber read while checking
   * ownership. A running watch already sent figures that may be newer, so
   * the newcomer gets those and a re-read settles any difference.
   */
  join(sink: MetricsSink, view: WatchedMetrics): void {
    this.#sinks.add(sink);
    if (this.#lastBody) {
      sink(this.#lastBody);
      this.#changed(false);
    } else {
      this.#offer(view.body);
    }
    this.#follow(view.login);
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

  /** Watches the deals of the login the account trades on now (a challenge's passed phase moves to a new one). */
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
    this.#timer = setTimeout(() => void this.#refresh(), wait);
    this.#timer.unref();
  }

  async #refresh(): Promise<void> {
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
      const result = await this.read();
      if (this.#closed || !result.ok) return;
      this.#offer(result.value.body);
      this.#follow(result.value.login);
    } catch (error) {
      this.deps.onError(error, this.key);
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
