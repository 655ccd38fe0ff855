import { createHmac } from 'node:crypto';
import { isPaymentGatewayError, isWebhookError, type PaymentNotice, type WebhookRequest } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formOf, TestClock } from '../testing/fake-http-server.js';
import { DECLINING_PAYMENT_METHOD, startFakeStripe, type FakeStripe } from '../testing/fake-stripe-server.js';
import { StripeGateway } from './stripe-gateway.js';

const WEBHOOK_SECRET = 'whsec_test_secret';
const NOW = new Date('2026-03-10T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

let stripe: FakeStripe;
let gateway: StripeGateway;
const clock = new TestClock(NOW);

beforeAll(async () => {
  stripe = await startFakeStripe();
  stripe.addPaymentMethod('pm_1', 'fp_card_1', 'cus_1');
  stripe.addPaymentIntent({
    id: 'pi_1',
    status: 'succeeded',
    amount: 54999,
    amount_received: 54999,
    currency: 'usd',
    customer: 'cus_1',
    payment_method: 'pm_1',
    metadata: { order_id: 'ord_1' },
  });
  stripe.addSetupIntent({ id: 'seti_1', status: 'succeeded', customer: 'cus_1', payment_method: 'pm_1' });
  gateway = new StripeGateway({ secretKey: 'sk_test_123', webhookSecret: WEBHOOK_SECRET, apiBaseUrl: stripe.url }, clock);
});
afterAll(() => stripe.close());
beforeEach(() => clock.set(NOW));

/** Stripe's documented scheme: v1 = hex HMAC-SHA256(secret, `${t}.${body}`). */
function signed(payload: string, options: { secret?: string; timestamp?: number } = {}): WebhookRequest {
  const t = options.timestamp ?? nowSeconds;
  const v1 = createHmac('sha256', options.secret ?? WEBHOOK_SECRET).update(`${t}.${payload}`).digest('hex');
  return { rawBody: Buffer.from(payload), headers: { 'stripe-signature': `t=${t},v1=${v1}`, 'content-type': 'application/json' } };
}

function stripeEvent(id: string, type: string, object: Record<string, unknown>): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: nowSeconds - 5,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

const completedSession = stripeEvent('evt_session_1', 'checkout.session.completed', {
  id: 'cs_test_1',
  object: 'checkout.session',
  mode: 'payment',
  payment_status: 'paid',
  status: 'complete',
  amount_total: 54999,
  currency: 'usd',
  client_reference_id: 'ord_1',
  metadata: { order_id: 'ord_1' },
  customer: null,
  payment_intent: 'pi_1',
  setup_intent: null,
});

const eventOf = (notice: PaymentNotice) => {
  if (notice.outcome !== 'event') throw new Error(`expected an event, got ${notice.rawType}`);
  return notice.event;
};

async function refusal(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

const checkout = {
  orderId: 'ord_1',
  amount: new Decimal('549.99'),
  currency: 'USD',
  description: 'Two-step challenge 100k',
  customer: { id: 'usr_1', email: 'trader@example.test', country: 'DE' },
  successUrl: 'https://app.example.test/orders/ord_1/paid',
  cancelUrl: 'https://app.example.test/orders/ord_1/cancelled',
};

describe('Stripe checkout', () => {
  it('creates a Checkout Session for the order through the SDK', async () => {
    const session = await gateway.createCheckout(checkout);
    const sent = stripe.requests.at(-1)!;
    const form = formOf(sent);
    expect(sent.path).toBe('/v1/checkout/sessions');
    expect(sent.headers.authorization).toBe('Bearer sk_test_123');
    expect(sent.headers['idempotency-key']).toBe('checkout:ord_1');
    expect(form.get('mode')).toBe('payment');
    expect(form.get('line_items[0][price_data][unit_amount]')).toBe('54999');
    expect(form.get('line_items[0][price_data][currency]')).toBe('usd');
    expect(form.get('metadata[order_id]')).toBe('ord_1');
    expect(form.get('payment_intent_data[metadata][order_id]')).toBe('ord_1');
    expect(form.get('client_reference_id')).toBe('ord_1');
    expect(form.get('customer_email')).toBe('trader@example.test');
    expect(form.has('payment_intent_data[setup_future_usage]')).toBe(false);
    expect(session.providerReference).toMatch(/^cs_test_/);
    expect(session.redirectUrl).toBe(`https://checkout.stripe.test/c/pay/${session.providerReference}`);
  });

  it('saves the card for off-session use when asked, on a customer of its own', async () => {
    await gateway.createCheckout({ ...checkout, orderId: 'ord_2', savePaymentMethod: true });
    const [customer, session] = stripe.requests.slice(-2);
    expect(customer!.path).toBe('/v1/customers');
    const form = formOf(session!);
    expect(form.get('payment_intent_data[setup_future_usage]')).toBe('off_session');
    expect(form.get('customer')).toMatch(/^cus_/);
  });

  it('collects a card without charging for a trial (setup mode)', async () => {
    await gateway.createCheckout({ ...checkout, orderId: 'trial_1', amount: new Decimal(0), savePaymentMethod: true });
    const form = formOf(stripe.requests.at(-1)!);
    expect(form.get('mode')).toBe('setup');
    expect(form.get('currency')).toBe('usd');
    expect(form.has('line_items[0][price_data][unit_amount]')).toBe(false);
  });

  it('refuses an amount finer than a cent before calling Stripe', async () => {
    const before = stripe.requests.length;
    const error = await refusal(() => gateway.createCheckout({ ...checkout, amount: new Decimal('549.995') }));
    expect(isPaymentGatewayError(error, 'PAYMENT.INVALID_AMOUNT')).toBe(true);
    expect(stripe.requests.length).toBe(before);
  });
});

describe('Stripe webhooks', () => {
  it('turns a paid checkout.session.completed into exactly one payment_succeeded event', async () => {
    const event = eventOf(await gateway.parseWebhook(signed(completedSession)));
    expect(event).toEqual({
      provider: 'stripe',
      providerEventId: 'evt_session_1',
      kind: 'payment_succeeded',
      orderId: 'ord_1',
      providerPaymentId: 'pi_1',
      amount: new Decimal('549.99'),
      currency: 'USD',
      paymentMethodFingerprint: 'fp_card_1',
      customerRef: 'cus_1',
      paymentMethodRef: 'pm_1',
      failureReason: null,
      occurredAt: new Date((nowSeconds - 5) * 1000),
      rawType: 'checkout.session.completed',
    });
  });

  it('reports a replayed delivery with the same event id', async () => {
    const first = eventOf(await gateway.parseWebhook(signed(completedSession)));
    const again = eventOf(await gateway.parseWebhook(signed(completedSession, { timestamp: nowSeconds - 60 })));
    expect(again).toEqual(first);
  });

  it('refuses a forged signature, a tampered body and a missing header', async () => {
    const forged = await refusal(() => gateway.parseWebhook(signed(completedSession, { secret: 'whsec_attacker' })));
    expect(isWebhookError(forged, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    const genuine = signed(completedSession);
    const tampered = await refusal(() =>
      gateway.parseWebhook({ ...genuine, rawBody: Buffer.from(completedSession.replace('54999', '1')) }),
    );
    expect(isWebhookError(tampered, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    const unsigned = await refusal(() => gateway.parseWebhook({ rawBody: Buffer.from(completedSession), headers: {} }));
    expect(isWebhookError(unsigned, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
  });

  it('refuses a genuine event older than 300 seconds and accepts one just inside', async () => {
    const stale = await refusal(() => gateway.parseWebhook(signed(completedSession, { timestamp: nowSeconds - 301 })));
    expect(isWebhookError(stale, 'WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE')).toBe(true);
    const fresh = await gateway.parseWebhook(signed(completedSession, { timestamp: nowSeconds - 299 }));
    expect(fresh.outcome).toBe('event');
  });

  it('reports a completed setup-mode session as a saved card with its customer and fingerprint', async () => {
    const payload = stripeEvent('evt_setup_1', 'checkout.session.completed', {
      id: 'cs_test_2',
      object: 'checkout.session',
      mode: 'setup',
      payment_status: 'no_payment_required',
      amount_total: null,
      currency: 'usd',
      client_reference_id: 'trial_1',
      metadata: { order_id: 'trial_1' },
      customer: 'cus_1',
      payment_intent: null,
      setup_intent: 'seti_1',
    });
    const event = eventOf(await gateway.parseWebhook(signed(payload)));
    expect(event).toMatchObject({
      kind: 'payment_method_saved',
      orderId: 'trial_1',
      providerPaymentId: 'seti_1',
      customerRef: 'cus_1',
      paymentMethodRef: 'pm_1',
      paymentMethodFingerprint: 'fp_card_1',
      currency: 'USD',
    });
    expect(event.amount.isZero()).toBe(true);
  });

  it('maps payment_intent.succeeded and payment_intent.payment_failed', async () => {
    const succeeded = eventOf(
      await gateway.parseWebhook(
        signed(
          stripeEvent('evt_pi_ok', 'payment_intent.succeeded', {
            id: 'pi_1',
            object: 'payment_intent',
            amount: 54999,
            amount_received: 54999,
            currency: 'usd',
            customer: 'cus_1',
            payment_method: 'pm_1',
            metadata: { order_id: 'ord_1' },
          }),
        ),
      ),
    );
    expect(succeeded).toMatchObject({ kind: 'payment_succeeded', orderId: 'ord_1', providerPaymentId: 'pi_1', paymentMethodFingerprint: 'fp_card_1' });
    const failed = eventOf(
      await gateway.parseWebhook(
        signed(
          stripeEvent('evt_pi_failed', 'payment_intent.payment_failed', {
            id: 'pi_9',
            object: 'payment_intent',
            amount: 1000,
            currency: 'eur',
            customer: 'cus_1',
            payment_method: 'pm_1',
            metadata: { order_id: 'ord_9' },
            last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' },
          }),
        ),
      ),
    );
    expect(failed).toMatchObject({
      kind: 'payment_failed',
      orderId: 'ord_9',
      providerPaymentId: 'pi_9',
      amount: new Decimal('10'),
      currency: 'EUR',
      failureReason: 'insufficient_funds',
    });
  });

  it('maps charge.refunded to the total refunded on the payment, and charge.dispute.created', async () => {
    const refunded = eventOf(
      await gateway.parseWebhook(
        signed(
          stripeEvent('evt_refund', 'charge.refunded', {
            id: 'ch_1',
            object: 'charge',
            amount: 54999,
            amount_refunded: 20000,
            currency: 'usd',
            payment_intent: 'pi_1',
            customer: 'cus_1',
            payment_method: 'pm_1',
            payment_method_details: { type: 'card', card: { fingerprint: 'fp_card_1' } },
            metadata: { order_id: 'ord_1' },
          }),
        ),
      ),
    );
    expect(refunded).toMatchObject({ kind: 'refunded', providerPaymentId: 'pi_1', amount: new Decimal('200'), orderId: 'ord_1' });
    const disputed = eventOf(
      await gateway.parseWebhook(
        signed(
          stripeEvent('evt_dispute', 'charge.dispute.created', {
            id: 'dp_1',
            object: 'dispute',
            amount: 54999,
            currency: 'usd',
            charge: 'ch_1',
            payment_intent: 'pi_1',
            reason: 'fraudulent',
            status: 'needs_response',
          }),
        ),
      ),
    );
    expect(disputed).toMatchObject({ kind: 'disputed', providerPaymentId: 'pi_1', amount: new Decimal('549.99'), failureReason: 'fraudulent' });
  });

  it('acknowledges event types it does not act on without producing an event', async () => {
    const notice = await gateway.parseWebhook(signed(stripeEvent('evt_other', 'customer.created', { id: 'cus_9', object: 'customer' })));
    expect(notice).toEqual({ outcome: 'ignored', provider: 'stripe', providerEventId: 'evt_other', rawType: 'customer.created' });
  });
});

describe('Stripe off-session charges and refunds', () => {
  const charge = {
    customerRef: 'cus_1',
    paymentMethodRef: 'pm_1',
    amount: new Decimal('99.00'),
    currency: 'USD',
    orderId: 'ord_trial_1',
    idempotencyKey: 'trial_1:attempt_1',
  };

  it('charges a saved card off-session once per idempotency key', async () => {
    const first = await gateway.chargeOffSession(charge);
    const again = await gateway.chargeOffSession(charge);
    expect(first).toMatchObject({ status: 'succeeded', amount: new Decimal('99'), currency: 'USD' });
    expect(again).toEqual(first);
    expect(stripe.created['/v1/payment_intents']).toBe(1);
    const form = formOf(stripe.requests.at(-2)!);
    expect(form.get('off_session')).toBe('true');
    expect(form.get('confirm')).toBe('true');
    expect(stripe.requests.at(-2)!.headers['idempotency-key']).toBe('off-session:trial_1:attempt_1');
  });

  it('reports a decline with its reason instead of throwing', async () => {
    const result = await gateway.chargeOffSession({ ...charge, paymentMethodRef: DECLINING_PAYMENT_METHOD, idempotencyKey: 'trial_2:attempt_1' });
    expect(result).toMatchObject({ status: 'declined', reason: 'insufficient_funds' });
    expect(result.status === 'declined' && result.providerPaymentId).toMatch(/^pi_/);
  });

  it('refunds part of a payment in minor units, idempotently', async () => {
    const refund = await gateway.refund({ providerPaymentId: 'pi_1', currency: 'USD', amount: new Decimal('100.50'), idempotencyKey: 'rf_1' });
    expect(refund).toMatchObject({ status: 'succeeded', amount: new Decimal('100.5') });
    expect(formOf(stripe.requests.at(-1)!).get('amount')).toBe('10050');
    expect(stripe.requests.at(-1)!.headers['idempotency-key']).toBe('refund:rf_1');
  });

  it('turns a Stripe refusal into PAYMENT.PROVIDER_REJECTED', async () => {
    const error = await refusal(() => gateway.refund({ providerPaymentId: 'pi_missing', currency: 'USD', idempotencyKey: 'rf_2' }));
    expect(isPaymentGatewayError(error, 'PAYMENT.PROVIDER_REJECTED')).toBe(true);
  });
});
