import { createHash, createHmac } from 'node:crypto';
import { isPaymentGatewayError, isWebhookError, type PaymentNotice, type WebhookRequest } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf } from '../testing/fake-http-server.js';
import { FAKE_RAZORPAY_KEY_ID, FAKE_RAZORPAY_KEY_SECRET, startFakeRazorpay, type FakeRazorpay } from '../testing/fake-razorpay-server.js';
import { RazorpayGateway } from './razorpay-gateway.js';

const WEBHOOK_SECRET = 'rzp-webhook-secret';
let razorpay: FakeRazorpay;
let gateway: RazorpayGateway;

const payment = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  entity: 'payment',
  amount: 4589900,
  currency: 'INR',
  status,
  order_id: 'order_Fake1',
  method: 'upi',
  vpa: 'Trader@okaxis',
  captured: status === 'captured',
  email: 'trader@example.test',
  notes: { order_id: 'ord_1', customer_id: 'usr_1' },
  error_code: null,
  error_reason: null,
  created_at: 1773144030,
  ...extra,
});

beforeAll(async () => {
  razorpay = await startFakeRazorpay();
  gateway = new RazorpayGateway({
    keyId: FAKE_RAZORPAY_KEY_ID,
    keySecret: FAKE_RAZORPAY_KEY_SECRET,
    webhookSecret: WEBHOOK_SECRET,
    checkoutPageUrl: 'https://app.example.test/checkout/upi',
    apiBaseUrl: razorpay.url,
  });
  razorpay.addPayment(payment('pay_captured', 'captured'));
  razorpay.addPayment(payment('pay_authorized', 'authorized'));
});
afterAll(() => razorpay.close());

/** Razorpay's scheme: X-Razorpay-Signature = hex HMAC-SHA256(webhook secret, raw body). */
const delivered = (body: string, options: { secret?: string; eventId?: string } = {}): WebhookRequest => ({
  rawBody: Buffer.from(body),
  headers: {
    'x-razorpay-signature': createHmac('sha256', options.secret ?? WEBHOOK_SECRET).update(body).digest('hex'),
    'x-razorpay-event-id': options.eventId ?? 'KXsRBbQmY0Yq9d',
    'content-type': 'application/json',
  },
});

const webhook = (event: string, payload: Record<string, unknown>) =>
  JSON.stringify({ entity: 'event', account_id: 'acc_BFQ7uQEaa7j2z7', event, contains: Object.keys(payload), payload, created_at: 1773144040 });

/** Razorpay Checkout's signature: hex HMAC-SHA256(key secret, `order_id|payment_id`). */
const checkoutSignature = (orderId: string, paymentId: string, secret = FAKE_RAZORPAY_KEY_SECRET) =>
  createHmac('sha256', secret).update(`${orderId}|${paymentId}`).digest('hex');

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

const vpaFingerprint = `upi:${createHash('sha256').update('trader@okaxis').digest('hex')}`;

describe('Razorpay orders through the official SDK', () => {
  it('creates an order in paise with the order id in notes and hands Checkout its parameters', async () => {
    const session = await gateway.createCheckout({
      orderId: 'ord_1',
      amount: new Decimal('45899'),
      currency: 'INR',
      description: 'Two-step challenge 100k',
      customer: { id: 'usr_1', email: 'trader@example.test', country: 'IN' },
      successUrl: 'https://app.example.test/v1/payments/upi/return',
      cancelUrl: 'https://app.example.test/cancel',
    });
    const sent = razorpay.requests.at(-1)!;
    expect(sent.path).toBe('/v1/orders');
    expect(jsonOf(sent)).toEqual({ amount: 4589900, currency: 'INR', receipt: 'ord_1', notes: { order_id: 'ord_1', customer_id: 'usr_1' } });
    expect(session.providerReference).toBe('order_Fake1');
    expect(session.redirectUrl).toBe('https://app.example.test/checkout/upi?razorpay_order_id=order_Fake1');
    expect(session.clientParameters).toMatchObject({ key: FAKE_RAZORPAY_KEY_ID, order_id: 'order_Fake1', amount: '4589900', currency: 'INR', method: 'upi' });
  });

  it('takes rupees only', async () => {
    const error = await refusal(() =>
      gateway.createCheckout({
        orderId: 'ord_usd',
        amount: new Decimal('549'),
        currency: 'USD',
        description: 'x',
        customer: { id: 'usr_1', email: 'trader@example.test', country: 'IN' },
        successUrl: 'https://app.example.test/ok',
        cancelUrl: 'https://app.example.test/cancel',
      }),
    );
    expect(isPaymentGatewayError(error, 'PAYMENT.INVALID_AMOUNT')).toBe(true);
  });
});

