import type { AccessClaims } from '@tradesense/application';
import type { Request, Response } from 'express';
import type { z } from 'zod';

/** Who may call a route. `trader` admits admins too only where said so. */
export type Access = 'public' | 'authenticated' | 'trader' | 'admin';

export interface RouteResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteContext<TBody, TParams, TQuery> {
  readonly body: TBody;
  readonly params: TParams;
  readonly query: TQuery;
  /** Present on every route but public ones. */
  readonly auth: AccessClaims | null;
  readonly req: Request;
  readonly res: Response;
  /**
   * The Idempotency-Key on routes that honour one (null otherwise). Use cases
   * that create something record it, so a retry that took over a lapsed
   * claim finds what the first attempt created instead of creating it twice.
   */
  readonly requestKey: string | null;
}

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteDefinition<
  B extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
> {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. /v1/challenges/:challengeId */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly access: Access;
  /** Honour an Idempotency-Key header (POSTs that create orders, payouts or balance movements). */
  readonly idempotent?: boolean;
  /**
   * Records where the caller came from (client address and the optional
   * `X-Device-Id` header) with what the route does: sign-ins and trades.
   * Documents the header; the handler passes `clientContext(req)` on.
   */
  readonly clientActivity?: boolean;
  /** Route-specific limiter (auth routes). */
  readonly rateLimited?: boolean;
  /** Calls the trading platform while answering, so it may answer 502 PLATFORM.REJECTED or 503 PLATFORM.UNAVAILABLE. */
  readonly platform?: boolean;
  /**
   * Error statuses the handler answers beyond those the route's shape implies
   * (the OpenAPI document derives 400, 401/403, 404, 409, 413/415, 422, 429 and
   * 502/503 from access, path parameters, body, method and the flags above):
   * e.g. 401 for wrong credentials on a public route, 404 for an id in the body.
   */
  readonly refusals?: readonly number[];
  /** Hand the handler the body's exact bytes as a Buffer (signed provider webhooks). */
  readonly rawBody?: boolean;
  /** The body is an HTML form post (`application/x-www-form-urlencoded`), as a provider's browser redirect sends it. */
  readonly formBody?: boolean;
  /**
   * The body is an uploaded text file of one of these media types (e.g.
   * `text/csv`), handed to the handler as a string; any other type is
   * `415 HTTP.UNSUPPORTED_MEDIA_TYPE`.
   */
  readonly textBody?: readonly string[];
  readonly request?: { readonly body?: B; readonly params?: P; readonly query?: Q };
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: Schema; readonly contentType?: string }>>;
  readonly handler: (ctx: RouteContext<Infer<B>, Infer<P>, Infer<Q>>) => Promise<RouteResponse>;
}

/** Keeps the schema types flowing into the handler's context. */
export function defineRoute<
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
>(route: RouteDefinition<B, P, Q>): RouteDefinition<B, P, Q> {
  return route;
}

// Routes of different shapes live in one list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<any, any, any>;
