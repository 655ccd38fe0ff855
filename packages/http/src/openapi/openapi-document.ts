import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ISSUE_TEXT, MAX_ISSUES } from '../api/api-router.js';
import type { AnyRoute } from '../api/route.js';
import { MAX_DETAIL, MAX_TITLE } from '../problems/problem.js';
import { errorReason, errorStatuses } from './route-statuses.js';

import './zod-openapi.js';

const PROBLEM_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

const Problem = z
  .object({
    type: z.string().max(128).regex(/^urn:tradesense:problem:[A-Z0-9_.]+$/),
    title: z.string().max(MAX_TITLE),
    status: z.number().int().min(400).max(599).openapi({ format: 'int32' }),
    code: z.string().max(100).regex(PROBLEM_CODE).openapi({ example: 'VALIDATION.FAILED' }),
    detail: z.string().max(MAX_DETAIL).optional(),
    // The request path and query; Node refuses request heads over 16 KiB.
    instance: z.string().max(16_384).optional(),
    details: z.record(z.string().max(64), z.unknown()).optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['path parameters', 'query', 'body']),
          path: z.string().max(ISSUE_TEXT),
          message: z.string().max(ISSUE_TEXT),
        }),
      )
      .max(MAX_ISSUES)
      .optional(),
  })
  .openapi('Problem', { description: 'An RFC 9457 problem; branch on `code`, never on `title`.' });

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const TAGS: Readonly<Record<string, string>> = {
  auth: 'Registering, signing in, token refresh and password reset',
  trading: 'Trading on challenge and funded accounts',
  commerce: 'Catalog, gateways, orders, trials and payment callbacks',
  challenges: 'Challenges, their metrics, history and verdicts',
  accounts: 'Every watched trading account by its platform login: loss-limit metrics and verdict replay',
  funding: 'KYC, the agreement, funded accounts, payouts and certificates',
  community: 'Competitions, leaderboards and affiliates',
  signals: 'Trading signals',
  'economic-calendar': 'The economic calendar: high-impact releases that open news windows; admins keep it',
  admin: 'Administration (admins only)',
  operations: 'Operations (admins only)',
};

/** Header objects shared by the responses (component `headers`). */
const HEADERS = {
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
    required: true,
  },
  RateLimit: {
    description: 'What is left of the quota of this client on the limited routes (IETF draft-8 `RateLimit`), e.g. `"20-in-1min"; r=19; t=60`',
    schema: { type: 'string', maxLength: 256, pattern: '^[\\x20-\\x7e]*$' },
  },
  'RateLimit-Policy': {
    description: 'The quota of the limited routes (IETF draft-8 `RateLimit-Policy`), e.g. `"20-in-1min"; q=20; w=60`',
    schema: { type: 'string', maxLength: 256, pattern: '^[\\x20-\\x7e]*$' },
  },
  'Retry-After-If-Busy': {
    description: 'With `409 IDEMPOTENCY.IN_PROGRESS`: seconds until the first request’s claim on the key lapses',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
  },
  'Idempotent-Replayed': {
    description: '`true` when the answer is the stored response to an earlier request with the same `Idempotency-Key`',
    schema: { type: 'string', enum: ['true'] },
  },
} as const;

const ref = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

/** What the route requires, for its operation's description. */
function describe(route: AnyRoute): string {
  const parts: string[] = [route.summary.endsWith('.') ? route.summary : `${route.summary}.`];
  parts.push(
    route.access === 'public'
      ? 'Public: no access token.'
      : route.access === 'admin'
        ? 'Requires an admin’s access token.'
        : route.access === 'trader'
          ? 'Requires a trader’s access token.'
          : 'Requires an access token (trader or admin).',
  );
  if (route.idempotent) parts.push('Honours an `Idempotency-Key` header: a retry with the same key answers the stored response.');
  if (route.clientActivity) parts.push('Records the client address and the optional `X-Device-Id` header with the user (prohibited-strategy checks).');
  if (route.rateLimited) parts.push('Rate limited per client address (`AUTH_RATE_LIMIT_PER_MINUTE`); `429` carries `Retry-After`.');
  if (route.platform) parts.push('Calls the trading platform: `502`/`503` when it refuses or cannot be reached.');
  return parts.join(' ');
}

type HeaderRefs = Record<string, { $ref: string }>;

type ResponseObject = {
  description: string;
  headers?: HeaderRefs;
  content?: Record<string, { schema: z.ZodType }>;
};

