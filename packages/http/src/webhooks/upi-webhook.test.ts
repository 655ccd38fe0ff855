import { UNIT_OF_WORK } from '@tradesense/application';
import {
  FAKE_RAZORPAY_KEY_ID,
  FAKE_RAZORPAY_KEY_SECRET,
  razorpayCheckoutSignature,
  razorpayDelivery,
  startFakeRazorpay,
  type FakeRazorpay,
} from '@tradesense/bootstrap/testing';
import { Money } from '@tradesense/domain';
import { Decimal } from 'decimal.js';
import { expect, it } from 'vitest';
import { describeProviderWebhooks, type Checkout, type Scenario } from '../testing/payment-webhook-scenarios.js';

const WEBHOOK_SECRET = 'rzp-e2e-webhook-secret';
const paise = (amount: string) => new Decimal(amount).times(100).toNumber();

let razorpay: FakeRazorpay;
let sequence = 0;
/** The Razorpay payment of each order. */
const payments = new Map<string, Record<string, unknown>>();

/**
 * UPI settles in rupees only, so the catalogue model is priced in INR here
 * and the UPI fee's fixed part is in INR (the admin API keeps fees in the
 * seeded catalogue currency, USD, so this is set in the store directly).
 */
async function rupeeCatalogue(s: Scenario): Promise<void> {
  const model = (await s.call('GET', '/v1/catalog')).body.models[0];
  const revised = await s.call('PATCH', `/v1/admin/models/${model.id}`, s.admin, { revision: { parameters: { currency: 'INR' } }, reason: 'UPI catalogue' });
  expect(revised.status).toBe(200);
  await s.platform.get(UNIT_OF_WORK).run(async (tx) => {
    const upi = (await tx.paymentGatewaySettings.findById('upi', { forUpdate: true }))!;
    await tx.paymentGatewaySettings.save({ ...upi, fee: { ...upi.fee, fixed: Money.of('0', 'INR') } }, s.clock.now());
  });
}

/** A payment made in Razorpay Checkout for the checkout's Razorpay order. */
function razorpayPayment(checkout: Checkout, paid = { amount: checkout.total, currency: checkout.currency }, status = 'captured') {
  return {
    id: `pay_E2e${++sequence}`,
    entity: 'payment',
    amount: paise(paid.amount),
    currency: paid.currency,
    status,
    order_id: checkout.providerReference,
    method: 'upi',
    vpa: `buyer${sequence}@okaxis`,
    captured: status === 'captured',
    amount_refunded: 0,
    email: 'buyer@example.test',
    notes: { order_id: checkout.orderId, customer_id: 'buyer' },
    error_code: null,
    error_reason: null,
    created_at: 1801483190,
  };
}

