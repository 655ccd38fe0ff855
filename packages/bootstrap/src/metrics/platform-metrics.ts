/**
 * What the processes report to monitoring. Plain functions and figures: the
 * HTTP server and the worker record through these without knowing the
 * metrics library, which stays inside the composition root.
 */

/** One finished HTTP request. */
export interface HttpRequestMetrics {
  /**
   * `route` is the matched route's pattern (`/v1/challenges/:id`), never the
   * raw URL: ids would make a series per request.
   */
  requestFinished(request: { readonly route: string; readonly method: string; readonly status: number; readonly seconds: number }): void;
}

/** Cumulative figures of one risk engine, read at scrape time. */
export interface RiskFigures {
  readonly ticks: number;
  readonly exactEvaluations: number;
  readonly screenedEvaluations: number;
  readonly watchedAccounts: number;
  /** Accounts in the early-warning band of a limit (computed when read). */
  accountsNearLevel(): number;
}

export interface RiskMetrics {
  /** Adds an engine's figures to every scrape until the returned function is called. */
  watch(figures: () => RiskFigures): () => void;
  /** A tick was processed `lagSeconds` after its own time (the feed's lag). */
  tickProcessed(lagSeconds: number): void;
  /** An exact verdict was reached `seconds` after its tick reached the engine. */
  verdictReached(seconds: number): void;
}

export type JobOutcome = 'succeeded' | 'failed';

export interface JobMetrics {
  runFinished(run: { readonly job: string; readonly outcome: JobOutcome; readonly finishedAt: Date; readonly seconds: number }): void;
}

export interface PlatformMetrics {
  /** Where /metrics is served; null when METRICS_PORT is unset (nothing is recorded then). */
  readonly url: string | null;
  readonly http: HttpRequestMetrics;
  readonly risk: RiskMetrics;
  readonly jobs: JobMetrics;
  /**
   * Adds the outbox backlog gauges (read from the database at each scrape).
   * The worker does: they describe the installation, not the process, so API
   * processes leave them out rather than repeat the query.
   */
  watchOutbox(): void;
  /** Stops serving /metrics; safe to call twice. */
  close(): Promise<void>;
}

/** METRICS_PORT unset: no registry, no listener, and recording costs a no-op call. */
export const disabledMetrics: PlatformMetrics = {
  url: null,
  http: { requestFinished: () => undefined },
  risk: { watch: () => () => undefined, tickProcessed: () => undefined, verdictReached: () => undefined },
  jobs: { runFinished: () => undefined },
  watchOutbox: () => undefined,
  close: async () => undefined,
};