describe('Razorpay checkout return', () => {
  it('verifies the checkout signature and reports the payment Razorpay holds', async () => {
    const notice = await gateway.completeCheckout({
      providerReference: 'order_Fake1',
      parameters: { razorpay_order_id: 'order_Fake1', razorpay_payment_id: 'pay_captured', razorpay_signature: checkoutSignature('order_Fake1', 'pay_captured') },
    });
    expect(eventOf(notice)).toEqual({
      provider: 'upi',
      providerEventId: 'checkout:pay_captured',
      kind: 'payment_succeeded',
      orderId: 'ord_1',
      providerPaymentId: 'pay_captured',
      amount: new Decimal('45899'),
      currency: 'INR',
      paymentMethodFingerprint: vpaFingerprint,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: null,
      occurredAt: new Date(1773144030 * 1000),
      rawType: 'checkout.captured',
    });
  });

  it('captures an authorised payment once', async () => {
    const parameters = {
      razorpay_order_id: 'order_Fake1',
      razorpay_payment_id: 'pay_authorized',
      razorpay_signature: checkoutSignature('order_Fake1', 'pay_authorized'),
    };
    expect(eventOf(await gateway.completeCheckout({ parameters })).kind).toBe('payment_succeeded');
    expect(eventOf(await gateway.completeCheckout({ parameters })).kind).toBe('payment_succeeded');
    expect(razorpay.counts.captures).toBe(1);
  });

  it('refuses a forged signature and a payment of another order without trusting the browser', async () => {
    const before = razorpay.requests.length;
    const forged = await refusal(() =>
      gateway.completeCheckout({
        parameters: { razorpay_order_id: 'order_Fake1', razorpay_payment_id: 'pay_captured', razorpay_signature: checkoutSignature('order_Fake1', 'pay_captured', 'guess') },
      }),
    );
    expect(isPaymentGatewayError(forged, 'PAYMENT.CHECKOUT_INVALID')).toBe(true);
    expect(razorpay.requests.length).toBe(before);
    const elsewhere = await refusal(() =>
      gateway.completeCheckout({
        parameters: { razorpay_order_id: 'order_Other', razorpay_payment_id: 'pay_captured', razorpay_signature: checkoutSignature('order_Other', 'pay_captured') },
      }),
    );
    expect(isPaymentGatewayError(elsewhere, 'PAYMENT.CHECKOUT_INVALID')).toBe(true);
  });
});

