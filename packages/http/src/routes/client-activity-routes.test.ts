import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform } from '@tradesense/bootstrap/testing';
import { Decimal } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { ClientActivityPage } from '../schemas/auth-schemas.js';
import { buyChallenge, caller, client, type Caller } from '../testing/http-test-kit.js';

// Wednesday 4 March 2026, 10:00 in New York: markets open, so orders fill.
const START = '2026-03-04T15:00:00.000Z';
const clock = new ManualClock(START);
const DEVICE = '3f2b9c1e-6d4a-4f8e-9b7a-2c5d8e1f0a34';
const LOOPBACK = /^(::1|127\.0\.0\.1|::ffff:127\.0\.0\.1)$/;

describeEachPlatform(
  'client activity over HTTP: sign-ins and trades recorded with address and device, read by admins',
  (ctx) => {
    let http: RunningHttpServer;
    let admin: Caller;
    let trader: Caller;
    let refreshToken = '';
    const call = client(() => http.url);
    const email = `activity-${Date.now()}@example.com`;
    const password = 'long enough password';

    beforeAll(async () => {
      clock.set(START);
      http = await startHttpServer(ctx.platform);
      admin = await caller(ctx.platform, 'admin');
      expect((await call('POST', '/v1/auth/register', null, { email, password, country: 'DE' })).status).toBe(201);
      const login = await call('POST', '/v1/auth/login', null, { email, password }, { 'x-device-id': DEVICE, 'user-agent': 'TradeSense web' });
      expect(login.status).toBe(200);
      trader = { userId: login.body.userId, headers: { authorization: `Bearer ${login.body.accessToken}` } };
      refreshToken = login.body.refreshToken;
      const server = ctx.platform.get(SIMULATED_TRADING_SERVER);
      await server.pushTick({ symbol: 'EURUSD', bid: new Decimal('1.08500'), ask: new Decimal('1.08512'), time: clock.now() });
    });
    afterAll(async () => {
      await http.stop();
    });

    const activity = async (query = '') => {
      const page = await call('GET', `/v1/admin/users/${trader.userId}/activity${query}`, admin);
      expect(page.status).toBe(200);
      return ClientActivityPage.parse(page.body);
    };

    it('records a sign-in, a refresh with a malformed device id as unknown, and a trade, newest first', async () => {
      clock.advance(60_000);
      const refreshed = await call('POST', '/v1/auth/refresh', null, { refreshToken }, { 'x-device-id': 'bad id!' });
      expect(refreshed.status).toBe(200);
      trader = { userId: trader.userId, headers: { authorization: `Bearer ${refreshed.body.accessToken}` } };
      const { challengeId } = await buyChallenge(call, http.url, trader);
      const login = (await call('GET', `/v1/challenges/${challengeId}/metrics`, trader)).body.account as string;
      clock.advance(60_000);
      const filled = await call('POST', `/v1/accounts/${login}/trades`, trader, { symbol: 'EURUSD', side: 'buy', volume: '1.00' }, { 'x-device-id': DEVICE });
      expect(filled.status).toBe(201);

      const page = await activity();
      expect(page.items.map((entry) => entry.kind)).toEqual(['trade', 'refresh', 'sign_in']);
      const [trade, refresh, signIn] = page.items;
      expect(trade).toMatchObject({ userId: trader.userId, login, deviceId: DEVICE, at: clock.now().toISOString() });
      expect(refresh).toMatchObject({ login: null, deviceId: null });
      expect(signIn).toMatchObject({ login: null, deviceId: DEVICE, userAgent: 'TradeSense web', at: START });
      for (const entry of page.items) expect(entry.ip).toMatch(LOOPBACK);
    });

    it('records nothing for a refused sign-in or a refused trade', async () => {
      const before = (await activity()).items.length;
      expect((await call('POST', '/v1/auth/login', null, { email, password: 'wrong password here' }, { 'x-device-id': DEVICE })).status).toBe(401);
      expect((await call('POST', '/v1/auth/refresh', null, { refreshToken: 'x'.repeat(43) }, { 'x-device-id': DEVICE })).status).toBe(401);
      const refused = await call('POST', '/v1/accounts/999999999/trades', trader, { symbol: 'EURUSD', side: 'buy', volume: '1.00' }, { 'x-device-id': DEVICE });
      expect(refused.status).toBe(404);
      expect((await activity()).items).toHaveLength(before);
    });

    it('pages newest first with a cursor', async () => {
      const first = await activity('?limit=2');
      expect(first.items.map((entry) => entry.kind)).toEqual(['trade', 'refresh']);
      const rest = await activity(`?limit=2&cursor=${first.nextCursor!}`);
      expect([rest.items.map((entry) => entry.kind), rest.nextCursor]).toEqual([['sign_in'], null]);
      const forged = await call('GET', `/v1/admin/users/${trader.userId}/activity?cursor=forged`, admin);
      expect([forged.status, forged.body.code]).toEqual([422, 'PAGE.INVALID_CURSOR']);
    });

    it('is for admins only: a trader is refused, even about themselves', async () => {
      const refused = await call('GET', `/v1/admin/users/${trader.userId}/activity`, trader);
      expect([refused.status, refused.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
      expect((await call('GET', `/v1/admin/users/${trader.userId}/activity`)).status).toBe(401);
      expect((await call('GET', '/v1/admin/users/no-such-user/activity', admin)).status).toBe(404);
    });
  },
  { clock },
);
