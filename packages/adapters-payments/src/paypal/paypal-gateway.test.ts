import { generateKeyPairSync, sign } from 'node:crypto';
import { isPaymentGatewayError, isWebhookError, type PaymentNotice, type WebhookRequest } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, TestClock } from '../testing/fake-http-server.js';
import { FAKE_PAYPAL_CLIENT_ID, FAKE_PAYPAL_CLIENT_SECRET, startFakePayPal, type FakePayPal } from '../testing/fake-paypal-server.js';
import { TEST_PAYPAL_CERTIFICATE, TEST_PAYPAL_PRIVATE_KEY } from '../testing/paypal-test-certificate.js';
import { crc32 } from './crc32.js';
import { PayPalGateway, type PayPalGatewayConfig } from './paypal-gateway.js';

const WEBHOOK_ID = '1JE4291016473214C';
const CERT_URL = 'https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-ab66f33d';
const clock = new TestClock(new Date('2027-02-01T12:00:00Z'));

let paypal: FakePayPal;
/** A key PayPal never used: what a forger signs with. */
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const fetchedCertificates: string[] = [];
const gateway = (overrides: Partial<PayPalGatewayConfig> = {}) =>
  new PayPalGateway(
    {
      clientId: FAKE_PAYPAL_CLIENT_ID,
      clientSecret: FAKE_PAYPAL_CLIENT_SECRET,
      environment: 'sandbox',
      apiBaseUrl: paypal.url,
      webhookId: WEBHOOK_ID,
      webhookVerification: 'offline',
      certificateFetcher: async (url) => {
        fetchedCertificates.push(url.href);
        return TEST_PAYPAL_CERTIFICATE;
      },
      ...overrides,
    },
    clock,
  );

beforeAll(async () => {
  paypal = await startFakePayPal(WEBHOOK_ID);
});
afterAll(() => paypal.close());

/** Signs as PayPal does: RSA-SHA256 over `id|time|webhookId|crc32(body)`. */
function delivered(
  body: string,
  options: { key?: string; webhookId?: string; certUrl?: string; transmissionId?: string } = {},
): WebhookRequest {
  const transmissionId = options.transmissionId ?? '69cd13f0-d67a-11e5-baa3-778b53f4ae55';
  const time = '2027-02-01T11:59:58Z';
  const message = `${transmissionId}|${time}|${options.webhookId ?? WEBHOOK_ID}|${crc32(Buffer.from(body))}`;
  const signature = sign('sha256', Buffer.from(message), options.key ?? TEST_PAYPAL_PRIVATE_KEY).toString('base64');
  return {
    rawBody: Buffer.from(body),
    headers: {
      'paypal-transmission-id': transmissionId,
      'paypal-transmission-time': time,
      'paypal-transmission-sig': signature,
      'paypal-cert-url': options.certUrl ?? CERT_URL,
      'paypal-auth-algo': 'SHA256withRSA',
      'content-type': 'application/json',
    },
  };
}

const envelope = (id: string, type: string, resource: Record<string, unknown>) =>
  JSON.stringify({
    id,
    event_version: '1.0',
    create_time: '2027-02-01T11:59:57.000Z',
    resource_type: 'capture',
    resource_version: '2.0',
    event_type: type,
    summary: type,
    resource,
  });

