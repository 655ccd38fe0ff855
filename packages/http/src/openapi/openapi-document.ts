import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AnyRoute } from '../api/route.js';

import './zod-openapi.js';

const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ in: z.string(), path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** The OpenAPI 3.1 description, generated from the same zod schemas that validate requests. */
export function openApiDocument(routes: readonly AnyRoute[], serverUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  registry.register('Problem', Problem);
  for (const route of routes) {
    const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = response.schema
        ? { description: response.description, content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
        : { description: response.description };
    }
    const errorStatuses = ['400', '422', ...(route.access === 'public' ? [] : ['401', '403'])];
    for (const status of errorStatuses) {
      responses[status] ??= { description: 'Problem', content: { 'application/problem+json': { schema: Problem } } };
    }
    registry.registerPath({
      method: route.method,
      path: toOpenApiPath(route.path),
      operationId: route.operationId,
      summary: route.summary,
      tags: [...route.tags],
      ...(route.access === 'public' ? {} : { security: [{ [bearer.name]: [] }] }),
      request: {
        ...(route.request?.params ? { params: route.request.params as z.ZodObject } : {}),
        ...(route.request?.query ? { query: route.request.query as z.ZodObject } : {}),
        ...(route.request?.body && !route.rawBody
          ? { body: { content: { [route.formBody ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: route.request.body } } } }
          : {}),
        ...(route.idempotent
          ? { headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }) }
          : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'TradeSense API', version: '1.0.0', description: 'Challenges, funded accounts, payouts and the rules behind them.' },
    servers: [{ url: serverUrl }],
  });
}
