import {
  FAKE_RAZORPAY_KEY_ID,
  FAKE_RAZORPAY_KEY_SECRET,
  razorpayCheckoutSignature,
  razorpayDelivery,
  startFakeRazorpay,
  type FakeRazorpay,
} from '@tradesense/bootstrap/testing';
import { Decimal } from 'decimal.js';
import { expect, it } from 'vitest';
import { starCommission } from '../testing/payment-scenario.js';
import { describeProviderWebhooks, type Checkout } from '../testing/payment-webhook-scenarios.js';

const WEBHOOK_SECRET = 'rzp-e2e-webhook-secret';
const paise = (amount: string) => new Decimal(amount).times(100).toNumber();

/**
 * The order every story here places: the first catalogue size, Stellar
 * 1-Step 5,000 at 59.00 USD, over UPI (fee 2%, seeded rate 84.1234 INR per
 * USD). By hand: fee 59.00 × 2% = 1.18, total 60.18 USD; charge 60.18 ×
 * 84.1234 = 5062.546212 INR, half-up to the paisa 5062.55 INR; commission
 * (Star, 8% of the USD price without the fee) 59.00 × 8% = 4.72 USD.
 */
const BY_HAND = { price: '59.00', gatewayFee: '1.18', total: '60.18', charge: { amount: '5062.55', currency: 'INR', rate: '84.1234' }, commission: '4.72' };

let razorpay: FakeRazorpay;
let sequence = 0;
/** The Razorpay payment of each order. */
const payments = new Map<string, Record<string, unknown>>();