const captureCompleted = envelope('WH-58D329510W468432D-8HN650336L201105X', 'PAYMENT.CAPTURE.COMPLETED', {
  id: '42311647XV020574X',
  status: 'COMPLETED',
  amount: { currency_code: 'USD', value: '549.99' },
  custom_id: 'ord_1',
  final_capture: true,
  supplementary_data: { related_ids: { order_id: '5O190127TN364715T' } },
  create_time: '2027-02-01T11:59:50Z',
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
  successUrl: 'https://app.example.test/v1/payments/paypal/return',
  cancelUrl: 'https://app.example.test/orders/ord_1/cancelled',
};

describe('PayPal orders through the server SDK', () => {
  it('creates an order carrying the order id and returns the approval link', async () => {
    const session = await gateway().createCheckout(checkout);
    const sent = paypal.requests.find((request) => request.path === '/v2/checkout/orders')!;
    expect(paypal.requests.some((request) => request.path === '/v1/oauth2/token')).toBe(true);
    expect(sent.headers.authorization).toBe('Bearer A21AA-fake-access-token');
    expect(sent.headers['paypal-request-id']).toBe('checkout:ord_1');
    const body = jsonOf(sent);
    expect(body['intent']).toBe('CAPTURE');
    expect(body['purchase_units']).toEqual([
      { reference_id: 'ord_1', custom_id: 'ord_1', description: 'Two-step challenge 100k', amount: { currency_code: 'USD', value: '549.99' } },
    ]);
    expect(body['payment_source']).toMatchObject({
      paypal: { experience_context: { return_url: checkout.successUrl, cancel_url: checkout.cancelUrl, user_action: 'PAY_NOW' } },
    });
    expect(session.redirectUrl).toBe(`https://www.sandbox.paypal.com/checkoutnow?token=${session.providerReference}`);
  });

  it('refuses to capture before the buyer approved, then captures exactly once', async () => {
    const paypalGateway = gateway();
    const session = await paypalGateway.createCheckout({ ...checkout, orderId: 'ord_2' });
    const early = await refusal(() => paypalGateway.completeCheckout({ parameters: { token: session.providerReference } }));
    expect(isPaymentGatewayError(early, 'PAYMENT.CHECKOUT_NOT_APPROVED')).toBe(true);

    paypal.approve(session.providerReference, 'PAYERID123');
    const captured = eventOf(await paypalGateway.completeCheckout({ parameters: { token: session.providerReference, PayerID: 'PAYERID123' } }));
    expect(captured).toMatchObject({
      provider: 'paypal',
      kind: 'payment_succeeded',
      orderId: 'ord_2',
      amount: new Decimal('549.99'),
      currency: 'USD',
      paymentMethodFingerprint: 'paypal:PAYERID123',
      occurredAt: new Date('2027-02-01T11:59:30Z'),
    });
    expect(captured.providerEventId).toBe(`capture:${captured.providerPaymentId}`);

    const capturesBefore = paypal.counts.captures;
    const reloaded = eventOf(await paypalGateway.completeCheckout({ providerReference: session.providerReference, parameters: {} }));
    expect(reloaded).toEqual(captured);
    expect(paypal.counts.captures).toBe(capturesBefore);
  });

  it('reads back an order captured long ago instead of failing', async () => {
    const paypalGateway = gateway();
    const session = await paypalGateway.createCheckout({ ...checkout, orderId: 'ord_3' });
    paypal.approve(session.providerReference, 'PAYERID9');
    const first = eventOf(await paypalGateway.completeCheckout({ parameters: { token: session.providerReference } }));
    // Past PayPal's request-id window the capture call answers ORDER_ALREADY_CAPTURED.
    paypal.forgetRequestIds();
    const later = eventOf(await paypalGateway.completeCheckout({ parameters: { token: session.providerReference } }));
    expect(paypal.requests.at(-1)!.method).toBe('GET');
    expect(later).toEqual(first);
  });

  it('refunds part of a capture with the request id derived from the idempotency key', async () => {
    const refund = await gateway().refund({ providerPaymentId: '42311647XV020574X', currency: 'USD', amount: new Decimal('100'), idempotencyKey: 'rf_1' });
    const sent = paypal.requests.at(-1)!;
    expect(sent.path).toBe('/v2/payments/captures/42311647XV020574X/refund');
    expect(sent.headers['paypal-request-id']).toBe('refund:rf_1');
    expect(jsonOf(sent)['amount']).toEqual({ currency_code: 'USD', value: '100.00' });
    expect(refund).toMatchObject({ status: 'succeeded', amount: new Decimal('100.00') });
  });
});

describe('PayPal webhooks verified offline', () => {
  it('turns PAYMENT.CAPTURE.COMPLETED into exactly one payment_succeeded event', async () => {
    const event = eventOf(await gateway().parseWebhook(delivered(captureCompleted)));
    expect(event).toEqual({
      provider: 'paypal',
      providerEventId: 'WH-58D329510W468432D-8HN650336L201105X',
      kind: 'payment_succeeded',
      orderId: 'ord_1',
      providerPaymentId: '42311647XV020574X',
      amount: new Decimal('549.99'),
      currency: 'USD',
      paymentMethodFingerprint: null,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: null,
      occurredAt: new Date('2027-02-01T11:59:57.000Z'),
      rawType: 'PAYMENT.CAPTURE.COMPLETED',
    });
    expect(fetchedCertificates.at(-1)).toBe(CERT_URL);
  });

  it('reports a replayed delivery with the same event id', async () => {
    const first = eventOf(await gateway().parseWebhook(delivered(captureCompleted)));
    const retried = eventOf(await gateway().parseWebhook(delivered(captureCompleted, { transmissionId: 'a-new-transmission' })));
    expect(retried).toEqual(first);
  });

  it('refuses a signature from another key, a tampered body and another webhook id', async () => {
    for (const request of [
      delivered(captureCompleted, { key: attacker }),
      { ...delivered(captureCompleted), rawBody: Buffer.from(captureCompleted.replace('549.99', '5.99')) },
      delivered(captureCompleted, { webhookId: 'ANOTHER-WEBHOOK' }),
    ]) {
      const error = await refusal(() => gateway().parseWebhook(request));
      expect(isWebhookError(error, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    }
  });

  it('never fetches a certificate from a host that is not PayPal', async () => {
    const before = fetchedCertificates.length;
    for (const certUrl of ['https://evil.example/cert.pem', 'http://api-m.paypal.com/cert.pem', 'https://api-m.paypal.com.evil.example/c']) {
      const error = await refusal(() => gateway().parseWebhook(delivered(captureCompleted, { certUrl })));
      expect(isWebhookError(error, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    }
    expect(fetchedCertificates.length).toBe(before);
  });

  it('refuses a certificate that is not valid at the time of delivery', async () => {
    const early = new PayPalGateway(
      {
        clientId: FAKE_PAYPAL_CLIENT_ID,
        clientSecret: FAKE_PAYPAL_CLIENT_SECRET,
        environment: 'sandbox',
        apiBaseUrl: paypal.url,
        webhookId: WEBHOOK_ID,
        webhookVerification: 'offline',
        certificateFetcher: async () => TEST_PAYPAL_CERTIFICATE,
      },
      new TestClock(new Date('2020-01-01T00:00:00Z')),
    );
    const error = await refusal(() => early.parseWebhook(delivered(captureCompleted)));
    expect(isWebhookError(error, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
  });

  it('maps approval, refund and dispute events and acknowledges the rest', async () => {
    const approved = eventOf(
      await gateway().parseWebhook(
        delivered(
          envelope('WH-APPROVED-1', 'CHECKOUT.ORDER.APPROVED', {
            id: '5O190127TN364715T',
            intent: 'CAPTURE',
            status: 'APPROVED',
            payer: { payer_id: 'QYR5Z8XDVJNXQ' },
            purchase_units: [{ reference_id: 'ord_1', custom_id: 'ord_1', amount: { currency_code: 'USD', value: '549.99' } }],
          }),
        ),
      ),
    );
    expect(approved).toMatchObject({
      kind: 'checkout_approved',
      providerPaymentId: '5O190127TN364715T',
      orderId: 'ord_1',
      paymentMethodFingerprint: 'paypal:QYR5Z8XDVJNXQ',
    });
    const refunded = eventOf(
      await gateway().parseWebhook(
        delivered(
          envelope('WH-REFUNDED-1', 'PAYMENT.CAPTURE.REFUNDED', {
            id: '1JU08902781691411',
            status: 'COMPLETED',
            amount: { currency_code: 'USD', value: '50.00' },
            custom_id: 'ord_1',
            seller_payable_breakdown: { total_refunded_amount: { currency_code: 'USD', value: '150.00' } },
            links: [
              { href: 'https://api.paypal.com/v2/payments/refunds/1JU08902781691411', rel: 'self', method: 'GET' },
              { href: 'https://api.paypal.com/v2/payments/captures/42311647XV020574X', rel: 'up', method: 'GET' },
            ],
          }),
        ),
      ),
    );
    expect(refunded).toMatchObject({ kind: 'refunded', providerPaymentId: '42311647XV020574X', amount: new Decimal('150.00') });
    const disputed = eventOf(
      await gateway().parseWebhook(
        delivered(
          envelope('WH-DISPUTE-1', 'CUSTOMER.DISPUTE.CREATED', {
            dispute_id: 'PP-D-27803',
            reason: 'UNAUTHORISED',
            dispute_amount: { currency_code: 'USD', value: '549.99' },
            disputed_transactions: [{ seller_transaction_id: '42311647XV020574X' }],
          }),
        ),
      ),
    );
    expect(disputed).toMatchObject({ kind: 'disputed', providerPaymentId: '42311647XV020574X', failureReason: 'UNAUTHORISED' });
    const other = await gateway().parseWebhook(delivered(envelope('WH-OTHER', 'CHECKOUT.ORDER.COMPLETED', { id: 'X' })));
    expect(other).toEqual({ outcome: 'ignored', provider: 'paypal', providerEventId: 'WH-OTHER', rawType: 'CHECKOUT.ORDER.COMPLETED' });
  });
});

describe('PayPal webhooks verified through the verify-webhook-signature call', () => {
  it('accepts what PayPal confirms and refuses what it does not', async () => {
    const online = gateway({ webhookVerification: 'api', certificateFetcher: async () => 'never used' });
    const event = eventOf(await online.parseWebhook(delivered(captureCompleted)));
    expect(event.providerEventId).toBe('WH-58D329510W468432D-8HN650336L201105X');
    const call = paypal.requests.at(-1)!;
    expect(call.path).toBe('/v1/notifications/verify-webhook-signature');
    expect(jsonOf(call)).toMatchObject({ webhook_id: WEBHOOK_ID, cert_url: CERT_URL, auth_algo: 'SHA256withRSA' });

    const error = await refusal(() => online.parseWebhook(delivered(captureCompleted, { key: attacker })));
    expect(isWebhookError(error, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
  });
});
