import { ROOT_CONTEXT, TraceFlags, isSpanContextValid, trace, type Context, type SpanContext } from '@opentelemetry/api';

/**
 * The W3C traceparent (`00-<trace id>-<span id>-<flags>`) written with an
 * outbox message and read back at its delivery. Parsed here rather than
 * through the configured propagators: the stored form must stay W3C whatever
 * OTEL_PROPAGATORS says for HTTP headers.
 */
const TRACE_PARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function formatTraceParent(spanContext: SpanContext): string | undefined {
  if (!isSpanContextValid(spanContext)) return undefined;
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** A context whose remote parent is `traceParent`; the root context when it is absent or malformed. */
export function contextFromTraceParent(traceParent: string | undefined): Context {
  const match = traceParent ? TRACE_PARENT.exec(traceParent) : null;
  if (!match) return ROOT_CONTEXT;
  const spanContext: SpanContext = {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: Number.parseInt(match[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(spanContext) ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}
