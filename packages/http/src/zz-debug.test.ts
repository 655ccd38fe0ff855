import { startTestPlatform } from '@tradesense/bootstrap/testing';
import { it } from 'vitest';
import { caller, client } from './testing/http-test-kit.js';
import { startHttpServer } from './app/http-server.js';
const NOWHERE = 'http://127.0.0.1:9';
it('debug', async () => {
  const platform = await startTestPlatform({ env: { NOPE: "1" } }); const _unused = ({ env: {
      STRIPE_SECRET_KEY: 'sk_test_fuzz', STRIPE_WEBHOOK_SECRET: 'whsec_fuzz', STRIPE_API_BASE_URL: NOWHERE,
      PAYPAL_CLIENT_ID: 'fuzz', PAYPAL_CLIENT_SECRET: 'fuzz', PAYPAL_WEBHOOK_ID: 'WH-FUZZ', PAYPAL_API_BASE_URL: NOWHERE,
      COINBASE_COMMERCE_API_KEY: 'fuzz', COINBASE_COMMERCE_WEBHOOK_SECRET: 'fuzz', COINBASE_COMMERCE_API_BASE_URL: NOWHERE,
      RAZORPAY_KEY_ID: 'rzp_test_fuzz', RAZORPAY_KEY_SECRET: 'fuzz', RAZORPAY_WEBHOOK_SECRET: 'fuzz', RAZORPAY_API_BASE_URL: NOWHERE,
      TC_PAY_MERCHANT_ID: 'fuzz', TC_PAY_API_SECRET: 'fuzz', TC_PAY_WEBHOOK_SECRET: 'fuzz', TC_PAY_API_BASE_URL: NOWHERE,
      KYC_PROVIDER: 'sumsub', SUMSUB_APP_TOKEN: 'fuzz', SUMSUB_SECRET_KEY: 'fuzz', SUMSUB_WEBHOOK_SECRET: 'fuzz', SUMSUB_LEVEL_NAME: 'basic', SUMSUB_API_BASE_URL: NOWHERE,
  }});
  const http = await startHttpServer(platform);
  const call = client(() => http.url);
  const trader = await caller(platform);
  const catalog = await call('GET', '/v1/catalog');
  const model = catalog.body.models[0];
  const placed = await call('POST', '/v1/orders', trader, { gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance });
  console.log('placed', placed.status, JSON.stringify(placed.body).slice(0, 500));
  const token = new URL(placed.body.checkout.redirectUrl).searchParams.get('token');
  try {
    const r = await platform.useCases.receivePaymentWebhook.execute({ gatewayId: 'simulated', request: { rawBody: Buffer.from(JSON.stringify({ token })), headers: {} } });
    console.log('result', JSON.stringify(r).slice(0, 500));
  } catch (e) { console.log('THROWN', e); }
  await http.stop(); await platform.close();
});
