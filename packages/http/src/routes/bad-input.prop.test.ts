import { KYC_PROVIDER, PAYMENT_GATEWAYS } from '@tradesense/application';
import type { Platform } from '@tradesense/bootstrap';
import { SIMULATED_TRADING_SERVER, describeEachPlatform } from '@tradesense/bootstrap/testing';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AnyRoute } from '../api/route.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { changedTables, databaseState, databaseTables, storedIds, type DatabaseState } from '../testing/database-state.js';
import { forUrl, fuzzRequest, percentEncode, type FuzzRequest } from '../testing/fuzz-request.js';
import { ANONYMOUS, checkAnswers, problemOf, send, type Who } from '../testing/fuzz-client.js';
import { buyChallenge, caller, client, pendingKycChallenge } from '../testing/http-test-kit.js';
import { anyText, shapeKeys, type Vocabulary } from '../testing/near-miss.js';
import { judge, type Verdict } from '../testing/server-view.js';
import { allRoutes } from './all-routes.js';

/**
 * Bad input on every route (taken from allRoutes, so new routes are fuzzed
 * without being listed here): each generated request, sent as an anonymous
 * caller (no token, a forged one or a malformed header), a trader and an
 * admin, is answered below 500, as an RFC 9457 problem with the code its
 * failure calls for, and leaves every table (the outbox included) exactly
 * as it was. No table is exempt: nothing in the schema records refused
 * attempts (rate-limit counters live in memory). Then forged tokens on the
 * public routes that take one, paths outside the API, and near misses that
 * pass every schema (which may change state, so they run last and are only
 * held to "never a 500").
 */

const RUNS_PER_ROUTE = 20;

interface Seeded {
  readonly trader: Who;
  readonly admin: Who;
  /** Genuine tokens (a refresh token, a checkout link's token) for forgeries to start from. */
  readonly tokens: readonly string[];
}

/**
 * Real state for ids to find and for the no-change check to mean something:
 * a bought challenge with an open position, an unpaid order, a KYC case, a
 * competition entry, an affiliate, a signed-in session.
 */
async function seed(platform: Platform, baseUrl: string): Promise<Seeded> {
  const call = client(() => baseUrl);
  const must = async (what: string, pending: ReturnType<typeof call>, status: number) => {
    const response = await pending;
    if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const [trader, admin] = await Promise.all([caller(platform), caller(platform, 'admin')]);
  const { challengeId } = await buyChallenge(call, baseUrl, trader);
  const catalog = await must('catalog', call('GET', '/v1/catalog'), 200);
  const model = catalog.models[0];
  const unpaid = await must('unpaid order', call('POST', '/v1/orders', trader, { gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance }), 201);
  await pendingKycChallenge(platform, trader.userId);
  await must('kyc', call('POST', '/v1/kyc', trader), 201);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const competition = await must(
    'competition',
    call('POST', '/v1/admin/competitions', admin, {
      name: 'Fuzz Cup', registrationOpens: day(-1), registrationCloses: day(3), starts: day(4), ends: day(10), prizePool: '100.00',
      prizes: [{ rank: 1, kind: 'cash', amount: '100.00' }],
    }),
    201,
  );
  await must('entry', call('POST', `/v1/competitions/${competition.competitionId}/entries`, trader, {}), 201);
  await must('affiliate', call('POST', '/v1/affiliates', trader), 201);
  await platform.get(SIMULATED_TRADING_SERVER).pushTick({ symbol: 'EURUSD', bid: new Decimal('1.10000'), ask: new Decimal('1.10010'), time: new Date() });
  await must('trade', call('POST', `/v1/challenges/${challengeId}/trades`, trader, { symbol: 'EURUSD', side: 'buy', volume: '0.10' }), 201);
  const credentials = { email: `fuzz-${Date.now()}@example.com`, password: 'long enough password' };
  await must('register', call('POST', '/v1/auth/register', null, { ...credentials, country: 'DE' }), 201);
  const session = await must('login', call('POST', '/v1/auth/login', null, credentials), 200);
  return {
    trader: { name: 'trader', role: 'trader', headers: trader.headers },
    admin: { name: 'admin', role: 'admin', headers: admin.headers },
    tokens: [session.refreshToken, new URL(unpaid.checkout.redirectUrl).searchParams.get('token')!],
  };
}

/** A genuine token altered so it no longer is one: a character changed, cut short, extended, or its case flipped. */
function forgeryOf(tokens: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...tokens), fc.nat(), fc.constantFrom('change', 'cut', 'extend', 'case'))
    .map(([token, at, how]) => {
      const index = at % token.length;
      const forged =
        how === 'change'
          ? `${token.slice(0, index)}${token[index] === 'A' ? 'B' : 'A'}${token.slice(index + 1)}`
          : how === 'cut'
            ? token.slice(0, index)
            : how === 'extend'
              ? `${token}A`
              : token.toUpperCase();
      return forged === token ? `${token}x` : forged;
    });
}

