import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AnyRoute } from '../api/route.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { documentedStatuses } from '../openapi/route-statuses.js';
import { ANONYMOUS, problemOf, send, type Who } from '../testing/fuzz-client.js';
import { percentEncode, type FuzzRequest } from '../testing/fuzz-request.js';
import { buyChallenge, caller, client } from '../testing/http-test-kit.js';
import { shapeKeys } from '../testing/near-miss.js';
import { judge } from '../testing/server-view.js';
import { allRoutes } from './all-routes.js';

/**
 * Values at the edges of what the database columns hold, on every route:
 * numbers beyond int4, int8 and the safe integers, forged page cursors whose
 * parts do not fit their columns, ids that are no id, text longer than any
 * limit and broken percent-escapes. Every answer is below 500 and is one of
 * the statuses the route's OpenAPI operation lists; an error is a problem.
 */

const RUNS_PER_ROUTE = 15;

const HUGE_NUMBERS = [
  '9999999999999999999999999', '9223372036854775808', '9223372036854775807', '2147483648', '-2147483649', '4294967296',
  '9007199254740993', '1e400', '-1e400', '1e20', '-0', '0x10', '1.5', 'NaN', 'Infinity', '00000000000000000001',
] as const;
const hugeNumber = fc.oneof(fc.constantFrom(...HUGE_NUMBERS), fc.bigInt({ min: 2n ** 31n, max: 10n ** 30n }).map(String));

const NOT_IDS = ['not-a-uuid', '00000000-0000-0000-0000-00000000000g', '{00000000-0000-0000-0000-000000000000}', 'x'.repeat(65), '..', ' ', '\u0000'] as const;
const notAnId = fc.oneof(fc.constantFrom(...NOT_IDS), fc.uuid().map((uuid) => `${uuid}x`), fc.string({ minLength: 1, maxLength: 20 }));

const overLong = fc.oneof(
  fc.integer({ min: 65, max: 600 }).map((length) => 'a'.repeat(length)),
  fc.integer({ min: 201, max: 600 }).map((length) => '9'.repeat(length)),
  fc.string({ minLength: 257, maxLength: 400 }),
);

/** Sent as they are in a URL: broken, cut-off and overlong escapes. */
const PERCENT = ['%', '%%', 'a%', '%zz', '%E2%82', '%FF', '%C0%AF', '%00', '%2F', '%F0%9F%98', '%e9', '%u0041'] as const;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Cursors shaped like the API's (base64url of a JSON array) whose parts do not fit the columns they page over. */
const forgedCursor = fc.oneof(
  fc
    .array(
      fc.oneof(
        hugeNumber,
        fc.constantFrom('2026-13-45T99:99:99.000Z', '+275760-09-13T00:00:00.000Z', '0000-00-00T00:00:00.000Z', 'yesterday', '2026-02-30T00:00:00.000Z'),
        notAnId,
        fc.integer(),
        fc.constant(null),
      ),
      { maxLength: 3 },
    )
    .map(base64url),
  fc.constantFrom('9999999999999999999', '9223372036854775808', '0', '-1', 'not a cursor', '', base64url({}), base64url('x')),
);

type Place = 'path' | 'query' | 'body';
type Edge = { readonly text: string; readonly raw: boolean } | { readonly json: unknown };

const edgeText = fc.oneof(
  hugeNumber.map((text) => ({ text, raw: false })),
  notAnId.map((text) => ({ text, raw: false })),
  overLong.map((text) => ({ text, raw: false })),
  fc.constantFrom(...PERCENT).map((text) => ({ text, raw: true })),
);
const edgeJson = fc.oneof(
  fc.constantFrom(1e20, 2_147_483_648, -2_147_483_649, 9_007_199_254_740_993, 1.5, -1, 0).map((json) => ({ json })),
  fc.constantFrom(...HUGE_NUMBERS).map((json) => ({ json })),
  overLong.map((json) => ({ json })),
  notAnId.map((json) => ({ json })),
);

