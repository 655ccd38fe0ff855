import { createRequire } from 'node:module';
import { SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import { setOutboxTraceParentSource } from '@tradesense/adapters-postgres';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type { PlatformTracing, SpanOptions, TraceSpan } from './platform-tracing.js';
import { contextFromTraceParent, formatTraceParent } from './trace-parent.js';

export interface SdkTracingOptions {
  /** Used when OTEL_SERVICE_NAME is unset. */
  readonly serviceName: string;
  /** Where finished spans go; by default the exporter OTEL_TRACES_EXPORTER names (OTLP unless set). */
  readonly spanProcessors?: SpanProcessor[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

const KINDS = { internal: SpanKind.INTERNAL, server: SpanKind.SERVER, consumer: SpanKind.CONSUMER } as const;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Starts the OpenTelemetry SDK for traces only (metrics stay with Prometheus,
 * logs with pino), with the http, express and pg instrumentations.
 */
export function startSdkTracing(options: SdkTracingOptions): PlatformTracing {
  const instrumentations = [new HttpInstrumentation(), new ExpressInstrumentation(), new PgInstrumentation()];
  const sdk = new NodeSDK({
    ...(options.env['OTEL_SERVICE_NAME'] ? {} : { serviceName: options.serviceName }),
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations,
  });
  sdk.start();
  patchInPlace(instrumentations);
  const tracer = trace.getTracer('tradesense');
  const currentTraceParent = (): string | undefined => {
    const active = trace.getActiveSpan();
    return active ? formatTraceParent(active.spanContext()) : undefined;
  };
  const restoreOutboxSource = setOutboxTraceParentSource(currentTraceParent);
  let stopped: Promise<void> | undefined;

  return {
    enabled: true,
    inSpan<T>(name: string, work: (span: TraceSpan) => T, spanOptions: SpanOptions = {}): T {
      const parent = 'parent' in spanOptions ? contextFromTraceParent(spanOptions.parent) : context.active();
      const attributes = spanOptions.attributes ?? {};
      return tracer.startActiveSpan(name, { kind: KINDS[spanOptions.kind ?? 'internal'], attributes }, parent, (span) => {
        try {
          const result = work(span);
          if (!isPromiseLike(result)) {
            span.end();
            return result;
          }
          return Promise.resolve(result).then(
            (value) => {
              span.end();
              return value;
            },
            (error: unknown) => {
              fail(span, error);
              span.end();
              throw error;
            },
          ) as T;
        } catch (error) {
          fail(span, error);
          span.end();
          throw error;
        }
      });
    },
    currentTraceParent,
    shutdown() {
      stopped ??= (async () => {
        restoreOutboxSource();
        for (const instrumentation of instrumentations) instrumentation.disable();
        try {
          await sdk.shutdown();
        } finally {
          // Unregistered, so a later start in the same process (tests) registers afresh.
          trace.disable();
          context.disable();
          propagation.disable();
        }
      })();
      return stopped;
    },
  };
}

/**
 * The platform is ESM: `import express from 'express'` loads the CommonJS
 * package without the `require` the instrumentations hook, so it would stay
 * unpatched. Requiring each instrumented package once, after the SDK
 * started, lets the instrumentation patch its exports in place; every ESM
 * importer shares those same objects (prototypes of pg's client, Express's
 * router and application), whether it loaded them before or after. Express
 * wraps route layers as they are registered, so tracing must start before
 * the HTTP app is built, which the entry points do first.
 */
function patchInPlace(instrumentations: ReadonlyArray<{ getModuleDefinitions(): ReadonlyArray<{ name: string }> }>): void {
  const require = createRequire(import.meta.url);
  for (const instrumentation of instrumentations) {
    for (const definition of instrumentation.getModuleDefinitions()) {
      try {
        require(definition.name);
      } catch {
        // Not installed in this process's tree (e.g. pg-native): nothing to patch.
      }
    }
  }
}
