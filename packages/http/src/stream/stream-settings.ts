/** Limits and rhythms of the WebSocket stream; every one can be set per server. */
export interface StreamSettings {
  /** The one path upgrades are accepted on. */
  readonly path: string;
  /** The server pings this often; a connection that did not answer the previous ping is terminated. */
  readonly heartbeatMs: number;
  /** An account's metrics are re-read at most this often, however many ticks and deals arrive. */
  readonly metricsThrottleMs: number;
  /** Larger client messages get an error (and more than 16 times this closes the connection, 1009). */
  readonly maxMessageBytes: number;
  readonly maxSymbols: number;
  /** Metrics watches: challenges and trading-account logins together. */
  readonly maxAccounts: number;
  readonly maxSignals: number;
  /** Above this many bytes queued for a client, its ticks are held back, only the latest per symbol kept. */
  readonly maxBufferedBytes: number;
  /** How long a signal is reused (the signal cache period); a fresh one is pushed after it. */
  readonly signalRefreshMs: number;
  /** How long closing the server waits for clients to answer the close frame before cutting them off. */
  readonly closeGraceMs: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  path: '/v1/stream',
  heartbeatMs: 30_000,
  metricsThrottleMs: 250,
  maxMessageBytes: 4_096,
  maxSymbols: 50,
  maxAccounts: 20,
  maxSignals: 20,
  maxBufferedBytes: 1_048_576,
  signalRefreshMs: 300_000,
  closeGraceMs: 1_000,
};