const inUrl = (edge: { text: string; raw: boolean }) => (edge.raw ? edge.text : percentEncode(edge.text));

function requestFor(route: AnyRoute, ids: Readonly<Record<string, string>>): fc.Arbitrary<FuzzRequest> {
  const params = route.path.split('/').filter((part) => part.startsWith(':')).map((part) => part.slice(1));
  const queryKeys = [...new Set([...shapeKeys(route.request?.query as z.ZodType | undefined), 'cursor', 'limit'])];
  const bodyKeys = shapeKeys(route.request?.body as z.ZodType | undefined);
  const places: Place[] = [...(params.length > 0 ? (['path'] as const) : []), 'query', ...(bodyKeys.length > 0 && route.method !== 'get' ? (['body'] as const) : [])];
  const pathSegment = (name: string): fc.Arbitrary<string> =>
    fc.oneof({ weight: 2, arbitrary: fc.constant(percentEncode(ids[name] ?? 'none')) }, { weight: 3, arbitrary: edgeText.map(inUrl) });
  return fc
    .record({
      place: fc.constantFrom(...places),
      path: fc.tuple(...params.map(pathSegment)),
      cleanPath: fc.boolean(),
      queryKey: fc.constantFrom(...queryKeys),
      queryValue: fc.oneof(edgeText.map(inUrl), forgedCursor.map((cursor) => percentEncode(cursor))),
      bodyKey: fc.constantFrom(...(bodyKeys.length > 0 ? bodyKeys : ['value'])),
      bodyValue: fc.oneof(edgeJson, edgeText.map(({ text }) => ({ json: text }))),
    })
    .map(({ place, path, cleanPath, queryKey, queryValue, bodyKey, bodyValue }): FuzzRequest => {
      // One place carries the edge value; the others are kept plausible so it is the edge that gets judged.
      let index = 0;
      const target = route.path
        .split('/')
        .map((part) => {
          if (!part.startsWith(':')) return part;
          const name = part.slice(1);
          const drawn = path[index++]!;
          return place === 'path' && !cleanPath ? drawn : percentEncode(ids[name] ?? 'none');
        })
        .join('/');
      const query = place === 'query' ? `?${percentEncode(queryKey)}=${queryValue}` : '';
      const body = place === 'body' ? JSON.stringify({ [bodyKey]: (bodyValue as { json: unknown }).json }) : route.method === 'get' ? undefined : '{}';
      return {
        method: route.method.toUpperCase() as FuzzRequest['method'],
        target: `${target}${query}`,
        headers: body !== undefined ? { 'content-type': 'application/json' } : ({} as Record<string, string>),
        ...(body !== undefined ? { body } : {}),
      };
    });
}

