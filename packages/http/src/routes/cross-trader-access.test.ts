import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform, fundTrader, pendingKycChallenge } from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AnyRoute } from '../api/route.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { changedTables, databaseState, databaseTables } from '../testing/database-state.js';
import { buyChallenge, caller, client, type Caller } from '../testing/http-test-kit.js';
import { allRoutes } from './all-routes.js';

// Wednesday 4 March 2026, 10:00 in New York: markets open, so trades fill.
const START = '2026-03-04T15:00:00.000Z';
const clock = new ManualClock(START);
const ACCESS_TOKEN_TTL_MS = 900 * 1_000;
const REFRESH_TOKEN_TTL_MS = 30 * 86_400_000;

/** Path parameters that name a shared market resource, not anything a trader owns. */
const SHARED_PARAMETERS: Readonly<Record<string, string>> = { symbol: 'market data is the same for every trader' };

const pathOf = (route: AnyRoute) => `${route.method.toUpperCase()} ${route.path}`;
const parametersOf = (route: AnyRoute): string[] => [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);

/** Every way to fill a path's parameters from the values seeded per name. */
function fillings(path: string, names: readonly string[], values: Readonly<Record<string, readonly string[]>>): string[] {
  return names.reduce<string[]>(
    (paths, name) => paths.flatMap((partial) => values[name]!.map((value) => partial.replace(`:${name}`, encodeURIComponent(value)))),
    [path],
  );
}