describeEachPlatform(
  'bad input on every route',
  (ctx) => {
    let http: RunningHttpServer;
    let routes: AnyRoute[];
    let seeded: Seeded;
    let tables: string[];
    let vocabulary: Vocabulary;
    let baseline: DatabaseState;

    beforeAll(async () => {
      http = await startHttpServer(ctx.platform);
      seeded = await seed(ctx.platform, http.url);
      routes = allRoutes(ctx.platform);
      tables = await databaseTables(ctx.platform);
      vocabulary = {
        ids: await storedIds(ctx.platform, tables),
        names: [...ctx.platform.get(PAYMENT_GATEWAYS).ids(), ctx.platform.get(KYC_PROVIDER).id],
      };
      baseline = await databaseState(ctx.platform, tables);
    });
    afterAll(async () => {
      await http.stop();
    });

    async function expectNoChange(): Promise<void> {
      const after = await databaseState(ctx.platform, tables);
      expect(after.get('outbox')?.rows, 'outbox rows').toBe(baseline.get('outbox')?.rows);
      expect(changedTables(baseline, after), 'changed tables').toEqual([]);
    }

    /**
     * Sends `request` as each caller at once and checks every answer. The
     * database is compared at once when some answer came from a handler;
     * refusals made before any handler are covered by the comparison after
     * each route.
     */
    async function sendAsEveryone(request: FuzzRequest, verdict: Verdict, anonymous: Who): Promise<void> {
      const callers = [anonymous, seeded.trader, seeded.admin];
      const answers = await Promise.all(callers.map((who) => send(http.url, request, who)));
      if (checkAnswers(verdict, callers, answers)) await expectNoChange();
    }

    it('takes every route from allRoutes, the webhooks and the simulated confirm link included', () => {
      const paths = routes.map((route) => `${route.method} ${route.path}`);
      expect(paths).toEqual(expect.arrayContaining(['post /v1/webhooks/:provider', 'post /v1/webhooks/kyc/:provider', 'get /v1/payments/simulated/confirm']));
      expect(new Set(paths).size).toBe(paths.length);
      expect(vocabulary.ids.length).toBeGreaterThan(10);
    });

    it('answers bad params, queries and bodies on every route with a 4xx problem and changes nothing', async () => {
      const failures: string[] = [];
      for (const route of routes) {
        try {
          await fc.assert(
            fc.asyncProperty(fuzzRequest(route, vocabulary), fc.constantFrom(...ANONYMOUS), async (request, anonymous) => {
              const verdict = judge(request, routes);
              fc.pre(verdict.kind !== 'valid');
              await sendAsEveryone(request, verdict, anonymous);
            }),
            { numRuns: RUNS_PER_ROUTE },
          );
          await expectNoChange();
        } catch (error) {
          failures.push(failureOf(route, error));
          // Later routes are judged against the state this one left.
          baseline = await databaseState(ctx.platform, tables);
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);

    it('refuses made-up and altered tokens on the public routes that take one, changing nothing', async () => {
      // Schema-valid input that is still a forgery: the token names no session, reset or checkout.
      const tokenRoutes = routes.filter((route) => route.access === 'public' && !route.rawBody && tokenKeys(route).length > 0);
      expect(tokenRoutes.length).toBeGreaterThanOrEqual(4);
      for (const route of tokenRoutes) {
        const schema = (route.request?.body ?? route.request?.query) as z.ZodType;
        const value = fc.oneof(forgeryOf(seeded.tokens), anyText(vocabulary).filter((text) => text.length > 0));
        const input = fc.record(Object.fromEntries(shapeKeys(schema).map((key) => [key, value])));
        await fc.assert(
          fc.asyncProperty(input, async (fields) => {
            fc.pre(schema.safeParse(fields).success);
            const request: FuzzRequest = route.request?.body
              ? { method: route.method.toUpperCase() as FuzzRequest['method'], target: route.path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }
              : { method: route.method.toUpperCase() as FuzzRequest['method'], target: `${route.path}?${Object.entries(fields).map(([k, v]) => `${k}=${percentEncode(forUrl(v))}`).join('&')}`, headers: {} };
            const answer = await send(http.url, request, ANONYMOUS[0]!);
            const context = `${route.operationId}: ${answer.status} ${answer.text.slice(0, 300)}`;
            expect(answer.status, context).toBeLessThan(500);
            // Sign-out answers the same for any token (it reveals nothing); the others refuse.
            if (route.operationId !== 'logout') expect(answer.status, context).toBeGreaterThanOrEqual(400);
            if (answer.status >= 400) problemOf(answer, context);
            await expectNoChange();
          }),
          { numRuns: RUNS_PER_ROUTE },
        );
      }
    }, 120_000);

    it('answers requests outside the API (health, docs, the stream without an upgrade, unknown paths) below 500 and changes nothing', async () => {
      const segment = fc.oneof(anyText({ ids: [], names: [] }).map((text) => percentEncode(forUrl(text))), fc.constantFrom('..', '%zz', '%00', 'index.html', 'swagger-ui.css'));
      const request = fc
        .record({
          method: fc.constantFrom<FuzzRequest['method']>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
          prefix: fc.constantFrom('/health', '/ready', '/openapi.json', '/docs', '/docs/', '/v1/stream', '', '/v1', '/v2'),
          rest: fc.array(segment, { maxLength: 3 }),
          query: fc.option(anyText({ ids: [], names: [] }).map((text) => percentEncode(forUrl(text))), { nil: undefined }),
          body: fc.option(fc.jsonValue().map((value) => JSON.stringify(value)), { nil: undefined }),
        })
        .map(({ method, prefix, rest, query, body }): FuzzRequest => ({
          method,
          target: `${prefix}${rest.map((part) => `/${part}`).join('')}`.replace(/^$/, '/') + (query !== undefined ? `?q=${query}` : ''),
          headers: body !== undefined && method !== 'GET' ? { 'content-type': 'application/json' } : {},
          ...(body !== undefined && method !== 'GET' ? { body } : {}),
        }));
      await fc.assert(
        fc.asyncProperty(request, fc.constantFrom(...ANONYMOUS), async (generated, anonymous) => {
          // A path that lands on an API route with valid input is not bad input.
          fc.pre(judge(generated, routes).kind !== 'valid');
          for (const who of [anonymous, seeded.trader, seeded.admin]) {
            const answer = await send(http.url, generated, who);
            const context = `${who.name}: ${answer.status} ${answer.text.slice(0, 300)}`;
            expect(answer.status, context).toBeLessThan(500);
            if (answer.status >= 400) problemOf(answer, context);
          }
          await expectNoChange();
        }),
        { numRuns: 40 },
      );
    }, 120_000);

    // Last: these requests are valid, so they may change state (the checks above compare against the seeded state).
    it('answers near misses that pass every schema below 500, with a problem when it refuses them', async () => {
      // The schemas cannot say everything (a NUL in an e-mail, an odd model revision): such input must still be refused cleanly.
      const failures: string[] = [];
      for (const route of routes) {
        try {
          await fc.assert(
            fc.asyncProperty(fuzzRequest(route, vocabulary), async (request) => {
              const verdict = judge(request, routes);
              if (verdict.kind !== 'valid') return;
              const access = verdict.route.access;
              const who = access === 'admin' ? seeded.admin : access === 'public' ? ANONYMOUS[0]! : seeded.trader;
              const answer = await send(http.url, request, who);
              const context = `${who.name}: ${answer.status} ${answer.text.slice(0, 300)}`;
              expect(answer.status, context).toBeLessThan(500);
              if (answer.status >= 400) problemOf(answer, context);
            }),
            // About half the near misses fail some schema and are not sent here.
            { numRuns: 2 * RUNS_PER_ROUTE },
          );
        } catch (error) {
          failures.push(failureOf(route, error));
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);
  },
  // Auth routes are rate limited per client; the fuzzing must reach their validation.
  { env: { AUTH_RATE_LIMIT_PER_MINUTE: '10000' } },
);

/** A route's failed property, with fast-check's seed, counterexample and the assertion that failed. */
function failureOf(route: AnyRoute, error: unknown): string {
  const cause = (error as Error).cause;
  return `${route.method.toUpperCase()} ${route.path}\n${(error as Error).message}${cause instanceof Error ? `\nCaused by: ${cause.message}` : ''}`;
}

function tokenKeys(route: AnyRoute): string[] {
  return shapeKeys((route.request?.body ?? route.request?.query) as z.ZodType | undefined).filter((key) => /token/i.test(key));
}