/** The OpenAPI 3.1 description, generated from the same zod schemas that validate requests. */
export function openApiDocument(routes: readonly AnyRoute[], serverUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A trader’s or admin’s access token from `POST /v1/auth/login` or `/v1/auth/refresh`: a short-lived HS256 JWT checked for signature, issuer, audience and expiry as RFC8725 recommends.',
  });
  const adminBearer = registry.registerComponent('securitySchemes', 'adminBearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An admin’s access token (the same sign-in, with the `admin` role): a short-lived HS256 JWT checked for signature, issuer, audience and expiry as RFC8725 recommends. A trader’s token is refused with `403 AUTH.FORBIDDEN`.',
  });
  for (const [name, header] of Object.entries(HEADERS)) registry.registerComponent('headers', name, header as never);
  registry.register('Problem', Problem);
  const problemContent = { 'application/problem+json': { schema: Problem } };
  for (const route of routes) {
    const limitHeaders: HeaderRefs = route.rateLimited ? { RateLimit: ref('RateLimit'), 'RateLimit-Policy': ref('RateLimit-Policy') } : {};
    const responses: Record<string, ResponseObject> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const success = Number(status) < 300;
      const headers: HeaderRefs = { ...limitHeaders, ...(success && route.idempotent ? { 'Idempotent-Replayed': ref('Idempotent-Replayed') } : {}) };
      responses[status] = {
        description: response.description,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(response.schema
          ? { content: { [Number(status) >= 400 ? 'application/problem+json' : (response.contentType ?? 'application/json')]: { schema: response.schema } } }
          : {}),
      };
    }
    for (const status of errorStatuses(route)) {
      const headers: HeaderRefs = {
        ...(status < 500 ? limitHeaders : {}),
        ...(status === 429 || status === 503 ? { 'Retry-After': ref('Retry-After') } : {}),
        ...(status === 409 && route.idempotent ? { 'Retry-After': ref('Retry-After-If-Busy') } : {}),
      };
      responses[String(status)] ??= {
        description: errorReason(status),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        content: problemContent,
      };
    }
    const admin = route.access === 'admin';
    registry.registerPath({
      method: route.method,
      path: toOpenApiPath(route.path),
      operationId: route.operationId,
      summary: route.summary,
      description: describe(route),
      tags: [...route.tags],
      security: route.access === 'public' ? [] : [{ [admin ? adminBearer.name : bearer.name]: [] }],
      request: {
        ...(route.request?.params ? { params: route.request.params as z.ZodObject } : {}),
        ...(route.request?.query ? { query: route.request.query as z.ZodObject } : {}),
        ...(route.request?.body && !route.rawBody && !route.textBody
          ? { body: { content: { [route.formBody ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: route.request.body } } } }
          : {}),
        ...(route.request?.body && route.textBody
          ? { body: { required: true, content: Object.fromEntries(route.textBody.map((type) => [type, { schema: route.request!.body }])) } }
          : {}),
        ...(route.idempotent || route.clientActivity
          ? {
              headers: z.object({
                ...(route.idempotent
                  ? {
                      'idempotency-key': z
                        .string()
                        .min(8)
                        .max(128)
                        .regex(/^[\w.:-]+$/)
                        .optional()
                        .openapi({ description: 'One per intended operation, chosen by the client', example: 'order-2026-11-02-0001' }),
                    }
                  : {}),
                ...(route.clientActivity
                  ? {
                      'x-device-id': z
                        .string()
                        .min(8)
                        .max(128)
                        .regex(/^[A-Za-z0-9._-]+$/)
                        .optional()
                        .openapi({
                          description:
                            'The id the web app generated for this device and keeps in its storage; recorded with the client address. A malformed one is recorded as unknown, never refused',
                          example: '3f2b9c1e-6d4a-4f8e-9b7a-2c5d8e1f0a34',
                        }),
                    }
                  : {}),
              }),
            }
          : {}),
      },
      responses,
    });
  }
  const tags = [...new Set(routes.flatMap((route) => route.tags))].map((name) => ({ name, description: TAGS[name] ?? name }));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'TradeSense API',
      version: '1.0.0',
      description:
        'Challenges, funded accounts, payouts and the rules behind them. Errors are RFC 9457 problems (`application/problem+json`) with a stable `code`; docs/api.md explains the conventions.',
      contact: { name: 'TradeSense' },
    },
    servers: [{ url: serverUrl, description: 'This deployment (production, or local in embedded mode)', 'x-internal': false }],
    tags,
  });
}
