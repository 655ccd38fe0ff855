import { CLOCK, isPaymentGatewayError, PAYMENT_GATEWAYS, type PaymentGatewayRegistry } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { paymentsConfigFromEnv } from './config/payments-config.js';
import { paymentsModule } from './container-module.js';
import { TestClock } from './testing/fake-http-server.js';

async function registryFor(config: Parameters<typeof paymentsModule>[0]): Promise<PaymentGatewayRegistry> {
  const container = new Container();
  container.bind(CLOCK).toConstantValue(new TestClock(new Date('2026-03-10T12:00:00Z')));
  await container.load(paymentsModule(config));
  return container.get<PaymentGatewayRegistry>(PAYMENT_GATEWAYS);
}

describe('paymentsModule', () => {
  it('binds only the simulated gateway in a fresh embedded setup, and it works end to end', async () => {
    const registry = await registryFor(paymentsConfigFromEnv({}, { mode: 'embedded', publicBaseUrl: 'http://127.0.0.1:3000/' }));
    expect(registry.ids()).toEqual(['simulated']);
    const simulated = registry.get('simulated');
    const session = await simulated.createCheckout({
      orderId: 'ord_1',
      amount: new Decimal('100'),
      currency: 'USD',
      description: 'Challenge',
      customer: { id: 'usr_1', email: 'a@example.test', country: 'DE' },
      successUrl: 'http://127.0.0.1:3000/ok',
      cancelUrl: 'http://127.0.0.1:3000/cancel',
    });
    expect(session.redirectUrl.startsWith('http://127.0.0.1:3000/v1/payments/simulated/confirm?token=')).toBe(true);
    const notice = await simulated.completeCheckout!({ parameters: Object.fromEntries(new URL(session.redirectUrl).searchParams) });
    expect(notice.outcome === 'event' && notice.event.kind).toBe('payment_succeeded');
  });

  it('binds the gateways whose secrets are configured, and no simulated one in server mode', async () => {
    const env = {
      STRIPE_SECRET_KEY: 'sk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
      PAYPAL_CLIENT_ID: 'id',
      PAYPAL_CLIENT_SECRET: 'secret',
      PAYPAL_WEBHOOK_ID: 'WH1',
      TC_PAY_MERCHANT_ID: 'm',
      TC_PAY_API_SECRET: 'a',
      TC_PAY_WEBHOOK_SECRET: 'w',
      TC_PAY_API_BASE_URL: 'https://api.tcpay.example',
    };
    const registry = await registryFor(paymentsConfigFromEnv(env, { mode: 'server', publicBaseUrl: 'https://app.example.com' }));
    expect(registry.ids()).toEqual(['stripe', 'paypal', 'tc_pay']);
    expect(registry.find('simulated')).toBeNull();
    let caught: unknown;
    try {
      registry.get('crypto');
    } catch (error) {
      caught = error;
    }
    expect(isPaymentGatewayError(caught, 'PAYMENT.GATEWAY_UNKNOWN')).toBe(true);
  });

  it('adds the simulated gateway in server mode when its secret is set', async () => {
    const config = paymentsConfigFromEnv(
      { SIMULATED_PAYMENTS_SECRET: 'a-simulated-secret-of-thirty-two-chars!' },
      { mode: 'server', publicBaseUrl: 'https://staging.example.com' },
    );
    expect((await registryFor(config)).ids()).toEqual(['simulated']);
  });

  it('refuses a half-configured provider at start-up, naming what is missing', () => {
    expect(() => paymentsConfigFromEnv({ RAZORPAY_KEY_ID: 'rzp_1' }, { mode: 'server', publicBaseUrl: 'https://app.example.com' })).toThrow(
      /Razorpay is partly configured; missing RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET/,
    );
    expect(() =>
      paymentsConfigFromEnv(
        { PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 's', PAYPAL_WEBHOOK_ID: 'w', PAYPAL_ENVIRONMENT: 'live' },
        { mode: 'server', publicBaseUrl: 'https://app.example.com' },
      ),
    ).toThrow(/PAYPAL_ENVIRONMENT must be one of sandbox, production/);
  });
});