describeEachPlatform(
  'cross-trader access over HTTP',
  (ctx) => {
    let http: RunningHttpServer;
    let owner: Caller;
    let intruder: Caller;
    let admin: Caller;
    const call = client(() => http.url);
    /** Trader A's ids, by the path parameter name that carries them. */
    const owned: Record<string, string[]> = {};
    /** Everything that identifies trader A or A's records; none may reach trader B. */
    let secrets: string[] = [];
    let challengePositionId = '';
    let fundedPositionId = '';
    const quote = (symbol: string, bid: string, ask: string) =>
      ctx.platform.get(SIMULATED_TRADING_SERVER).pushTick({ symbol, bid: new Decimal(bid), ask: new Decimal(ask), time: clock.now() });

    beforeAll(async () => {
      clock.set(START);
      http = await startHttpServer(ctx.platform);
      [owner, intruder, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform), caller(ctx.platform, 'admin')]);

      // A bought (and paid) challenge with an open position on it.
      const bought = await buyChallenge(call, http.url, owner);
      await quote('EURUSD', '1.08500', '1.08512');
      const trade = await call('POST', `/v1/challenges/${bought.challengeId}/trades`, owner, { symbol: 'EURUSD', side: 'buy', volume: '1.00' });
      expect(trade.status).toBe(201);
      challengePositionId = trade.body.positionId;

      // An order left unpaid.
      const model = (await call('GET', '/v1/catalog')).body.models[0];
      const unpaid = await call('POST', '/v1/orders', owner, { gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance });
      expect(unpaid.status).toBe(201);

      // A trial, activated through the simulated gateway.
      const trial = await call('POST', '/v1/trials', owner, { modelId: model.id, balance: model.sizes[0].balance, gatewayId: 'simulated' });
      expect(trial.status).toBe(201);
      const trialToken = new URL(trial.body.checkout.redirectUrl).searchParams.get('token') ?? '';
      expect((await call('GET', `/v1/payments/simulated/confirm?token=${encodeURIComponent(trialToken)}`)).body.outcome).toBe('trial_activated');
      const currentTrial = await call('GET', '/v1/trials/current', owner);
      expect(currentTrial.status).toBe(200);

      // A passed challenge, KYC approved, the agreement signed: a funded account with an open position.
      const passedChallengeId = await pendingKycChallenge(ctx.platform, { traderId: owner.userId, at: clock.now() });
      const funded = await fundTrader(ctx.platform, { traderId: owner.userId, adminId: admin.userId });
      const fundedAccountId = funded.fundedAccounts[0]!.fundedAccountId;
      const fundedLogin = funded.fundedAccounts[0]!.login;
      await quote('US30', '39000.00', '39002.00');
      const fundedTrade = await call('POST', `/v1/funded-accounts/${fundedAccountId}/trades`, owner, { symbol: 'US30', side: 'buy', volume: '1.00' });
      expect(fundedTrade.status).toBe(201);
      fundedPositionId = fundedTrade.body.positionId;

      // A certificate for the passed challenge.
      const awarded = await ctx.platform.useCases.awardCertificates.execute({ userId: owner.userId });
      if (!awarded.ok || awarded.value.awarded.length === 0) throw new Error('no certificate awarded to the funded trader');

      // A competition A entered (competitions are public; A's entry is not).
      const competition = await call('POST', '/v1/admin/competitions', admin, {
        name: 'Cross access cup',
        registrationOpens: '2026-03-02',
        registrationCloses: '2026-03-10',
        starts: '2026-03-11',
        ends: '2026-03-20',
        prizes: [],
      });
      expect(competition.status).toBe(201);
      const entry = await call('POST', `/v1/competitions/${competition.body.competitionId}/entries`, owner, {});
      expect(entry.status).toBe(201);

      Object.assign(owned, {
        challengeId: [bought.challengeId, passedChallengeId],
        orderId: [bought.orderId, unpaid.body.order.id],
        trialId: [currentTrial.body.id],
        fundedAccountId: [fundedAccountId],
        positionId: [challengePositionId, fundedPositionId],
        signatureId: [funded.signatureId],
        certificateId: awarded.value.awarded.map((certificate) => certificate.certificateId),
        competitionId: [competition.body.competitionId],
        kycCaseId: [funded.kycCaseId],
        entryId: [entry.body.entryId],
        // Trading accounts by platform login: the bought challenge's and the funded account's.
        login: [(await call('GET', `/v1/challenges/${bought.challengeId}/metrics`, owner)).body.account, fundedLogin],
        // A's accounts have broken no restriction: a well-formed violation id, so A's login is what B is refused on.
        violationId: ['max_trades_per_day:1'],
      });
      // Simulator position ids are small integers, too short to search a body for; competitions are public; the violation id is none of A's.
      secrets = [owner.userId, trial.body.signupId, ...Object.entries(owned).filter(([name]) => name !== 'competitionId' && name !== 'violationId').flatMap(([, ids]) => ids)].filter(
        (id) => id.length >= 8,
      );
      expect(secrets).toHaveLength(12);
    });
    afterAll(async () => {
      await http.stop();
    });

    /** Minimal valid bodies, so the ownership check (not validation) is what answers. */
    const bodies = (): Readonly<Record<string, unknown>> => ({
      placeTrade: { symbol: 'EURUSD', side: 'buy', volume: '1.00' },
      placeFundedTrade: { symbol: 'US30', side: 'buy', volume: '1.00' },
      placeAccountTrade: { symbol: 'EURUSD', side: 'buy', volume: '1.00' },
      // Paying B's entry with A's paid order.
      enterCompetition: { orderId: owned['orderId']![0] },
    });

    it('answers trader B with 404 or 403 on every parameterised route of trader A, changing nothing and disclosing nothing', async () => {
      const routes = allRoutes(ctx.platform).filter((route) => (route.access === 'trader' || route.access === 'authenticated') && route.path.includes(':'));
      const shared = routes.filter((route) => parametersOf(route).every((name) => name in SHARED_PARAMETERS));
      expect(shared.map(pathOf)).toEqual(['GET /v1/signals/:symbol']);
      const owning = routes.filter((route) => !shared.includes(route));
      // A new route must get its parameter seeded (and its body listed) here before it can pass.
      expect(owning.flatMap((route) => parametersOf(route).filter((name) => !(name in owned)).map((name) => `${pathOf(route)} :${name}`))).toEqual([]);
      expect(owning.filter((route) => route.request?.body && !(route.operationId in bodies())).map(pathOf)).toEqual([]);
      for (const route of owning.filter((candidate) => candidate.request?.body)) {
        expect([pathOf(route), route.request!.body!.safeParse(bodies()[route.operationId]).success]).toEqual([pathOf(route), true]);
      }

      const tables = await databaseTables(ctx.platform);
      const before = await databaseState(ctx.platform, tables);
      const answers: string[] = [];
      for (const route of owning) {
        for (const path of fillings(route.path, parametersOf(route), owned)) {
          const body = route.request?.body ? bodies()[route.operationId] : undefined;
          const response = await call(route.method.toUpperCase(), path, intruder, body);
          answers.push(`${route.method.toUpperCase()} ${path} ${response.status}`);
          expect([pathOf(route), path, [403, 404].includes(response.status)]).toEqual([pathOf(route), path, true]);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          // Echoing an id B sent is not disclosure; any other id of A's is.
          const sent = JSON.stringify({ path, body });
          const { instance: _instance, ...rest } = response.body ?? {};
          const leaked = secrets.filter((secret) => !sent.includes(secret) && JSON.stringify(rest).includes(secret));
          expect([path, leaked]).toEqual([path, []]);
          expect([path, changedTables(before, await databaseState(ctx.platform, tables))]).toEqual([path, []]);
        }
      }
      expect(owning).toHaveLength(27);
      expect(answers).toHaveLength(47);

      // The simulator is not in the database: both of A's positions are still open.
      const challengePositions = await call('GET', `/v1/challenges/${owned['challengeId']![0]}/positions`, owner);
      expect(challengePositions.body.items.map((p: { positionId: string }) => p.positionId)).toEqual([challengePositionId]);
      const fundedPositions = await call('GET', `/v1/funded-accounts/${owned['fundedAccountId']![0]}/positions`, owner);
      expect(fundedPositions.body.items.map((p: { positionId: string }) => p.positionId)).toEqual([fundedPositionId]);
    });

    it('refuses every admin route to trader A (403) and to anonymous callers (401), changing nothing', async () => {
      const routes = allRoutes(ctx.platform).filter((route) => route.access === 'admin');
      const tables = await databaseTables(ctx.platform);
      const before = await databaseState(ctx.platform, tables);
      for (const route of routes) {
        const path = route.path.replace(/:(\w+)/g, (_, name: string) => owned[name]?.[0] ?? 'x1');
        const body = route.method === 'get' ? undefined : {};
        expect([pathOf(route), (await call(route.method.toUpperCase(), path, owner, body)).status]).toEqual([pathOf(route), 403]);
        expect([pathOf(route), (await call(route.method.toUpperCase(), path, null, body)).status]).toEqual([pathOf(route), 401]);
      }
      expect(routes).toHaveLength(33);
      expect(changedTables(before, await databaseState(ctx.platform, tables))).toEqual([]);
    });

    const post = (path: string, body: unknown) => call('POST', path, null, body);
    let people = 0;
    /** A fresh account signed in over HTTP, so the session is a real one with a refresh token. */
    const signIn = async () => {
      people += 1;
      const email = `session-${people}-${Date.now()}@example.com`;
      expect((await post('/v1/auth/register', { email, password: 'a long password', country: 'DE', displayName: 'Sam Session' })).status).toBe(201);
      const login = await post('/v1/auth/login', { email, password: 'a long password' });
      expect(login.status).toBe(200);
      return { email, accessToken: login.body.accessToken as string, refreshToken: login.body.refreshToken as string };
    };
    const me = (accessToken: string) => call('GET', '/v1/me', null, undefined, { authorization: `Bearer ${accessToken}` });

    it('refuses an access token past its lifetime with 401', async () => {
      clock.set(START);
      const session = await signIn();
      clock.advance(ACCESS_TOKEN_TTL_MS - 1_000);
      expect((await me(session.accessToken)).status).toBe(200);
      clock.advance(2_000);
      const expired = await me(session.accessToken);
      expect(expired.status).toBe(401);
      expect(expired.headers.get('content-type')).toContain('application/problem+json');
    });

    it('refuses a refresh token past its lifetime with 401, while a younger one still rotates', async () => {
      clock.set(START);
      const early = await signIn();
      const late = await signIn();
      clock.advance(REFRESH_TOKEN_TTL_MS - 1_000);
      const rotated = await post('/v1/auth/refresh', { refreshToken: late.refreshToken });
      expect(rotated.status).toBe(200);
      clock.advance(2_000);
      const expired = await post('/v1/auth/refresh', { refreshToken: early.refreshToken });
      expect([expired.status, expired.body.code]).toEqual([401, 'AUTH.REFRESH_EXPIRED']);
      // The token issued by the rotation a second before is 30 days younger.
      expect((await post('/v1/auth/refresh', { refreshToken: rotated.body.refreshToken })).status).toBe(200);
    });

    it('refuses a reused refresh token and revokes the tokens of the whole sign-in', async () => {
      clock.set(START);
      const session = await signIn();
      const first = await post('/v1/auth/refresh', { refreshToken: session.refreshToken });
      expect(first.status).toBe(200);
      const second = await post('/v1/auth/refresh', { refreshToken: first.body.refreshToken });
      expect(second.status).toBe(200);
      const reused = await post('/v1/auth/refresh', { refreshToken: session.refreshToken });
      expect([reused.status, reused.body.code]).toEqual([401, 'AUTH.REFRESH_REUSED']);
      // Every token of the family is now refused, the newest one included.
      const newest = await post('/v1/auth/refresh', { refreshToken: second.body.refreshToken });
      expect([newest.status, newest.body.code]).toEqual([401, 'AUTH.REFRESH_INVALID']);
      // A separate sign-in of the same person is another family and still works.
      const other = await post('/v1/auth/login', { email: session.email, password: 'a long password' });
      expect((await post('/v1/auth/refresh', { refreshToken: other.body.refreshToken })).status).toBe(200);
    });
  },
  { clock },
);