describeProviderWebhooks(
  'UPI (Razorpay): webhooks end to end',
  (clock) => {
    const now = () => Math.floor(clock.now().getTime() / 1000);
    const delivered = (event: string, payload: Record<string, unknown>, secret = WEBHOOK_SECRET) =>
      razorpayDelivery(secret, `Kx2e2Evt${++sequence}`, event, payload, now());
    return {
      gatewayId: 'upi',
      buyerCountry: 'IN',
      // An INR order's commission cannot be booked on an affiliate account kept in USD (AFFILIATE.CURRENCY_MISMATCH): no referral here.
      referred: false,
      async start() {
        razorpay = await startFakeRazorpay();
        return { RAZORPAY_KEY_ID: FAKE_RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET: FAKE_RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET: WEBHOOK_SECRET, RAZORPAY_API_BASE_URL: razorpay.url };
      },
      stop: () => razorpay.close(),
      prepare: rupeeCatalogue,
      async pay(checkout) {
        const payment = razorpayPayment(checkout);
        razorpay.addPayment(payment);
        payments.set(checkout.orderId, payment);
        return delivered('payment.captured', { payment: { entity: payment } });
      },
      payOther: async (checkout, paid) => delivered('payment.captured', { payment: { entity: razorpayPayment(checkout, paid) } }),
      async refusals(checkout) {
        const payload = { payment: { entity: razorpayPayment(checkout) } };
        const genuine = delivered('payment.captured', payload);
        const { 'x-razorpay-signature': _signature, ...unsigned } = genuine.headers;
        // Razorpay signs the body only: there is no timestamp to be stale.
        return [
          { what: 'signed with another secret', delivery: delivered('payment.captured', payload, 'rzp-guessed-secret'), code: 'WEBHOOK.SIGNATURE_INVALID' },
          { what: 'body altered after signing', delivery: { ...genuine, body: genuine.body.replace(checkout.orderId, `${checkout.orderId}x`) }, code: 'WEBHOOK.SIGNATURE_INVALID' },
          { what: 'no X-Razorpay-Signature', delivery: { body: genuine.body, headers: unsigned }, code: 'WEBHOOK.SIGNATURE_INVALID' },
        ];
      },
      async refund(checkout, refundedSoFar) {
        const payment = payments.get(checkout.orderId)!;
        const total = paise(refundedSoFar);
        const refund = { id: `rfnd_E2e${++sequence}`, entity: 'refund', amount: total, currency: 'INR', payment_id: payment['id'], status: 'processed', created_at: now() };
        return delivered('refund.processed', {
          refund: { entity: refund },
          payment: { entity: { ...payment, amount_refunded: total, status: total === payment['amount'] ? 'refunded' : 'captured' } },
        });
      },
      partialRefunds: true,
      async dispute(checkout) {
        const payment = payments.get(checkout.orderId)!;
        return delivered('payment.dispute.created', {
          payment: { entity: payment },
          dispute: {
            entity: { id: `disp_E2e${++sequence}`, entity: 'dispute', payment_id: payment['id'], amount: payment['amount'], currency: 'INR', reason_code: 'chargeback', phase: 'chargeback', status: 'open' },
          },
        });
      },
    };
  },
  (scenario) => {
    it('takes the Razorpay Checkout return on the success link: a forged signature changes nothing, the genuine one captures and pays once', async () => {
      const s = scenario();
      const buyer = await s.buyer(false);
      const checkout = await s.placeOrder(buyer);
      // The buyer authorised the UPI payment in Razorpay Checkout; the handler brings back the signed pair.
      const payment = { ...razorpayPayment(checkout, undefined, 'authorized'), captured: false };
      razorpay.addPayment(payment);
      const back = (signature: string) =>
        s.call(
          'GET',
          `/v1/orders/${checkout.orderId}/checkout-success?razorpay_order_id=${checkout.providerReference}&razorpay_payment_id=${String(payment.id)}&razorpay_signature=${signature}`,
        );
      const capturesBefore = razorpay.counts.captures;
      const forged = await back(razorpayCheckoutSignature('rzp-guessed-key-secret', checkout.providerReference, String(payment.id)));
      expect(forged.body).toMatchObject({ checkoutId: checkout.orderId, status: 'pending' });
      expect(razorpay.counts.captures).toBe(capturesBefore);

      const genuine = razorpayCheckoutSignature(FAKE_RAZORPAY_KEY_SECRET, checkout.providerReference, String(payment.id));
      expect((await back(genuine)).body).toMatchObject({ checkoutId: checkout.orderId, status: 'fulfilled' });
      expect((await back(genuine)).body).toMatchObject({ status: 'fulfilled' });
      expect(razorpay.counts.captures).toBe(capturesBefore + 1);
      expect(await s.drain()).toEqual([]);
      const before = await s.counts();
      // Razorpay's own webhook for the same payment, after the capture.
      const captured = razorpayDelivery(WEBHOOK_SECRET, `Kx2e2Evt${++sequence}`, 'payment.captured', { payment: { entity: { ...payment, status: 'captured', captured: true } } }, Math.floor(s.clock.now().getTime() / 1000));
      expect(await s.post(captured)).toEqual({ status: 200, body: { received: true, outcome: 'payment_confirmed' } });
      expect(await s.counts()).toEqual({ ...before, webhookEvents: before.webhookEvents + 1 });
      expect(await s.challengesOf(checkout.orderId)).toHaveLength(1);
    });
  },
);
