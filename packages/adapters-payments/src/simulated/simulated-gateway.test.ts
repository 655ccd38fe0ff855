import { isPaymentGatewayError, isWebhookError, type PaymentNotice } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../testing/fake-http-server.js';
import { issueCheckoutToken } from './simulated-checkout-token.js';
import { SimulatedGateway } from './simulated-gateway.js';

const SECRET = 'simulated-secret-with-at-least-32-chars';
const NOW = new Date('2026-03-10T12:00:00Z');
const clock = new TestClock(NOW);
const gateway = new SimulatedGateway({ secret: SECRET, confirmUrl: 'http://127.0.0.1:3000/v1/payments/simulated/confirm' }, clock);

const checkout = {
  orderId: 'ord_1',
  amount: new Decimal('549.99'),
  currency: 'USD',
  description: 'Two-step challenge 100k',
  customer: { id: 'usr_1', email: 'trader@example.test', country: 'DE' },
  successUrl: 'http://127.0.0.1:3000/orders/ord_1',
  cancelUrl: 'http://127.0.0.1:3000/orders/ord_1/cancelled',
};

/** What the browser brings back when it follows the link. */
const follow = (redirectUrl: string, extra: Record<string, string> = {}) => ({
  ...Object.fromEntries(new URL(redirectUrl).searchParams),
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

describe('simulated gateway confirm link', () => {
  it('points at the confirm endpoint, and following it yields a verified payment event', async () => {
    clock.set(NOW);
    const session = await gateway.createCheckout(checkout);
    expect(session.redirectUrl.startsWith('http://127.0.0.1:3000/v1/payments/simulated/confirm?token=')).toBe(true);
    const event = eventOf(await gateway.completeCheckout({ parameters: follow(session.redirectUrl) }));
    expect(event).toEqual({
      provider: 'simulated',
      providerEventId: `sim_evt_${session.providerReference}_succeeded`,
      kind: 'payment_succeeded',
      orderId: 'ord_1',
      providerPaymentId: session.providerReference,
      amount: new Decimal('549.99'),
      currency: 'USD',
      paymentMethodFingerprint: event.paymentMethodFingerprint,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: null,
      occurredAt: NOW,
      rawType: 'simulated.payment_confirmed',
    });
    expect(event.paymentMethodFingerprint).toMatch(/^sim_fp_[0-9a-f]{24}$/);
  });

  it('reports the same event id when the link is followed again', async () => {
    const session = await gateway.createCheckout(checkout);
    const first = eventOf(await gateway.completeCheckout({ parameters: follow(session.redirectUrl) }));
    const again = eventOf(await gateway.completeCheckout({ providerReference: session.providerReference, parameters: follow(session.redirectUrl) }));
    expect(again).toEqual(first);
  });

  it('refuses a link signed with another secret, an altered amount and an expired link', async () => {
    const forgedToken = issueCheckoutToken('another-secret-that-is-long-enough-xx', {
      ref: 'sim_x',
      orderId: 'ord_1',
      amount: '1.00',
      currency: 'USD',
      customerId: 'usr_1',
      save: false,
      expiresAt: NOW.getTime() / 1000 + 60,
    });
    const forged = await refusal(() => gateway.completeCheckout({ parameters: { token: forgedToken } }));
    expect(isPaymentGatewayError(forged, 'PAYMENT.CHECKOUT_INVALID')).toBe(true);

    const session = await gateway.createCheckout(checkout);
    const [payload, signature] = new URL(session.redirectUrl).searchParams.get('token')!.split('.');
    const altered = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('549.99', '1.00')).toString('base64url');
    const tampered = await refusal(() => gateway.completeCheckout({ parameters: { token: `${altered}.${signature}` } }));
    expect(isPaymentGatewayError(tampered, 'PAYMENT.CHECKOUT_INVALID')).toBe(true);

    clock.set(new Date(NOW.getTime() + 86_401_000));
    const expired = await refusal(() => gateway.completeCheckout({ parameters: follow(session.redirectUrl) }));
    expect(isPaymentGatewayError(expired, 'PAYMENT.CHECKOUT_INVALID')).toBe(true);
    expect((expired as { details: { reason: string } }).details.reason).toBe('expired');
    clock.set(NOW);
  });

  it('lets the tester decline the payment', async () => {
    const session = await gateway.createCheckout(checkout);
    const event = eventOf(await gateway.completeCheckout({ parameters: follow(session.redirectUrl, { outcome: 'fail' }) }));
    expect(event).toMatchObject({ kind: 'payment_failed', failureReason: 'simulated_decline', providerEventId: `sim_evt_${session.providerReference}_failed` });
  });

  it('accepts the same confirmation as a webhook body and refuses a forged one', async () => {
    const session = await gateway.createCheckout(checkout);
    const token = new URL(session.redirectUrl).searchParams.get('token')!;
    const event = eventOf(await gateway.parseWebhook({ rawBody: Buffer.from(JSON.stringify({ token })), headers: {} }));
    expect(event.kind).toBe('payment_succeeded');
    const forged = await refusal(() => gateway.parseWebhook({ rawBody: Buffer.from(JSON.stringify({ token: `${token}x` })), headers: {} }));
    expect(isWebhookError(forged, 'WEBHOOK.SIGNATURE_INVALID')).toBe(true);
  });

  it('reports a full refund and a chargeback of the checkout by webhook only, each under one stable event id', async () => {
    clock.set(NOW);
    const session = await gateway.createCheckout(checkout);
    const token = new URL(session.redirectUrl).searchParams.get('token')!;
    const webhook = (outcome: string) => gateway.parseWebhook({ rawBody: Buffer.from(JSON.stringify({ token, outcome })), headers: {} });
    expect(eventOf(await webhook('refund'))).toEqual({
      provider: 'simulated',
      providerEventId: `sim_evt_${session.providerReference}_refunded`,
      kind: 'refunded',
      orderId: 'ord_1',
      providerPaymentId: session.providerReference,
      amount: new Decimal('549.99'),
      currency: 'USD',
      paymentMethodFingerprint: null,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: null,
      occurredAt: NOW,
      rawType: 'simulated.payment_refunded',
    });
    expect(eventOf(await webhook('refund')).providerEventId).toBe(`sim_evt_${session.providerReference}_refunded`);
    expect(eventOf(await webhook('dispute'))).toMatchObject({
      kind: 'disputed',
      providerEventId: `sim_evt_${session.providerReference}_disputed`,
      providerPaymentId: session.providerReference,
      amount: new Decimal('549.99'),
      failureReason: 'simulated_dispute',
    });
    // The buyer's confirm link cannot refund: the outcome is not one it knows, so it confirms the payment.
    expect(eventOf(await gateway.completeCheckout({ parameters: follow(session.redirectUrl, { outcome: 'refund' }) })).kind).toBe('payment_succeeded');
  });
});

describe('simulated gateway trials', () => {
  const trial = { ...checkout, orderId: 'trial_1', amount: new Decimal(0), savePaymentMethod: true };

  it('saves a card without charging, then charges it off-session once per key', async () => {
    const session = await gateway.createCheckout(trial);
    const saved = eventOf(await gateway.completeCheckout({ parameters: follow(session.redirectUrl) }));
    expect(saved).toMatchObject({ kind: 'payment_method_saved', customerRef: 'sim_cus_usr_1', paymentMethodRef: `sim_pm_${session.providerReference}` });
    const charge = {
      customerRef: saved.customerRef!,
      paymentMethodRef: saved.paymentMethodRef!,
      amount: new Decimal('99'),
      currency: 'USD',
      orderId: 'ord_trial_1',
      idempotencyKey: 'trial_1:1',
    };
    const first = await gateway.chargeOffSession(charge);
    expect(first).toMatchObject({ status: 'succeeded', amount: new Decimal('99'), currency: 'USD' });
    expect(await gateway.chargeOffSession(charge)).toEqual(first);
  });

  it('declines off-session with a card saved as declining', async () => {
    const session = await gateway.createCheckout(trial);
    const saved = eventOf(await gateway.completeCheckout({ parameters: follow(session.redirectUrl, { card: 'declining' }) }));
    const result = await gateway.chargeOffSession({
      customerRef: saved.customerRef!,
      paymentMethodRef: saved.paymentMethodRef!,
      amount: new Decimal('99'),
      currency: 'USD',
      orderId: 'ord_trial_2',
      idempotencyKey: 'trial_2:1',
    });
    expect(result).toMatchObject({ status: 'declined', reason: 'card_declined' });
  });

  it('refunds at once', async () => {
    expect(await gateway.refund({ providerPaymentId: 'sim_1', currency: 'USD', amount: new Decimal('10'), idempotencyKey: 'rf' })).toMatchObject({
      status: 'succeeded',
      amount: new Decimal('10'),
    });
  });
});
