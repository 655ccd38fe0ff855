import { createHmac } from 'node:crypto';
import { isPaymentGatewayError, isWebhookError, type PaymentNotice, type WebhookRequest } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_COINBASE_API_KEY, startFakeCoinbaseCommerce } from '../testing/fake-coinbase-commerce-server.js';
import { jsonOf, type FakeServer } from '../testing/fake-http-server.js';
import { CoinbaseCommerceGateway } from './coinbase-commerce-gateway.js';

const SHARED_SECRET = 'cc-webhook-shared-secret';
let coinbase: FakeServer;
let gateway: CoinbaseCommerceGateway;

beforeAll(async () => {
  coinbase = await startFakeCoinbaseCommerce();
  gateway = new CoinbaseCommerceGateway({ apiKey: FAKE_COINBASE_API_KEY, webhookSharedSecret: SHARED_SECRET, apiBaseUrl: coinbase.url });
});
afterAll(() => coinbase.close());

/** Coinbase's scheme: X-CC-Webhook-Signature = hex HMAC-SHA256(shared secret, raw body). */
const delivered = (body: string, secret = SHARED_SECRET): WebhookRequest => ({
  rawBody: Buffer.from(body),
  headers: { 'x-cc-webhook-signature': createHmac('sha256', secret).update(body).digest('hex'), 'content-type': 'application/json' },
});

const notification = (eventId: string, type: string, charge: Record<string, unknown>) =>
  JSON.stringify({
    attempt_number: 1,
    event: { api_version: '2018-03-22', created_at: '2026-03-10T11:58:00Z', data: charge, id: eventId, resource: 'event', type },
    id: 'a7b7b3d4-4bd0-4c26-a4f8-5d8b2c0e9f11',
    scheduled_for: '2026-03-10T11:58:00Z',
  });

const charge = (extra: Record<string, unknown> = {}) => ({
  id: 'f765421f-2ec4-4d3a-b3b6-0a1c8f0c3c01',
  code: 'CODE1',
  pricing: { local: { amount: '549.99', currency: 'USD' }, bitcoin: { amount: '0.00812000', currency: 'BTC' } },
  metadata: { order_id: 'ord_1', customer_id: 'usr_1' },
  payments: [
    {
      network: 'bitcoin',
      status: 'CONFIRMED',
      value: { local: { amount: '549.99', currency: 'USD' }, crypto: { amount: '0.00812000', currency: 'BTC' } },
    },
  ],
  timeline: [{ status: 'NEW', time: '2026-03-10T11:40:00Z' }, { status: 'COMPLETED', time: '2026-03-10T11:58:00Z' }],
  ...extra,
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

describe('Coinbase Commerce charges', () => {
  it('creates a fixed-price charge in the order currency and sends the buyer to its hosted page', async () => {
    const session = await gateway.createCheckout({
      orderId: 'ord_1',
      amount: new Decimal('549.9'),
      currency: 'USD',
      description: 'Two-step challenge 100k',
      customer: { id: 'usr_1', email: 'trader@example.test', country: 'DE' },
      successUrl: 'https://app.example.test/ok',
      cancelUrl: 'https://app.example.test/cancel',
    });
    expect(jsonOf(coinbase.requests.at(-1)!)).toMatchObject({
      pricing_type: 'fixed_price',
      local_price: { amount: '549.90', currency: 'USD' },
      metadata: { order_id: 'ord_1' },
      redirect_url: 'https://app.example.test/ok',
    });
    expect(session).toEqual({
      providerReference: 'f765421f-2ec4-4d3a-b3b6-0a1c8f0c3c01',
      redirectUrl: 'https://commerce.coinbase.com/charges/CODE1',
      clientParameters: {},
    });
  });

  it('has no refund API and says so with a typed error', async () => {
    const error = await refusal(() => gateway.refund());
    expect(isPaymentGatewayError(error, 'PAYMENT.UNSUPPORTED')).toBe(true);
  });
});

describe('Coinbase Commerce webhooks', () => {
  const confirmed = notification('24934862-d980-46cb-9402-43c81b0cdba6', 'charge:confirmed', charge());

  it('turns charge:confirmed into exactly one payment_succeeded event', async () => {
    expect(eventOf(await gateway.parseWebhook(delivered(confirmed)))).toEqual({
      provider: 'crypto',
      providerEventId: '24934862-d980-46cb-9402-43c81b0cdba6',
      kind: 'payment_succeeded',
      orderId: 'ord_1',
      providerPaymentId: 'f765421f-2ec4-4d3a-b3b6-0a1c8f0c3c01',
      amount: new Decimal('549.99'),
      currency: 'USD',
      paymentMethodFingerprint: null,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: null,
      occurredAt: new Date('2026-03-10T11:58:00Z'),
      rawType: 'charge:confirmed',
    });
  });

  it('reports a replayed delivery with the same event id', async () => {
    const first = eventOf(await gateway.parseWebhook(delivered(confirmed)));
    const again = eventOf(await gateway.parseWebhook(delivered(confirmed)));
    expect(again.providerEventId).toBe(first.providerEventId);
    expect(again).toEqual(first);
  });

  it('refuses a forged signature, a tampered body and a missing header', async () => {
    for (const request of [
      delivered(confirmed, 'not-the-secret'),
      { ...delivered(confirmed), rawBody: Buffer.from(confirmed.replace('ord_1', 'ord_2')) },
      { rawBody: Buffer.from(confirmed), headers: {} },
    ]) {
      const error = await refusal(() => gateway.parseWebhook(request));
      expect(isWebhookError(error, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    }
  });

  it('reports the amount actually received on a charge resolved after underpayment', async () => {
    const underpaid = charge({
      payments: [{ status: 'CONFIRMED', value: { local: { amount: '500.00', currency: 'USD' }, crypto: { amount: '0.0074', currency: 'BTC' } } }],
    });
    const event = eventOf(await gateway.parseWebhook(delivered(notification('evt-resolved', 'charge:resolved', underpaid))));
    expect(event).toMatchObject({ kind: 'payment_succeeded', amount: new Decimal('500.00') });
  });

  it('maps charge:failed with its reason and acknowledges progress events', async () => {
    const expired = charge({ payments: [], timeline: [{ status: 'NEW' }, { status: 'EXPIRED' }] });
    const failed = eventOf(await gateway.parseWebhook(delivered(notification('evt-failed', 'charge:failed', expired))));
    expect(failed).toMatchObject({ kind: 'payment_failed', failureReason: 'expired', amount: new Decimal('549.99') });
    const pending = await gateway.parseWebhook(delivered(notification('evt-pending', 'charge:pending', charge())));
    expect(pending).toEqual({ outcome: 'ignored', provider: 'crypto', providerEventId: 'evt-pending', rawType: 'charge:pending' });
  });

  it('refuses an authentic body that is not a Coinbase event as malformed', async () => {
    const error = await refusal(() => gateway.parseWebhook(delivered('{"hello":"world"}')));
    expect(isWebhookError(error, 'WEBHOOK.MALFORMED')).toBe(true);
  });
});
