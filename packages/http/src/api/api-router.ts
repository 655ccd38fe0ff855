import type { AccessTokens, Clock, IdempotencyStore } from '@tradesense/application';
import { DomainError } from '@tradesense/domain';
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { bearerClaims } from '../auth/bearer.js';
import { statusForCode } from '../problems/domain-error-status.js';
import { malformedPath } from '../problems/malformed-path.js';
import { HttpProblem, problem } from '../problems/problem.js';
import { unstorableText } from './storable-text.js';
import type { AnyRoute, RouteResponse } from './route.js';

export interface ApiRouterDeps {
  readonly accessTokens: AccessTokens;
  readonly clock: Clock;
  readonly idempotency: IdempotencyStore;
  /** How long a claimed Idempotency-Key stays with its request before a retry may take it over. */
  readonly idempotencyLeaseMs: number;
  readonly authRateLimiter: RequestHandler;
}

const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

/**
 * Mounts route definitions: authentication and role check, zod validation of
 * params, query and body (a mismatch, or text the database cannot store, is
 * a 400 problem listing each issue),
 * Idempotency-Key replay, and domain errors mapped to problem responses.
 */
export function apiRouter(routes: readonly AnyRoute[], deps: ApiRouterDeps): Router {
  const router = Router();
  router.use(malformedPath);
  for (const route of routes) {
    const handlers: RequestHandler[] = [];
    if (route.rateLimited) handlers.push(deps.authRateLimiter);
    if (route.rawBody) handlers.push(express.raw({ type: '*/*', limit: '256kb' }));
    if (route.formBody) handlers.push(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 }));
    if (route.textBody) handlers.push(express.text({ type: [...route.textBody], limit: '1mb' }));
    handlers.push((req, res, next) => {
      run(route, req, res, deps).catch(next);
    });
    router[route.method](route.path, ...handlers);
  }
  return router;
}

async function run(route: AnyRoute, req: Request, res: Response, deps: ApiRouterDeps): Promise<void> {
  const auth = route.access === 'public' ? null : await bearerClaims(req, deps.accessTokens, deps.clock);
  if (route.access !== 'public') {
    if (!auth) throw new HttpProblem(problem(401, 'AUTH.UNAUTHENTICATED', 'A valid bearer access token is required'));
    if (route.access === 'admin' && auth.role !== 'admin') {
      throw new HttpProblem(problem(403, 'AUTH.FORBIDDEN', 'This route is for admins'));
    }
    if (route.access === 'trader' && auth.role !== 'trader') {
      throw new HttpProblem(problem(403, 'AUTH.FORBIDDEN', 'This route is for traders'));
    }
  }
  // A text-body route reads only its media types: any other would reach the handler as no body at all.
  if (route.textBody && (req.is([...route.textBody]) === false || typeof req.body !== 'string')) {
    throw new HttpProblem(problem(415, 'HTTP.UNSUPPORTED_MEDIA_TYPE', `The body must be one of ${route.textBody.join(', ')}`));
  }
  const params = parse('path parameters', route.request?.params, req.params);
  const query = parse('query', route.request?.query, req.query);
  const body = parse('body', route.request?.body, req.body ?? {});
  const key = route.idempotent ? req.header('idempotency-key') : undefined;
  const ctx = { body, params, query, auth, req, res, requestKey: key ?? null };

  if (key !== undefined) {
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new HttpProblem(problem(400, 'IDEMPOTENCY.INVALID_KEY', 'Idempotency-Key must be 8–128 characters of [A-Za-z0-9_.:-]'));
    }
    const scope = `${auth?.userId ?? 'anonymous'}:${route.operationId}`;
    // The validated input, not the raw body: a body the route does not read (or nests too deep to serialise) is not part of the request.
    const hash = createHash('sha256').update(JSON.stringify([params ?? null, body ?? null])).digest('hex');
    const claim = await deps.idempotency.claim(scope, key, hash, deps.clock.now(), deps.idempotencyLeaseMs);
    if (claim.kind === 'replay') {
      res.setHeader('idempotent-replayed', 'true');
      send(res, claim.response);
      return;
    }
    if (claim.kind === 'mismatch') {
      throw new HttpProblem(problem(422, 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used with a different request'));
    }
    if (claim.kind === 'in_progress') {
      res.setHeader('retry-after', String(claim.retryAfterSeconds));
      throw new HttpProblem(problem(409, 'IDEMPOTENCY.IN_PROGRESS', 'A request with this Idempotency-Key is still being processed'));
    }
    let response: RouteResponse;
    try {
      response = await answer(route, ctx);
    } catch (error) {
      await deps.idempotency.release(scope, key, claim.attempt);
      throw error;
    }
    // A claim taken over meanwhile keeps the taker's answer; this one is still a true answer for this client.
    if (response.status < 500) await deps.idempotency.complete(scope, key, claim.attempt, { status: response.status, body: response.body ?? null });
    else await deps.idempotency.release(scope, key, claim.attempt);
    send(res, response);
    return;
  }
  send(res, await answer(route, ctx));
}

/** Runs the handler; an expected domain failure becomes a problem response value. */
async function answer(route: AnyRoute, ctx: Parameters<AnyRoute['handler']>[0]): Promise<RouteResponse> {
  try {
    return await route.handler(ctx);
  } catch (error) {
    if (error instanceof DomainError) return domainProblem(error);
    if (isConflict(error)) return { status: 409, body: problem(409, 'CONCURRENCY.CONFLICT', 'The resource changed meanwhile; retry') };
    throw error;
  }
}

export function domainProblem(error: DomainError): RouteResponse {
  const status = statusForCode(error.code);
  return { status, body: problem(status, error.code, error.message, Object.keys(error.details).length ? { details: error.details } : {}) };
}

function isConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'CONCURRENCY.CONFLICT';
}

function parse(where: string, schema: z.ZodType | undefined, input: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  const issues = [
    ...(result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))),
    ...unstorableText(input),
  ];
  if (issues.length === 0) return result.data;
  // Bounded like the OpenAPI document says: input can name any number of keys of any length.
  throw new HttpProblem(
    problem(400, 'VALIDATION.FAILED', `The request ${where} is invalid`, {
      errors: issues.slice(0, MAX_ISSUES).map((issue) => ({ in: where, path: clip(issue.path), message: clip(issue.message) })),
    }),
  );
}

/** At most this many entries in a VALIDATION.FAILED problem's `errors`, each path and message at most ISSUE_TEXT characters. */
export const MAX_ISSUES = 50;
export const ISSUE_TEXT = 500;

const clip = (text: string) => (text.length > ISSUE_TEXT ? `${text.slice(0, ISSUE_TEXT - 1)}…` : text);

function send(res: Response, response: RouteResponse): void {
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  if (response.body === undefined) {
    res.status(response.status).end();
    return;
  }
  if (response.body instanceof Uint8Array) {
    res.status(response.status).send(Buffer.from(response.body));
    return;
  }
  const isProblem = typeof response.body === 'object' && response.body !== null && 'code' in response.body && response.status >= 400;
  if (isProblem) res.status(response.status).type('application/problem+json').send(JSON.stringify(response.body));
  else res.status(response.status).json(response.body);
}

export type { NextFunction };