/** A payment made in Razorpay Checkout for the checkout's Razorpay order: by default the order's charge, in rupees. */
function razorpayPayment(checkout: Checkout, paid: { amount: string; currency: string } = checkout.charge, status = 'captured') {
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
      // The seeded USD catalogue as it is: UPI charges its rupee equivalent, the referrer earns in USD.
      async start() {
        razorpay = await startFakeRazorpay();
        return { RAZORPAY_KEY_ID: FAKE_RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET: FAKE_RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET: WEBHOOK_SECRET, RAZORPAY_API_BASE_URL: razorpay.url };
      },
      stop: () => razorpay.close(),
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
    it('charges a USD catalogue order in rupees at the seeded rate, to the paisa, and pays the referrer 8% of the USD price once', async () => {
      const s = scenario();
      const buyer = await s.buyer(true);
      const offered = (await s.call('GET', '/v1/gateways?price=59.00', buyer)).body.gateways.find((g: { id: string }) => g.id === 'upi');
      expect(offered).toMatchObject({ total: BY_HAND.total, settlement: { currency: 'INR', rate: BY_HAND.charge.rate }, charge: { amount: BY_HAND.charge.amount, currency: 'INR' } });

      const checkout = await s.placeOrder(buyer);
      expect(checkout).toMatchObject({ price: BY_HAND.price, total: BY_HAND.total, currency: 'USD', charge: BY_HAND.charge });
      expect((await s.order(buyer, checkout.orderId)).gatewayFee).toBe(BY_HAND.gatewayFee);
      // Razorpay was asked for the rupees, in paise, and Checkout shows the same.
      expect(razorpay.orders.get(checkout.providerReference)).toMatchObject({ amount: 506255, currency: 'INR', notes: { order_id: checkout.orderId } });
      expect(checkout.clientParameters).toMatchObject({ amount: '506255', currency: 'INR' });

      // Neither the USD total nor a paisa short pays it.
      const before = await s.counts();
      for (const paid of [{ amount: BY_HAND.total, currency: 'USD' }, { amount: '5062.54', currency: 'INR' }]) {
        expect((await s.post(razorpayDelivery(WEBHOOK_SECRET, `Kx2e2Evt${++sequence}`, 'payment.captured', { payment: { entity: razorpayPayment(checkout, paid) } }, Math.floor(s.clock.now().getTime() / 1000)))).body).toEqual({
          received: true,
          outcome: 'refused',
          code: 'ORDER.AMOUNT_MISMATCH',
        });
      }
      expect((await s.auditOf(checkout.orderId, 'payment.refused')).map((d) => d['expected'])).toEqual([
        { amount: BY_HAND.charge.amount, currency: 'INR', gatewayId: 'upi' },
        { amount: BY_HAND.charge.amount, currency: 'INR', gatewayId: 'upi' },
      ]);
      expect(await s.counts()).toMatchObject({ challenges: before.challenges, commissions: before.commissions });

      const payment = razorpayPayment(checkout);
      razorpay.addPayment(payment);
      payments.set(checkout.orderId, payment);
      const paid = razorpayDelivery(WEBHOOK_SECRET, `Kx2e2Evt${++sequence}`, 'payment.captured', { payment: { entity: payment } }, Math.floor(s.clock.now().getTime() / 1000));
      expect((await s.post(paid)).body).toEqual({ received: true, outcome: 'payment_confirmed' });
      expect(await s.drain()).toEqual([]);
      expect(await s.order(buyer, checkout.orderId)).toMatchObject({ status: 'fulfilled', total: BY_HAND.total, currency: 'USD', charge: BY_HAND.charge });
      expect(starCommission(checkout.price)).toBe(BY_HAND.commission);
      expect(await s.commissionsOf(checkout.orderId)).toEqual([{ tier_id: 'star', amount: BY_HAND.commission, reversal_reason: null }]);
      // The receipt shows the dollars and the rupees taken.
      const receipt = await s.platform.database.knex('outbox').where({ topic: 'email.purchase_receipt', aggregate_id: checkout.orderId }).first();
      expect(receipt.payload).toMatchObject({ total: BY_HAND.total, currency: 'USD', charge: BY_HAND.charge });

      // Replays change nothing; the refund of the whole charge (in paise) reverses the commission once.
      expect((await s.post(paid)).body).toEqual({ received: true, outcome: 'payment_confirmed' });
      const full = paise(BY_HAND.charge.amount);
      const refunded = razorpayDelivery(
        WEBHOOK_SECRET,
        `Kx2e2Evt${++sequence}`,
        'refund.processed',
        {
          refund: { entity: { id: `rfnd_E2e${++sequence}`, entity: 'refund', amount: full, currency: 'INR', payment_id: payment.id, status: 'processed', created_at: 1801483200 } },
          payment: { entity: { ...payment, amount_refunded: full, status: 'refunded' } },
        },
        Math.floor(s.clock.now().getTime() / 1000),
      );
      expect((await s.post(refunded)).body).toEqual({ received: true, outcome: 'refund' });
      expect((await s.post(refunded)).body).toMatchObject({ received: true });
      expect(await s.drain()).toEqual([]);
      expect(await s.commissionsOf(checkout.orderId)).toEqual([{ tier_id: 'star', amount: BY_HAND.commission, reversal_reason: 'refund' }]);
      expect((await s.order(buyer, checkout.orderId)).status).toBe('refunded');
    });

    it('keeps a placed order’s rupee charge when an admin changes the rate; the next order takes the new rate', async () => {
      const s = scenario();
      const buyer = await s.buyer(false);
      const placed = await s.placeOrder(buyer);
      expect(placed.charge).toEqual(BY_HAND.charge);

      const changed = await s.call('PATCH', '/v1/admin/gateways/upi', s.admin, { settlement: { currency: 'INR', rate: '85.5' } });
      expect(changed.status).toBe(200);
      expect(changed.body.settlement).toEqual({ currency: 'INR', rate: '85.5' });
      const audited = await s.platform.database.knex('audit_log').where({ subject_type: 'payment_gateway', subject_id: 'upi', action: 'payments.gateway_updated' }).orderBy('id', 'desc').first();
      expect([audited.actor_id, audited.details.before.settlement, audited.details.after.settlement]).toEqual([
        s.admin.userId,
        { currency: 'INR', rate: BY_HAND.charge.rate },
        { currency: 'INR', rate: '85.5' },
      ]);
      try {
        // 60.18 × 85.5 = 5145.39 exactly.
        const next = await s.placeOrder(buyer);
        expect(next.charge).toEqual({ amount: '5145.39', currency: 'INR', rate: '85.5' });
        expect((await s.order(buyer, placed.orderId)).charge).toEqual(BY_HAND.charge);

        // The earlier order is still paid by its own charge, not by today's.
        const atNewRate = razorpayPayment(placed, { amount: '5145.39', currency: 'INR' });
        const now = Math.floor(s.clock.now().getTime() / 1000);
        expect((await s.post(razorpayDelivery(WEBHOOK_SECRET, `Kx2e2Evt${++sequence}`, 'payment.captured', { payment: { entity: atNewRate } }, now))).body).toMatchObject({
          outcome: 'refused',
          code: 'ORDER.AMOUNT_MISMATCH',
        });
        const own = razorpayPayment(placed);
        razorpay.addPayment(own);
        expect((await s.post(razorpayDelivery(WEBHOOK_SECRET, `Kx2e2Evt${++sequence}`, 'payment.captured', { payment: { entity: own } }, now))).body).toEqual({
          received: true,
          outcome: 'payment_confirmed',
        });
        expect(await s.drain()).toEqual([]);
        expect((await s.order(buyer, placed.orderId)).status).toBe('fulfilled');
      } finally {
        const restored = await s.call('PATCH', '/v1/admin/gateways/upi', s.admin, { settlement: { currency: 'INR', rate: BY_HAND.charge.rate } });
        expect(restored.status).toBe(200);
      }
    });

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
