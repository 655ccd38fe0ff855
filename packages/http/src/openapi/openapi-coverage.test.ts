import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { allRoutes } from '../routes/all-routes.js';

describeEachPlatform('OpenAPI coverage', (ctx) => {
  let http: RunningHttpServer;
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
  });
  afterAll(async () => {
    await http.stop();
  });

  it('describes every route of allRoutes with its method and operation id', async () => {
    const document = (await (await fetch(`${http.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const routes = allRoutes(ctx.platform);
    expect(routes.length).toBeGreaterThan(60);
    const missing = routes.filter((route) => {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      return document.paths[path]?.[route.method]?.operationId !== route.operationId;
    });
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    expect(new Set(routes.map((route) => route.operationId)).size).toBe(routes.length);
    expect(document.paths['/v1/agreement/signatures/{signatureId}/pdf']?.['get']).toMatchObject({
      responses: { 200: { content: { 'application/pdf': expect.any(Object) } } },
    });
  });
});