describe('Razorpay webhooks', () => {
  const captured = webhook('payment.captured', { payment: { entity: payment('pay_captured', 'captured') } });

  it('turns payment.captured into exactly one payment_succeeded event named by X-Razorpay-Event-Id', async () => {
    expect(eventOf(await gateway.parseWebhook(delivered(captured)))).toEqual({
      provider: 'upi',
      providerEventId: 'KXsRBbQmY0Yq9d',
      kind: 'payment_succeeded',
      orderId: 'ord_1',
      providerPaymentId: 'pay_captured',
      amount: new Decimal('45899'),
      currency: 'INR',
      paymentMethodFingerprint: vpaFingerprint,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: null,
      occurredAt: new Date(1773144040 * 1000),
      rawType: 'payment.captured',
    });
  });

  it('reports a replayed delivery with the same event id', async () => {
    const first = eventOf(await gateway.parseWebhook(delivered(captured)));
    expect(eventOf(await gateway.parseWebhook(delivered(captured)))).toEqual(first);
  });

  it('refuses a forged signature and a tampered body', async () => {
    for (const request of [
      delivered(captured, { secret: FAKE_RAZORPAY_KEY_SECRET }),
      { ...delivered(captured), rawBody: Buffer.from(captured.replace('4589900', '100')) },
    ]) {
      const error = await refusal(() => gateway.parseWebhook(request));
      expect(isWebhookError(error, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    }
  });

  it('maps failures, refunds (running total) and disputes, and acknowledges the rest', async () => {
    const failed = eventOf(
      await gateway.parseWebhook(
        delivered(webhook('payment.failed', { payment: { entity: payment('pay_failed', 'failed', { error_code: 'BAD_REQUEST_ERROR', error_reason: 'payment_timed_out' }) } }), { eventId: 'evt_f' }),
      ),
    );
    expect(failed).toMatchObject({ kind: 'payment_failed', failureReason: 'payment_timed_out', providerPaymentId: 'pay_failed' });
    const refunded = eventOf(
      await gateway.parseWebhook(
        delivered(
          webhook('refund.processed', {
            refund: { entity: { id: 'rfnd_1', entity: 'refund', amount: 100000, currency: 'INR', payment_id: 'pay_captured', notes: [], status: 'processed' } },
            payment: { entity: payment('pay_captured', 'captured', { amount_refunded: 300000 }) },
          }),
          { eventId: 'evt_r' },
        ),
      ),
    );
    expect(refunded).toMatchObject({ kind: 'refunded', providerPaymentId: 'pay_captured', amount: new Decimal('3000'), orderId: 'ord_1' });
    const disputed = eventOf(
      await gateway.parseWebhook(
        delivered(
          webhook('payment.dispute.created', {
            payment: { entity: payment('pay_captured', 'captured') },
            dispute: { entity: { id: 'disp_1', entity: 'dispute', payment_id: 'pay_captured', amount: 4589900, currency: 'INR', reason_code: 'fraud' } },
          }),
          { eventId: 'evt_d' },
        ),
      ),
    );
    expect(disputed).toMatchObject({ kind: 'disputed', failureReason: 'fraud', amount: new Decimal('45899') });
    const paid = await gateway.parseWebhook(delivered(webhook('order.paid', { payment: { entity: payment('pay_captured', 'captured') } }), { eventId: 'evt_o' }));
    expect(paid).toEqual({ outcome: 'ignored', provider: 'upi', providerEventId: 'evt_o', rawType: 'order.paid' });
  });
});

describe('Razorpay refunds', () => {
  it('refunds once per idempotency key, remembered in the refund notes', async () => {
    const first = await gateway.refund({ providerPaymentId: 'pay_captured', currency: 'INR', amount: new Decimal('1000'), idempotencyKey: 'rf_1' });
    const again = await gateway.refund({ providerPaymentId: 'pay_captured', currency: 'INR', amount: new Decimal('1000'), idempotencyKey: 'rf_1' });
    expect(first).toEqual({ providerRefundId: again.providerRefundId, status: 'succeeded', amount: new Decimal('1000') });
    expect(razorpay.counts.refunds).toBe(1);
  });

  it('turns a refusal into PAYMENT.PROVIDER_REJECTED', async () => {
    const error = await refusal(() => gateway.refund({ providerPaymentId: 'pay_unknown', currency: 'INR', idempotencyKey: 'rf_2' }));
    expect(isPaymentGatewayError(error, 'PAYMENT.PROVIDER_REJECTED')).toBe(true);
  });
});
