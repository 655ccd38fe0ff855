import { ACCESS_TOKENS } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform, fundTrader, pendingKycChallenge } from '@tradesense/bootstrap/testing';
import { Decimal } from 'decimal.js';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { buyChallenge, caller, client, type Caller } from '../testing/http-test-kit.js';
import { chartZigZagUptrend } from '../testing/price-series.js';
import { StreamClient } from '../testing/stream-client.js';

// Wednesday 4 March 2026, 10:00 in New York; access tokens live 15 minutes.
const START = '2026-03-04T15:00:00.000Z';
const clock = new ManualClock(START);
const EXPIRES = '2026-03-04T15:15:00.000Z';
const IDLE = { connections: 0, feedSymbols: [], accounts: [], logins: [], signals: [] };

describeEachPlatform(
  'WebSocket stream',
  (ctx) => {
    let http: RunningHttpServer;
    let trader: Caller;
    let other: Caller;
    let admin: Caller;
    const call = client(() => http.url);
    const tokenOf = (who: Caller): string => who.headers['authorization']!.slice('Bearer '.length);
    const open = async (who: Caller, via: 'header' | 'query' = 'header'): Promise<StreamClient> => {
      const stream = await StreamClient.open(http.url, tokenOf(who), via);
      const welcome = await stream.next();
      expect(welcome).toEqual({ type: 'welcome', userId: who.userId, role: who === admin ? 'admin' : 'trader', expiresAt: EXPIRES });
      return stream;
    };
    let second = 0;
    /** A quote one second after the previous one; returns the tick message it should become. */
    const quote = async (symbol: string, bid: string, ask: string) => {
      second += 1;
      const time = new Date(Date.parse(START) + second * 1_000);
      await ctx.platform.get(SIMULATED_TRADING_SERVER).pushTick({ symbol, bid: new Decimal(bid), ask: new Decimal(ask), time });
      return { type: 'tick', symbol, bid, ask, time: time.toISOString() };
    };
    const noSubscriptions = { type: 'subscriptions', symbols: [], accounts: [], logins: [], signals: [] };

    beforeAll(async () => {
      http = await startHttpServer(ctx.platform, { stream: { metricsThrottleMs: 20, maxSymbols: 3, signalRefreshMs: 50 } });
      [trader, other, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform), caller(ctx.platform, 'admin')]);
    });
    afterEach(async () => {
      // Every test leaves the server as it found it: no connection, no feed subscription, no watch.
      await vi.waitFor(() => expect(http.stream.stats()).toEqual(IDLE));
    });
    afterAll(async () => {
      await http.stop();
      // The next database target starts from the same instant.
      clock.set(START);
    });

    it('refuses the upgrade without a valid token (no socket), and on any other path', async () => {
      const unauthenticated = {
        status: 401,
        body: {
          type: 'urn:tradesense:problem:AUTH.UNAUTHENTICATED',
          title: 'A valid access token is required (Authorization: Bearer, or the access_token query parameter)',
          status: 401,
          code: 'AUTH.UNAUTHENTICATED',
        },
      };
      const expired = await ctx.platform.get(ACCESS_TOKENS).issue({ userId: trader.userId, role: 'trader' }, new Date(Date.parse(START) - 900_000));
      expect(await StreamClient.refusal(http.url, '/v1/stream')).toEqual(unauthenticated);
      expect(await StreamClient.refusal(http.url, '/v1/stream', { authorization: 'Bearer not.a.token' })).toEqual(unauthenticated);
      expect(await StreamClient.refusal(http.url, '/v1/stream?access_token=not.a.token')).toEqual(unauthenticated);
      expect(await StreamClient.refusal(http.url, `/v1/stream?access_token=${expired.token}`)).toEqual(unauthenticated);
      // A header that is there but not a bearer token is not overruled by the query.
      expect(await StreamClient.refusal(http.url, `/v1/stream?access_token=${tokenOf(trader)}`, { authorization: 'Basic abc' })).toEqual(unauthenticated);
      const elsewhere = await StreamClient.refusal(http.url, `/v1/streams?access_token=${tokenOf(trader)}`);
      expect([elsewhere.status, (elsewhere.body as { code: string }).code]).toEqual([404, 'HTTP.NOT_FOUND']);
      expect(http.stream.stats()).toEqual(IDLE);
    });

    it('accepts the token as a bearer header or as the access_token query parameter', async () => {
      const viaQuery = await open(trader, 'query');
      const viaHeader = await open(admin, 'header');
      expect(http.stream.stats().connections).toBe(2);
      await viaQuery.close();
      await viaHeader.close();
    });

    it('streams ticks of subscribed symbols only, over one shared feed subscription per symbol, until unsubscribed', async () => {
      const first = await open(trader);
      const snapshot = await quote('EURUSD', '1.08500', '1.08512');
      first.send({ type: 'subscribe', symbols: ['EURUSD', 'USDJPY', 'EURUSD'] });
      expect(await first.take(2)).toEqual([{ ...noSubscriptions, symbols: ['EURUSD', 'USDJPY'] }, snapshot]);
      expect(http.stream.stats().feedSymbols).toEqual(['EURUSD', 'USDJPY']);

      const euro = await quote('EURUSD', '1.08503', '1.08515');
      await quote('XAUUSD', '2350.10', '2350.35');
      const yen = await quote('USDJPY', '150.123', '150.137');
      expect(await first.take(2)).toEqual([euro, yen]);
      await first.expectNothingElse();

      first.send({ type: 'unsubscribe', symbols: ['USDJPY', 'GBPUSD'] });
      expect(await first.next()).toEqual({ ...noSubscriptions, symbols: ['EURUSD'] });
      expect(http.stream.stats().feedSymbols).toEqual(['EURUSD']);
      await quote('USDJPY', '150.125', '150.139');
      const later = await quote('EURUSD', '1.08504', '1.08516');
      expect(await first.next()).toEqual(later);
      await first.expectNothingElse();

      const second = await open(other);
      second.send({ type: 'subscribe', symbols: ['EURUSD', 'NOPE'] });
      expect(await second.take(3)).toEqual([
        { type: 'error', code: 'STREAM.SYMBOL_NOT_FOUND', message: 'The price feed does not quote NOPE', symbol: 'NOPE' },
        { ...noSubscriptions, symbols: ['EURUSD'] },
        later,
      ]);
      const both = await quote('EURUSD', '1.08506', '1.08518');
      expect([await first.next(), await second.next()]).toEqual([both, both]);
      expect(http.stream.stats()).toEqual({ ...IDLE, connections: 2, feedSymbols: ['EURUSD'] });

      await first.close();
      await second.close();
    });

    it('pushes the trader’s own account metrics after a deal and as prices move, exactly as GET …/metrics reports them', async () => {
      const { challengeId } = await buyChallenge(call, http.url, trader);
      const metricsPath = `/v1/challenges/${challengeId}/metrics`;
      const owner = await open(trader);
      const opening = await quote('EURUSD', '1.08500', '1.08512');
      owner.send({ type: 'subscribe', accounts: [challengeId] });
      const [ack, initial] = await owner.take(2);
      expect(ack).toEqual({ ...noSubscriptions, accounts: [challengeId] });
      const before = await call('GET', metricsPath, trader);
      expect(initial).toEqual({ type: 'metrics', ...before.body });
      const start = new Decimal(before.body['initialBalance'] as string);
      expect([initial!['balance'], initial!['equity'], initial!['figuresSource']]).toEqual([start.toFixed(2), start.toFixed(2), 'platform']);

      const trade = await call('POST', `/v1/challenges/${challengeId}/trades`, trader, { symbol: 'EURUSD', side: 'buy', volume: '1.00' });
      expect([trade.status, trade.body['price']]).toEqual([201, opening.ask]);
      // Commission 3.00 per lot; the long is valued at the bid: (1.08500 − 1.08512) × 100,000 = −12.00.
      // The position can be seen before the deal feed has booked the commission: a push may show that moment
      // first (figures as they stood), and the figures with the booked deal follow.
      let afterDeal = await owner.next();
      for (let pushes = 1; afterDeal['balance'] !== start.minus(3).toFixed(2) && pushes < 5; pushes += 1) afterDeal = await owner.next();
      expect([afterDeal['type'], afterDeal['balance'], afterDeal['equity']]).toEqual(['metrics', start.minus(3).toFixed(2), start.minus(15).toFixed(2)]);
      expect(afterDeal).toEqual({ type: 'metrics', ...(await call('GET', metricsPath, trader)).body });
      // The position's symbol now drives the account's figures (nobody else holds EURUSD).
      await vi.waitFor(() => expect(http.stream.stats().feedSymbols).toEqual(['EURUSD']));

      // Someone else's challenge, or none at all: an error each, never figures.
      const stranger = await open(other);
      stranger.send({ type: 'subscribe', accounts: [challengeId, 'no-such-challenge'] });
      expect(await stranger.take(3)).toEqual([
        { type: 'error', code: 'CHALLENGE.NOT_FOUND', message: 'No such challenge', challengeId },
        { type: 'error', code: 'CHALLENGE.NOT_FOUND', message: 'No such challenge', challengeId: 'no-such-challenge' },
        noSubscriptions,
      ]);
      const staff = await open(admin);
      staff.send({ type: 'subscribe', accounts: [challengeId] });
      expect(await staff.take(2)).toEqual([{ type: 'error', code: 'CHALLENGE.NOT_FOUND', message: 'No such challenge', challengeId }, noSubscriptions]);

      // Bid up 38 points: (1.08550 − 1.08512) × 100,000 = +38.00 on the position.
      await quote('EURUSD', '1.08550', '1.08562');
      const moved = await owner.next();
      expect([moved['type'], moved['balance'], moved['equity']]).toEqual(['metrics', start.minus(3).toFixed(2), start.plus(35).toFixed(2)]);
      expect(moved).toEqual({ type: 'metrics', ...(await call('GET', metricsPath, trader)).body });
      await stranger.expectNothingElse();
      await staff.expectNothingElse();

      // A tick that changes nothing sends nothing; the next change arrives as the next message.
      await quote('EURUSD', '1.08550', '1.08562');
      await quote('EURUSD', '1.08540', '1.08552');
      const down = await owner.next();
      expect([down['balance'], down['equity']]).toEqual([start.minus(3).toFixed(2), start.plus(25).toFixed(2)]);
      expect(down).toEqual({ type: 'metrics', ...(await call('GET', metricsPath, trader)).body });

      owner.send({ type: 'unsubscribe', accounts: [challengeId] });
      expect(await owner.next()).toEqual(noSubscriptions);
      expect(http.stream.stats()).toEqual({ ...IDLE, connections: 3 });
      await Promise.all([owner.close(), stranger.close(), staff.close()]);
    });

    it('pushes a funded account’s metrics by its login, exactly as GET /v1/accounts/:login/metrics reports them, to its trader only', async () => {
      await pendingKycChallenge(ctx.platform, { traderId: trader.userId, at: clock.now() });
      const { login } = (await fundTrader(ctx.platform, { traderId: trader.userId, adminId: admin.userId })).fundedAccounts[0]!;
      const metricsPath = `/v1/accounts/${login}/metrics`;
      const owner = await open(trader);
      owner.send({ type: 'subscribe', logins: [login] });
      const [ack, initial] = await owner.take(2);
      expect(ack).toEqual({ ...noSubscriptions, logins: [login] });
      expect(initial).toEqual({ type: 'account_metrics', ...(await call('GET', metricsPath, trader)).body });
      expect([initial!['login'], initial!['owner'], initial!['equity']]).toEqual([login, { kind: 'funded_account', id: expect.any(String) }, '100000.00']);
      expect(http.stream.stats().logins).toEqual([login]);

      // Another trader's login, or one that does not exist, gets an error each, admins included.
      const stranger = await open(other);
      stranger.send({ type: 'subscribe', logins: [login, '999999999'] });
      expect(await stranger.take(3)).toEqual([
        { type: 'error', code: 'TRADING_ACCOUNT.NOT_FOUND', message: 'No watched trading account has this login', login },
        { type: 'error', code: 'TRADING_ACCOUNT.NOT_FOUND', message: 'No watched trading account has this login', login: '999999999' },
        noSubscriptions,
      ]);
      const staff = await open(admin);
      staff.send({ type: 'subscribe', logins: [login] });
      expect(await staff.take(2)).toEqual([{ type: 'error', code: 'TRADING_ACCOUNT.NOT_FOUND', message: 'No watched trading account has this login', login }, noSubscriptions]);

      // 1 lot of US30 bought at 39,002 with the bid at 39,000: −2.00 of equity, pushed after the deal.
      await quote('US30', '39000.00', '39002.00');
      await ctx.platform.get(SIMULATED_TRADING_SERVER).placeMarketOrder({ login, symbol: 'US30', side: 'buy', volume: new Decimal(1) });
      let moved = await owner.next();
      for (let pushes = 1; moved['equity'] !== '99998.00' && pushes < 5; pushes += 1) moved = await owner.next();
      expect([moved['type'], moved['equity']]).toEqual(['account_metrics', '99998.00']);
      expect(moved).toEqual({ type: 'account_metrics', ...(await call('GET', metricsPath, trader)).body });
      await stranger.expectNothingElse();
      await staff.expectNothingElse();

      owner.send({ type: 'unsubscribe', logins: [login] });
      expect(await owner.next()).toEqual(noSubscriptions);
      expect(http.stream.stats()).toEqual({ ...IDLE, connections: 3 });
      await Promise.all([owner.close(), stranger.close(), staff.close()]);
    });

    it('answers malformed messages with an error and keeps the connection open', async () => {
      const stream = await open(trader);
      const invalid = (errors: { path: string; message: string }[]) => ({
        type: 'error',
        code: 'STREAM.INVALID_MESSAGE',
        message: 'The message does not match the stream protocol',
        errors,
      });
      stream.send('not json');
      stream.send({ type: 'subscribe' });
      stream.send({ type: 'dance' });
      stream.send({ type: 'subscribe', symbols: 'EURUSD' });
      stream.send({ type: 'subscribe', symbols: ['EURUSD'], extra: 1 });
      stream.send(JSON.stringify({ type: 'subscribe', symbols: ['X'.repeat(5_000)] }));
      stream.send(Buffer.from('{"type":"ping"}'));
      stream.send({ type: 'subscribe', symbols: ['EURUSD', 'GBPUSD', 'USDJPY', 'XAUUSD'] });
      expect(await stream.take(8)).toEqual([
        { type: 'error', code: 'STREAM.MALFORMED_JSON', message: 'The message is not valid JSON' },
        invalid([{ path: '', message: 'name at least one of symbols, accounts, logins, signals' }]),
        invalid([{ path: 'type', message: "Invalid discriminator value. Expected 'subscribe' | 'unsubscribe' | 'ping'" }]),
        invalid([{ path: 'symbols', message: 'Invalid input: expected array, received string' }]),
        invalid([{ path: '', message: 'Unrecognized key: "extra"' }]),
        { type: 'error', code: 'STREAM.MESSAGE_TOO_LARGE', message: 'Messages are limited to 4096 bytes' },
        { type: 'error', code: 'STREAM.MALFORMED_JSON', message: 'Messages are JSON text frames' },
        { type: 'error', code: 'STREAM.TOO_MANY_SUBSCRIPTIONS', message: 'A connection may hold at most 3 symbols; nothing was subscribed' },
      ]);
      await stream.expectNothingElse();
      expect(stream.ws.readyState).toBe(WebSocket.OPEN);
      expect(http.stream.stats()).toEqual({ ...IDLE, connections: 1 });
      await stream.close();
    });

    it('sends the signal on subscribe, the same as GET /v1/signals/:symbol, and again once the cached one expires', async () => {
      await chartZigZagUptrend(ctx.platform.get(SIMULATED_TRADING_SERVER), 'GBPUSD', '1.26000', new Date(START));
      const stream = await open(trader);
      stream.send({ type: 'subscribe', signals: ['GBPUSD', 'NOPE'] });
      const [unknown, ack, signal] = await stream.take(3);
      expect([unknown, ack]).toEqual([
        { type: 'error', code: 'SIGNAL.SYMBOL_NOT_FOUND', message: 'The price feed does not quote NOPE', symbol: 'NOPE' },
        { ...noSubscriptions, signals: ['GBPUSD'] },
      ]);
      const rest = await call('GET', '/v1/signals/GBPUSD', trader);
      expect(signal).toEqual({ type: 'signal', ...rest.body });
      expect([signal!['direction'], signal!['entry'], signal!['stopLoss'], signal!['takeProfit'], signal!['generatedAt']]).toEqual([
        'buy', '1.2617', '1.2602', '1.2647', START,
      ]);
      expect(http.stream.stats().signals).toEqual(['GBPUSD']);

      // Past the five-minute cache the watch gets a fresh signal (same candles, same levels) and pushes it.
      clock.advance(301_000);
      expect(await stream.next()).toEqual({ ...signal, generatedAt: '2026-03-04T15:05:01.000Z' });
      stream.send({ type: 'unsubscribe', signals: ['GBPUSD'] });
      expect(await stream.next()).toEqual(noSubscriptions);
      expect(http.stream.stats()).toEqual({ ...IDLE, connections: 1 });
      await stream.close();
    });

    it('closes a connection with 4001 when its token expires', async () => {
      // Issued 899 s before now: one second left.
      const issued = await ctx.platform.get(ACCESS_TOKENS).issue({ userId: trader.userId, role: 'trader' }, new Date(clock.now().getTime() - 899_000));
      const stream = await StreamClient.open(http.url, issued.token);
      expect(await stream.next()).toEqual({ type: 'welcome', userId: trader.userId, role: 'trader', expiresAt: issued.expiresAt.toISOString() });
      expect(await stream.closed()).toEqual({ code: 4001, reason: 'access token expired' });
    });

    it('terminates connections that stop answering pings', async () => {
      const server = await startHttpServer(ctx.platform, { stream: { heartbeatMs: 100 } });
      const silent = new WebSocket(`${server.url.replace(/^http/, 'ws')}/v1/stream`, { headers: { authorization: `Bearer ${tokenOf(other)}` }, autoPong: false });
      const silentClosed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
      // 1006: cut off without a close frame.
      expect(await silentClosed).toBe(1006);
      await vi.waitFor(() => expect(server.stream.stats()).toEqual(IDLE));
      await server.stop();
    });

    it('closes every socket, feed subscription and watch when the server stops', async () => {
      const server = await startHttpServer(ctx.platform);
      const stream = await StreamClient.open(server.url, tokenOf(trader));
      await stream.next();
      await quote('USDJPY', '150.130', '150.144');
      stream.send({ type: 'subscribe', symbols: ['USDJPY'], signals: ['GBPUSD'] });
      expect((await stream.take(3)).map((message) => message.type)).toEqual(['subscriptions', 'tick', 'signal']);
      expect(server.stream.stats()).toEqual({ ...IDLE, connections: 1, feedSymbols: ['USDJPY'], signals: ['GBPUSD'] });
      await server.stop();
      expect(await stream.closed()).toEqual({ code: 1001, reason: 'server shutting down' });
      expect(server.stream.stats()).toEqual(IDLE);
    });
  },
  { clock },
);
