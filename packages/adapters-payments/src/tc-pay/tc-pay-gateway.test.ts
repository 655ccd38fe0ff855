import { createHmac } from 'node:crypto';
import { isPaymentGatewayError, isWebhookError, type PaymentNotice, type WebhookRequest } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, TestClock } from '../testing/fake-http-server.js';
import { FAKE_TC_PAY_API_SECRET, FAKE_TC_PAY_MERCHANT, startFakeTcPay, type FakeTcPay } from '../testing/fake-tc-pay-server.js';
import { TcPayGateway } from './tc-pay-gateway.js';

const WEBHOOK_SECRET = 'tcpay-webhook-secret';
const NOW = new Date('2026-03-10T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const clock = new TestClock(NOW);
let tcPay: FakeTcPay;
let gateway: TcPayGateway;

beforeAll(async () => {
  tcPay = await startFakeTcPay(['pay_tc_1']);
  gateway = new TcPayGateway(
    { merchantId: FAKE_TC_PAY_MERCHANT, apiSecret: FAKE_TC_PAY_API_SECRET, webhookSecret: WEBHOOK_SECRET, apiBaseUrl: tcPay.url },
    clock,
  );
});
afterAll(() => tcPay.close());

/** The documented scheme: `t=<unix>,v1=<hex HMAC-SHA256(webhook secret, t + "." + body)>`. */
const delivered = (body: string, options: { secret?: string; timestamp?: number } = {}): WebhookRequest => {
  const t = options.timestamp ?? nowSeconds;
  const v1 = createHmac('sha256', options.secret ?? WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex');
  return { rawBody: Buffer.from(body), headers: { 'x-tcpay-signature': `t=${t},v1=${v1}`, 'content-type': 'application/json' } };
};

const tcEvent = (id: string, type: string, data: Record<string, unknown>) =>
  JSON.stringify({ id, type, created: nowSeconds - 10, data: { payment_id: 'pay_tc_1', checkout_id: 'chk_1', merchant_reference: 'ord_1', amount: '549.99', currency: 'USD', ...data } });

const succeeded = tcEvent('evt_tc_1', 'payment.succeeded', { payment_method_fingerprint: 'tcfp_77' });

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

describe('TC Pay hosted checkout', () => {
  it('creates a signed, idempotent checkout the fake verifies from the documented recipe', async () => {
    const request = {
      orderId: 'ord_1',
      amount: new Decimal('549.99'),
      currency: 'USD',
      description: 'Two-step challenge 100k',
      customer: { id: 'usr_1', email: 'trader@example.test', country: 'MA' },
      successUrl: 'https://app.example.test/ok',
      cancelUrl: 'https://app.example.test/cancel',
    };
    const session = await gateway.createCheckout(request);
    const again = await gateway.createCheckout(request);
    expect(session).toEqual({ providerReference: 'chk_1', redirectUrl: 'https://pay.tcpay.test/c/chk_1', clientParameters: {} });
    expect(again).toEqual(session);
    expect(tcPay.counts.checkouts).toBe(1);
    expect(tcPay.refusedSignatures).toBe(0);
    const sent = tcPay.requests.at(-1)!;
    expect(sent.headers['x-tcpay-timestamp']).toBe(String(nowSeconds));
    expect(sent.headers['idempotency-key']).toBe('checkout:ord_1');
    expect(jsonOf(sent)).toMatchObject({ merchant_reference: 'ord_1', amount: '549.99', currency: 'USD', customer: { country: 'MA' } });
  });

  it('refunds with a signed request and reports refusals as PAYMENT.PROVIDER_REJECTED', async () => {
    const refund = await gateway.refund({ providerPaymentId: 'pay_tc_1', currency: 'USD', amount: new Decimal('49.5'), idempotencyKey: 'rf_1' });
    expect(refund).toMatchObject({ status: 'succeeded', amount: new Decimal('49.50') });
    expect(jsonOf(tcPay.requests.at(-1)!)).toEqual({ amount: '49.50', currency: 'USD' });
    const error = await refusal(() => gateway.refund({ providerPaymentId: 'pay_unknown', currency: 'USD', idempotencyKey: 'rf_2' }));
    expect(isPaymentGatewayError(error, 'PAYMENT.PROVIDER_REJECTED')).toBe(true);
  });
});

describe('TC Pay webhooks', () => {
  it('turns payment.succeeded into exactly one payment_succeeded event', async () => {
    expect(eventOf(await gateway.parseWebhook(delivered(succeeded)))).toEqual({
      provider: 'tc_pay',
      providerEventId: 'evt_tc_1',
      kind: 'payment_succeeded',
      orderId: 'ord_1',
      providerPaymentId: 'pay_tc_1',
      amount: new Decimal('549.99'),
      currency: 'USD',
      paymentMethodFingerprint: 'tcfp_77',
      customerRef: null,
      paymentMethodRef: null,
      failureReason: null,
      occurredAt: new Date((nowSeconds - 10) * 1000),
      rawType: 'payment.succeeded',
    });
  });

  it('reports a replayed delivery with the same event id', async () => {
    const first = eventOf(await gateway.parseWebhook(delivered(succeeded)));
    expect(eventOf(await gateway.parseWebhook(delivered(succeeded, { timestamp: nowSeconds - 30 })))).toEqual(first);
  });

  it('refuses a forged signature, a tampered body and a stale timestamp', async () => {
    const forged = await refusal(() => gateway.parseWebhook(delivered(succeeded, { secret: FAKE_TC_PAY_API_SECRET })));
    expect(isWebhookError(forged, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    const tampered = await refusal(() => gateway.parseWebhook({ ...delivered(succeeded), rawBody: Buffer.from(succeeded.replace('549.99', '5.99')) }));
    expect(isWebhookError(tampered, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
    const stale = await refusal(() => gateway.parseWebhook(delivered(succeeded, { timestamp: nowSeconds - 301 })));
    expect(isWebhookError(stale, 'WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE')).toBe(true);
  });

  it('maps refunds to the running total and acknowledges unknown types', async () => {
    const refunded = eventOf(await gateway.parseWebhook(delivered(tcEvent('evt_tc_2', 'payment.refunded', { refunded_amount: '100.00' }))));
    expect(refunded).toMatchObject({ kind: 'refunded', amount: new Decimal('100'), providerPaymentId: 'pay_tc_1' });
    const failed = eventOf(await gateway.parseWebhook(delivered(tcEvent('evt_tc_3', 'payment.failed', { reason: 'insufficient_funds' }))));
    expect(failed).toMatchObject({ kind: 'payment_failed', failureReason: 'insufficient_funds' });
    const other = await gateway.parseWebhook(delivered(tcEvent('evt_tc_4', 'checkout.opened', {})));
    expect(other).toEqual({ outcome: 'ignored', provider: 'tc_pay', providerEventId: 'evt_tc_4', rawType: 'checkout.opened' });
  });
});
