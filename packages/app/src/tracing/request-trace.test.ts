import { CLOCK, OUTBOX_HANDLER, OUTBOX_STORE } from '@tradesense/application';
import { describeEachPlatform, startMemoryTracing, type MemoryTracing, type RecordedSpan } from '@tradesense/bootstrap/testing';
import { startHttpServer, type RunningHttpServer } from '@tradesense/http';
import { OutboxDispatcher } from '@tradesense/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';

const HTTP = '@opentelemetry/instrumentation-http';
const EXPRESS = '@opentelemetry/instrumentation-express';
const PG = '@opentelemetry/instrumentation-pg';

let memory: MemoryTracing | undefined;
beforeAll(async () => {
  memory = await startMemoryTracing();
});
// Unregisters the tracer and unpatches http, express and pg for the suites that follow in this worker.
afterAll(() => memory?.tracing.shutdown());

/** The chain of spans from `span` up to its trace's root, nearest first. */
function ancestors(span: RecordedSpan, spans: readonly RecordedSpan[]): RecordedSpan[] {
  const chain: RecordedSpan[] = [];
  for (let parent = spans.find((s) => s.spanId === span.parentSpanId); parent; parent = spans.find((s) => s.spanId === parent!.parentSpanId)) chain.push(parent);
  return chain;
}

describeEachPlatform(
  'request trace',
  (ctx) => {
    let http: RunningHttpServer;
    // Built after tracing started: Express's routes are instrumented as they are registered.
    beforeAll(async () => {
      http = await startHttpServer(ctx.platform);
    });
    afterAll(() => http.stop());

    it('follows a request through Express, its use case and the database, and its outbox delivery in the same trace', async () => {
      const seen = memory!.spans().length;
      const response = await fetch(`${http.url}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `traced-${ctx.platform.database.driver}@example.com`, password: 'a long password', country: 'DE' }),
      });
      expect(response.status).toBe(201);
      const dispatcher = new OutboxDispatcher({
        workerId: 'trace-worker',
        store: ctx.platform.get(OUTBOX_STORE),
        handlers: ctx.platform.getAll(OUTBOX_HANDLER),
        clock: ctx.platform.get(CLOCK),
        logger: ctx.platform.logger,
        tracing: ctx.platform.tracing,
      });
      expect(await dispatcher.dispatchOnce()).toBeGreaterThan(0);

      const spans = memory!.spans().slice(seen);
      const request = spans.find((s) => s.scope === HTTP && s.parentSpanId === undefined && s.name.startsWith('POST'));
      expect(request, 'the HTTP server span').toBeDefined();
      const trace = spans.filter((s) => s.traceId === request!.traceId);
      const useCase = trace.find((s) => s.name === 'registerUser.execute');
      expect(useCase, 'the use-case span').toBeDefined();
      const above = ancestors(useCase!, trace);
      expect(above.at(-1)).toBe(request);
      expect(above.some((s) => s.scope === EXPRESS), 'an Express span between the request and the use case').toBe(true);
      if (ctx.platform.database.driver === 'postgres') {
        // pg is instrumented; the embedded PGlite has no driver to instrument.
        const queries = trace.filter((s) => s.scope === PG && ancestors(s, trace).includes(useCase!));
        expect(queries.length, 'database spans under the use case').toBeGreaterThan(0);
      }
      const delivery = spans.find((s) => s.name.startsWith('outbox deliver ') && s.traceId === request!.traceId);
      expect(delivery, 'an outbox delivery continuing the request trace').toBeDefined();
      // Its parent is the span that was active when the use case added the message.
      expect(delivery!.parentSpanId).toBe(useCase!.spanId);
    });
  },
  { tracing: () => memory!.tracing },
);
