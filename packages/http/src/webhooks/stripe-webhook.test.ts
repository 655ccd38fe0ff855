import { startFakeStripe, stripeDelivery, stripeEvent, type FakeStripe } from '@tradesense/bootstrap/testing';
import { Decimal } from 'decimal.js';
import { expect, it } from 'vitest';
import { describeProviderWebhooks, type Checkout } from '../testing/payment-webhook-scenarios.js';

const WEBHOOK_SECRET = 'whsec_e2e_endpoint_secret';
const minor = (amount: string) => new Decimal(amount).times(100).toNumber();

let stripe: FakeStripe;
let sequence = 0;
/** The PaymentIntent that paid each order. */
const intents = new Map<string, string>();

interface Paid {
  readonly amount: string;
  readonly currency: string;
}

/** The buyer paid the Checkout Session: Stripe now holds a succeeded PaymentIntent and its card. */
function chargeCard(checkout: Checkout, paid: Paid): Record<string, unknown> {
  const n = ++sequence;
  stripe.addPaymentMethod(`pm_e2e_${n}`, `fp_card_${n}`, null);
  const intent = {
    id: `pi_e2e_${n}`,
    object: 'payment_intent',
    status: 'succeeded',
    amount: minor(paid.amount),
    amount_received: minor(paid.amount),
    currency: paid.currency.toLowerCase(),
    customer: null,
    payment_method: `pm_e2e_${n}`,
    metadata: { order_id: checkout.orderId },
  };
  stripe.addPaymentIntent(intent);
  return intent;
}

const sessionCompleted = (checkout: Checkout, intentId: string, paid: Paid, createdSeconds: number) =>
  stripeEvent(
    `evt_session_${++sequence}`,
    'checkout.session.completed',
    {
      id: checkout.providerReference,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      status: 'complete',
      amount_total: minor(paid.amount),
      currency: paid.currency.toLowerCase(),
      client_reference_id: checkout.orderId,
      metadata: { order_id: checkout.orderId },
      customer: null,
      payment_intent: intentId,
      setup_intent: null,
    },
    createdSeconds,
  );

const paidInFull = (checkout: Checkout): Paid => ({ amount: checkout.total, currency: checkout.currency });

/** The charge behind the order's PaymentIntent, `refunded` of it given back so far. */
const charge = (checkout: Checkout, refunded: string) => ({
  id: `ch_${intents.get(checkout.orderId)}`,
  object: 'charge',
  amount: minor(checkout.total),
  amount_refunded: minor(refunded),
  currency: checkout.currency.toLowerCase(),
  payment_intent: intents.get(checkout.orderId),
  metadata: { order_id: checkout.orderId },
  refunded: refunded === checkout.total,
  payment_method: null,
  payment_method_details: { type: 'card', card: { fingerprint: 'fp_card_refunded' } },
});

describeProviderWebhooks(
  'stripe: webhooks end to end',
  (clock) => {
    const now = () => Math.floor(clock.now().getTime() / 1000);
    const paidSession = (checkout: Checkout, paid = paidInFull(checkout)) => sessionCompleted(checkout, String(chargeCard(checkout, paid)['id']), paid, now() - 2);
    return {
      gatewayId: 'stripe',
      async start() {
        stripe = await startFakeStripe();
        return { STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url };
      },
      stop: () => stripe.close(),
      async pay(checkout) {
        const event = paidSession(checkout);
        intents.set(checkout.orderId, (event['data'] as { object: { payment_intent: string } }).object.payment_intent);
        return stripeDelivery(WEBHOOK_SECRET, event, now());
      },
      payOther: async (checkout, paid) => stripeDelivery(WEBHOOK_SECRET, paidSession(checkout, paid), now()),
      async refusals(checkout) {
        // Each would pay the order if it were believed: the PaymentIntent exists at Stripe.
        const genuine = stripeDelivery(WEBHOOK_SECRET, paidSession(checkout), now());
        const tampered = genuine.body.replace(`"amount_total":${minor(checkout.total)}`, '"amount_total":100');
        expect(tampered).not.toBe(genuine.body);
        const { 'stripe-signature': _signature, ...unsigned } = genuine.headers;
        return [
          { what: 'signed with another secret', delivery: stripeDelivery('whsec_guessed', paidSession(checkout), now()), code: 'WEBHOOK.SIGNATURE_INVALID' },
          { what: 'body altered after signing', delivery: { ...genuine, body: tampered }, code: 'WEBHOOK.SIGNATURE_INVALID' },
          { what: 'no Stripe-Signature', delivery: { body: genuine.body, headers: unsigned }, code: 'WEBHOOK.SIGNATURE_INVALID' },
          // Signed correctly, but 301 s old: Stripe's tolerance is 300 s.
          { what: 'stale timestamp', delivery: stripeDelivery(WEBHOOK_SECRET, paidSession(checkout), now() - 301), code: 'WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE' },
        ];
      },
      refund: async (checkout, refundedSoFar) =>
        stripeDelivery(WEBHOOK_SECRET, stripeEvent(`evt_refund_${++sequence}`, 'charge.refunded', charge(checkout, refundedSoFar), now() - 1), now()),
      partialRefunds: true,
      dispute: async (checkout) =>
        stripeDelivery(
          WEBHOOK_SECRET,
          stripeEvent(
            `evt_dispute_${++sequence}`,
            'charge.dispute.created',
            {
              id: `dp_e2e_${sequence}`,
              object: 'dispute',
              amount: minor(checkout.total),
              currency: checkout.currency.toLowerCase(),
              charge: `ch_${intents.get(checkout.orderId)}`,
              payment_intent: intents.get(checkout.orderId),
              reason: 'fraudulent',
              status: 'needs_response',
            },
            now() - 1,
          ),
          now(),
        ),
    };
  },
  (scenario) => {
    it('takes payment_intent.succeeded after checkout.session.completed for the same payment as a no-op', async () => {
      const s = scenario();
      const buyer = await s.buyer();
      const checkout = await s.placeOrder(buyer);
      const now = Math.floor(s.clock.now().getTime() / 1000);
      const intent = chargeCard(checkout, paidInFull(checkout));
      const completed = sessionCompleted(checkout, String(intent['id']), paidInFull(checkout), now - 2);
      expect((await s.post(stripeDelivery(WEBHOOK_SECRET, completed, now))).body).toEqual({ received: true, outcome: 'payment_confirmed' });
      expect(await s.drain()).toEqual([]);
      const before = await s.counts();
      const succeeded = stripeEvent(`evt_intent_${++sequence}`, 'payment_intent.succeeded', intent, now - 1);
      expect(await s.post(stripeDelivery(WEBHOOK_SECRET, succeeded, now))).toEqual({ status: 200, body: { received: true, outcome: 'payment_confirmed' } });
      expect(await s.drain()).toEqual([]);
      // Only the second event id is new; the order, its challenge and the commission stay as they were.
      expect(await s.counts()).toEqual({ ...before, webhookEvents: before.webhookEvents + 1 });
      expect((await s.order(buyer, checkout.orderId)).status).toBe('fulfilled');
    });
  },
);
