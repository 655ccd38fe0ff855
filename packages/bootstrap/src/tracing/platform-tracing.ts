/**
 * What the processes use of tracing. The API, the worker and the WebSocket
 * stream open their own spans through these functions without knowing the
 * OpenTelemetry SDK, which stays inside the composition root (as metrics do).
 */

export type SpanAttributeValue = string | number | boolean;

/** The span being run, for what is learnt inside it (a message's type, an outcome). */
export interface TraceSpan {
  setAttribute(key: string, value: SpanAttributeValue): void;
}

export interface SpanOptions {
  readonly kind?: 'internal' | 'server' | 'consumer';
  readonly attributes?: Readonly<Record<string, SpanAttributeValue>>;
  /**
   * A W3C traceparent to continue (an outbox message's origin) instead of
   * the active span; an absent or malformed one starts a new trace.
   */
  readonly parent?: string | undefined;
}

export interface PlatformTracing {
  /** False when tracing is off: nothing is recorded and `inSpan` only calls its function. */
  readonly enabled: boolean;
  /**
   * Runs `work` inside a span (a child of the active one unless `parent`
   * says otherwise) that ends when `work` returns or its promise settles; a
   * throw or rejection marks it failed. `work`'s result is returned as is.
   */
  inSpan<T>(name: string, work: (span: TraceSpan) => T, options?: SpanOptions): T;
  /** The active span as a W3C traceparent; undefined when none (or tracing is off). */
  currentTraceParent(): string | undefined;
  /** Exports what is left and unregisters; safe to call twice. */
  shutdown(): Promise<void>;
}

const noSpan: TraceSpan = { setAttribute: () => undefined };

/** Tracing off (the default): no SDK is loaded and a span costs one function call. */
export const disabledTracing: PlatformTracing = {
  enabled: false,
  inSpan: (_name, work) => work(noSpan),
  currentTraceParent: () => undefined,
  shutdown: async () => undefined,
};
