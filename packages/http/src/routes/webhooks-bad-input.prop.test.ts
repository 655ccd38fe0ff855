import { KYC_PROVIDER, PAYMENT_GATEWAYS } from '@tradesense/application';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AnyRoute } from '../api/route.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { changedTables, databaseState, databaseTables, storedIds, type DatabaseState } from '../testing/database-state.js';
import { ANONYMOUS, checkAnswers, send } from '../testing/fuzz-client.js';
import { fuzzRequest } from '../testing/fuzz-request.js';
import { buyChallenge, caller, client } from '../testing/http-test-kit.js';
import type { Vocabulary } from '../testing/near-miss.js';
import { judge } from '../testing/server-view.js';
import { allRoutes } from './all-routes.js';

/**
 * The signed provider callbacks with every payment gateway and the Sumsub
 * KYC provider configured (with made-up secrets; their APIs point at a
 * closed local port, so nothing leaves the machine): unsigned or wrongly
 * signed bytes under each provider's name and signature headers are refused
 * with a 4xx problem and change nothing.
 */

const RUNS_PER_ROUTE = 60;
const NOWHERE = 'http://127.0.0.1:9';

describeEachPlatform(
  'bad input on the provider webhooks',
  (ctx) => {
    let http: RunningHttpServer;
    let routes: AnyRoute[];
    let tables: string[];
    let vocabulary: Vocabulary;
    let baseline: DatabaseState;

    beforeAll(async () => {
      http = await startHttpServer(ctx.platform);
      const trader = await caller(ctx.platform);
      await buyChallenge(client(() => http.url), http.url, trader);
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

    it('refuses unsigned and wrongly signed notifications for every configured provider, changing nothing', async () => {
      expect([...vocabulary.names].sort()).toEqual(['crypto', 'paypal', 'simulated', 'stripe', 'sumsub', 'tc_pay', 'upi']);
      const webhooks = routes.filter((route) => route.rawBody);
      expect(webhooks.map((route) => route.path).sort()).toEqual(['/v1/webhooks/:provider', '/v1/webhooks/kyc/:provider']);
      for (const route of webhooks) {
        await fc.assert(
          fc.asyncProperty(fuzzRequest(route, vocabulary), fc.constantFrom(...ANONYMOUS), async (request, anonymous) => {
            const verdict = judge(request, routes);
            expect(verdict.kind).toBe('refuse');
            checkAnswers(verdict, [anonymous], [await send(http.url, request, anonymous)]);
            const after = await databaseState(ctx.platform, tables);
            expect(after.get('outbox')?.rows, 'outbox rows').toBe(baseline.get('outbox')?.rows);
            expect(changedTables(baseline, after), 'changed tables').toEqual([]);
          }),
          { numRuns: RUNS_PER_ROUTE },
        );
      }
    }, 120_000);
  },
  {
    env: {
      STRIPE_SECRET_KEY: 'sk_test_fuzz', STRIPE_WEBHOOK_SECRET: 'whsec_fuzz', STRIPE_API_BASE_URL: NOWHERE,
      PAYPAL_CLIENT_ID: 'fuzz', PAYPAL_CLIENT_SECRET: 'fuzz', PAYPAL_WEBHOOK_ID: 'WH-FUZZ', PAYPAL_API_BASE_URL: NOWHERE,
      COINBASE_COMMERCE_API_KEY: 'fuzz', COINBASE_COMMERCE_WEBHOOK_SECRET: 'fuzz', COINBASE_COMMERCE_API_BASE_URL: NOWHERE,
      RAZORPAY_KEY_ID: 'rzp_test_fuzz', RAZORPAY_KEY_SECRET: 'fuzz', RAZORPAY_WEBHOOK_SECRET: 'fuzz', RAZORPAY_API_BASE_URL: NOWHERE,
      TC_PAY_MERCHANT_ID: 'fuzz', TC_PAY_API_SECRET: 'fuzz', TC_PAY_WEBHOOK_SECRET: 'fuzz', TC_PAY_API_BASE_URL: NOWHERE,
      KYC_PROVIDER: 'sumsub', SUMSUB_APP_TOKEN: 'fuzz', SUMSUB_SECRET_KEY: 'fuzz', SUMSUB_WEBHOOK_SECRET: 'fuzz', SUMSUB_LEVEL_NAME: 'basic', SUMSUB_API_BASE_URL: NOWHERE,
    },
  },
);
