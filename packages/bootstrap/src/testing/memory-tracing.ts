import type { PlatformTracing } from '../tracing/platform-tracing.js';
import { startTracing } from '../tracing/start-tracing.js';

/** A finished span, reduced to what tests check. */
export interface RecordedSpan {
  readonly name: string;
  /** The instrumentation that made it: `@opentelemetry/instrumentation-http`, `…-express`, `…-pg`, or `tradesense`. */
  readonly scope: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface MemoryTracing {
  readonly tracing: PlatformTracing;
  /** Every span finished so far, in the order they ended. */
  spans(): RecordedSpan[];
}

/**
 * Process tracing on, with finished spans kept in memory (the SDK's
 * InMemorySpanExporter) instead of exported. Shut `tracing` down at the end
 * of the suite: it unregisters and unpatches what it started.
 */
export async function startMemoryTracing(): Promise<MemoryTracing> {
  // Loaded here, not at the top, so suites without tracing never load the SDK.
  const { InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace');
  const exporter = new InMemorySpanExporter();
  const tracing = await startTracing({ serviceName: 'tradesense-test', spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  return {
    tracing,
    spans: () =>
      exporter.getFinishedSpans().map((span) => ({
        name: span.name,
        scope: span.instrumentationScope.name,
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        parentSpanId: span.parentSpanContext?.spanId,
        attributes: span.attributes,
      })),
  };
}
