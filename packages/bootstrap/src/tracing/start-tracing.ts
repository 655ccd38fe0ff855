import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { disabledTracing, type PlatformTracing } from './platform-tracing.js';
import { tracingRequested } from './tracing-settings.js';

export interface TracingOptions {
  /** `service.name` of this process's spans when OTEL_SERVICE_NAME is unset. */
  readonly serviceName: string;
  /** The OTEL_* variables; the process environment by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Where finished spans go instead of the configured exporter (tests pass an
   * in-memory one); giving them turns tracing on whatever the variables say.
   */
  readonly spanProcessors?: SpanProcessor[];
}

/**
 * Starts tracing when the OTEL_* variables ask for it (docs/operations.md,
 * "Tracing"). Off, the SDK and the instrumentations are not even loaded.
 * Call it before the HTTP app is built and before the first query.
 */
export async function startTracing(options: TracingOptions): Promise<PlatformTracing> {
  const env = options.env ?? process.env;
  if (!options.spanProcessors && !tracingRequested(env)) return disabledTracing;
  const { startSdkTracing } = await import('./sdk-tracing.js');
  return startSdkTracing({ serviceName: options.serviceName, env, ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}) });
}