describeEachPlatform(
  'edge values on every route',
  (ctx) => {
    let http: RunningHttpServer;
    let routes: AnyRoute[];
    let trader: Who;
    let admin: Who;
    let ids: Record<string, string>;

    beforeAll(async () => {
      http = await startHttpServer(ctx.platform);
      routes = allRoutes(ctx.platform);
      const call = client(() => http.url);
      const [buyer, boss] = await Promise.all([caller(ctx.platform), caller(ctx.platform, 'admin')]);
      const { orderId, challengeId } = await buyChallenge(call, http.url, buyer);
      trader = { name: 'trader', role: 'trader', headers: buyer.headers };
      admin = { name: 'admin', role: 'admin', headers: boss.headers };
      // Real ids where a route needs one to reach its query (a challenge's or a login's history pages through its deals).
      const login = ((await call('GET', '/v1/challenges', buyer)).body.items as { id: string; account: string }[]).find((c) => c.id === challengeId)!.account;
      ids = { challengeId, orderId, login };
    });
    afterAll(async () => {
      await http.stop();
    });

    const whoFor = (route: AnyRoute): Who => (route.access === 'admin' ? admin : route.access === 'public' ? ANONYMOUS[0]! : trader);

    /** Below 500, a problem when refused, and a status the OpenAPI operation of the route it lands on lists. */
    async function expectDocumentedAnswer(request: FuzzRequest, who: Who): Promise<void> {
      const answer = await send(http.url, request, who);
      const context = `${request.method} ${request.target.slice(0, 200)} ${request.body?.slice(0, 200) ?? ''} -> ${answer.status} ${answer.text.slice(0, 300)}`;
      expect(answer.status, context).toBeLessThan(500);
      if (answer.status >= 400) problemOf(answer, context);
      const verdict = judge(request, routes);
      if (verdict.route && verdict.kind !== 'refuse') {
        expect([...documentedStatuses(verdict.route)], context).toContain(answer.status);
      } else if (verdict.kind === 'refuse' && verdict.route) {
        expect([...documentedStatuses(verdict.route)], context).toContain(answer.status);
      } else {
        // Refused before routing: a malformed path or body, or no such route.
        expect([400, 404, 413, 415], context).toContain(answer.status);
      }
    }

    it('answers huge numbers, forged cursors, non-ids, over-long text and broken escapes below 500, with a documented status', async () => {
      const failures: string[] = [];
      for (const route of routes.filter((candidate) => !candidate.rawBody)) {
        try {
          await fc.assert(
            fc.asyncProperty(requestFor(route, ids), (request) => expectDocumentedAnswer(request, whoFor(route))),
            { numRuns: RUNS_PER_ROUTE },
          );
        } catch (error) {
          failures.push(`${route.method.toUpperCase()} ${route.path}\n${(error as Error).message.slice(0, 2000)}`);
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);

    it('refuses forged page cursors on every paginated route with a 4xx problem, never a database error', async () => {
      const paged = routes.filter((route) => route.method === 'get' && shapeKeys(route.request?.query as z.ZodType | undefined).includes('cursor'));
      expect(paged.map((route) => route.operationId)).toEqual(
        expect.arrayContaining(['listChallenges', 'challengeHistory', 'tradingAccountHistory', 'listOrders', 'listPayouts', 'adminListChallenges', 'adminListKycCases', 'adminListPayouts', 'adminReadAuditLog']),
      );
      const cursors = [
        base64url(['9999999999999999999999999']),
        base64url(['9223372036854775808']),
        base64url(['2026-13-45T99:99:99.000Z', 'x']),
        base64url(['+275760-09-13T00:00:00.000Z', 'x']),
        base64url(['2026-11-02T22:00:00.000Z', 'x'.repeat(100)]),
        base64url([1, 2]),
        base64url(['a', 'b', 'c']),
        '9999999999999999999',
        '9223372036854775808',
        'not-a-cursor',
      ];
      for (const route of paged) {
        const path = route.path.replace(/:(\w+)/g, (_match, name: string) => ids[name] ?? 'none');
        for (const cursor of cursors) {
          const request: FuzzRequest = { method: 'GET', target: `${path}?cursor=${percentEncode(cursor)}`, headers: {} };
          const answer = await send(http.url, request, whoFor(route));
          const context = `${route.operationId} cursor ${cursor} -> ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, context).toBeGreaterThanOrEqual(400);
          expect(answer.status, context).toBeLessThan(500);
          expect(problemOf(answer, context).code, context).toMatch(/^(VALIDATION\.FAILED|PAGE\.INVALID_CURSOR|AUDIT\.INVALID_CURSOR)$/);
        }
      }
    }, 120_000);

    it('answers a malformed percent-encoding in any path with 400 HTTP.MALFORMED_PATH, whatever the method', async () => {
      for (const target of ['/v1/orders/%', '/v1/orders/%zz', '/v1/challenges/%E2%82/metrics', '/v1/%FF/x', '/v1/catalog%']) {
        for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
          const answer = await send(http.url, { method, target, headers: {} }, trader);
          const context = `${method} ${target} -> ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, context).toBe(400);
          expect(problemOf(answer, context).code, context).toBe('HTTP.MALFORMED_PATH');
        }
      }
    });
  },
  // Auth routes are rate limited per client; the edge values must reach their validation.
  { env: { AUTH_RATE_LIMIT_PER_MINUTE: '10000' } },
);
