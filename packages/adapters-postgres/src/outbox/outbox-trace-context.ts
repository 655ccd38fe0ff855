/**
 * Where the outbox writer reads the W3C traceparent of the work that adds
 * messages. Tracing is process-wide (one tracer provider per process), so
 * is this source: the composition root sets it when tracing starts and puts
 * the previous one back when it stops. Unset, nothing is read or stored.
 */
type TraceParentSource = () => string | undefined;

let source: TraceParentSource | undefined;

/** Installs `next` (or none); returns the function that restores the previous source. */
export function setOutboxTraceParentSource(next: TraceParentSource | undefined): () => void {
  const previous = source;
  source = next;
  return () => {
    source = previous;
  };
}

export function currentOutboxTraceParent(): string | undefined {
  return source?.();
}
