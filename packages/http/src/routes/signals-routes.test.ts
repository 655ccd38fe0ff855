import { SIGNAL_DISCLAIMER } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER, describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { TradingSignal } from '../schemas/signals-schemas.js';
import { chartZigZagUptrend } from '../testing/price-series.js';
import { caller, client, type Caller } from '../testing/http-test-kit.js';

// Wednesday 4 March 2026, 10:00 in New York.
const clock = new ManualClock('2026-03-04T15:00:00Z');

describeEachPlatform(
  'signals over HTTP',
  (ctx) => {
    let http: RunningHttpServer;
    let trader: Caller;
    let admin: Caller;
    const call = client(() => http.url);
    beforeAll(async () => {
      http = await startHttpServer(ctx.platform);
      [trader, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform, 'admin')]);
      await chartZigZagUptrend(ctx.platform.get(SIMULATED_TRADING_SERVER), 'GBPUSD', '1.26000', clock.now());
    });
    afterAll(async () => {
      await http.stop();
    });

    it('gives traders and admins the same cached indicator signal, levels rounded to the symbol digits', async () => {
      const expected = {
        symbol: 'GBPUSD',
        direction: 'buy',
        // Last close 1.26000 + 17 pips; ATR(14) is exactly 0.00100: stop 1.5 ATR below, target 3 ATR above.
        entry: '1.2617',
        stopLoss: '1.2602',
        takeProfit: '1.2647',
        // RSI(14) 62.34: 0.5 for the trend + 0.25 × 12.34 / 20, rounded down; no cross on the last bar.
        confidence: 0.65,
        rationale:
          'Uptrend: SMA(9) is above SMA(21), confirmed by RSI. SMA(9) 1.2613889, SMA(21) 1.261081, RSI(14) 62.3, ATR(14) 0.001. ' +
          'Stop 1.5×ATR, target 3×ATR.',
        provider: 'indicators',
        generatedAt: '2026-03-04T15:00:00.000Z',
        disclaimer: SIGNAL_DISCLAIMER,
      };
      const forTrader = await call('GET', '/v1/signals/GBPUSD', trader);
      expect(forTrader.status).toBe(200);
      expect(forTrader.body).toEqual(expected);
      expect(TradingSignal.parse(forTrader.body)).toEqual(expected);
      const forAdmin = await call('GET', '/v1/signals/GBPUSD', admin);
      expect([forAdmin.status, forAdmin.body]).toEqual([200, expected]);
    });

    it('answers 404 for a symbol the feed does not quote and 422 for one without any price history', async () => {
      const unknown = await call('GET', '/v1/signals/NOPE', trader);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      expect(unknown.body).toEqual({
        type: 'urn:tradesense:problem:SIGNAL.SYMBOL_NOT_FOUND',
        title: 'The price feed does not quote NOPE',
        status: 404,
        code: 'SIGNAL.SYMBOL_NOT_FOUND',
        details: { symbol: 'NOPE' },
      });
      const quiet = await call('GET', '/v1/signals/AUDUSD', trader);
      expect([quiet.status, quiet.body.code, quiet.body.details]).toEqual([422, 'SIGNAL.NO_PRICE_HISTORY', { symbol: 'AUDUSD' }]);
      const malformed = await call('GET', '/v1/signals/EUR%20USD', trader);
      expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION.FAILED']);
    });

    it('answers 401 without a token or with a bad one', async () => {
      const anonymous = await call('GET', '/v1/signals/GBPUSD');
      expect([anonymous.status, anonymous.body.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
      const forged = await call('GET', '/v1/signals/GBPUSD', null, undefined, { authorization: 'Bearer not.a.token' });
      expect([forged.status, forged.body.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    });
  },
  { clock },
);
