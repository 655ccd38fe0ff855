import { generateKeyPairSync } from 'node:crypto';
import {
  FAKE_PAYPAL_CLIENT_ID,
  FAKE_PAYPAL_CLIENT_SECRET,
  TEST_PAYPAL_CERTIFICATE,
  TEST_PAYPAL_PRIVATE_KEY,
  paypalDelivery,
  paypalEvent,
  startFakePayPal,
  type FakePayPal,
  type RecordedRequest,
} from '@tradesense/bootstrap/testing';
import { expect, it } from 'vitest';
import { describeProviderWebhooks, type Checkout } from '../testing/payment-webhook-scenarios.js';

const WEBHOOK_ID = '8PT597110X687430LKGECATA';
const CERT_URL = 'https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-e2e0test';
/** A key PayPal never used: what a forger signs with. */
const FORGER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let paypal: FakePayPal;
let sequence = 0;
/** Every certificate URL the platform asked for. */
const fetchedCertificates: string[] = [];

/** Signed as PayPal signs, with the test certificate's key unless a forger's is given. */
function signed(event: Record<string, unknown>, at: Date, overrides: { privateKey?: string; certUrl?: string; webhookId?: string } = {}) {
  return paypalDelivery(
    {
      webhookId: overrides.webhookId ?? WEBHOOK_ID,
      privateKey: overrides.privateKey ?? TEST_PAYPAL_PRIVATE_KEY,
      certUrl: overrides.certUrl ?? CERT_URL,
      transmissionId: `6f1b0c10-e2e0-11ee-9d3c-${String(++sequence).padStart(12, '0')}`,
      transmissionTime: at.toISOString(),
    },
    event,
  );
}

const payerOf = (checkout: Checkout) => `PAYER${checkout.orderId.slice(-6).toUpperCase()}`;

/** The buyer approved the PayPal order on PayPal's page. */
const approvedEvent = (checkout: Checkout, at: Date) =>
  paypalEvent(
    `WH-APPROVED-${++sequence}`,
    'CHECKOUT.ORDER.APPROVED',
    'checkout-order',
    {
      id: checkout.providerReference,
      intent: 'CAPTURE',
      status: 'APPROVED',
      purchase_units: [{ reference_id: checkout.orderId, custom_id: checkout.orderId, amount: { currency_code: checkout.currency, value: checkout.total } }],
      payer: { payer_id: payerOf(checkout), email_address: 'buyer@example.test' },
    },
    at.toISOString(),
  );

const captureCompletedEvent = (checkout: Checkout, captureId: string, paid: { amount: string; currency: string }, at: Date) =>
  paypalEvent(
    `WH-CAPTURED-${++sequence}`,
    'PAYMENT.CAPTURE.COMPLETED',
    'capture',
    { id: captureId, status: 'COMPLETED', amount: { currency_code: paid.currency, value: paid.amount }, custom_id: checkout.orderId, final_capture: true },
    at.toISOString(),
  );

/** The capture PayPal made for the checkout's order (after the platform captured it). */
function captureOf(checkout: Checkout): string {
  const order = paypal.order(checkout.providerReference) as { purchase_units: Array<{ payments?: { captures: Array<{ id: string }> } }> };
  const capture = order.purchase_units[0]?.payments?.captures[0];
  if (!capture) throw new Error(`PayPal order ${checkout.providerReference} is not captured`);
  return capture.id;
}

const isCapture = (request: RecordedRequest, paypalOrderId: string) =>
  request.method === 'POST' && request.path === `/v2/checkout/orders/${paypalOrderId}/capture`;

describeProviderWebhooks(
  'PayPal: webhooks end to end, capture after approval',
  (clock) => ({
    gatewayId: 'paypal',
    async start() {
      paypal = await startFakePayPal(WEBHOOK_ID);
      return { PAYPAL_CLIENT_ID: FAKE_PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET: FAKE_PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID: WEBHOOK_ID, PAYPAL_API_BASE_URL: paypal.url };
    },
    stop: () => paypal.close(),
    // Offline verification (the default) downloads PayPal's certificate; here it is served from memory, for its URL only.
    configure: (config) => ({
      ...config,
      payments: {
        ...config.payments,
        paypal: {
          ...config.payments.paypal!,
          certificateFetcher: async (url) => {
            fetchedCertificates.push(url.href);
            if (url.href !== CERT_URL) throw new Error(`HTTP 404 for ${url.href}`);
            return TEST_PAYPAL_CERTIFICATE;
          },
        },
      },
    }),
    /** The buyer approves on PayPal's page and PayPal says so; the platform then captures through the SDK. */
    async pay(checkout) {
      paypal.approve(checkout.providerReference, payerOf(checkout));
      return signed(approvedEvent(checkout, clock.now()), clock.now());
    },
    payOther: async (checkout, paid) => signed(captureCompletedEvent(checkout, `3C6E2E${++sequence}`, paid, clock.now()), clock.now()),
    async refusals(checkout) {
      // Approved for real: believing any of these would capture the buyer's money.
      paypal.approve(checkout.providerReference, payerOf(checkout));
      const forgery = (overrides: Parameters<typeof signed>[2]) => signed(approvedEvent(checkout, clock.now()), clock.now(), overrides);
      const genuine = forgery({});
      const { 'paypal-transmission-sig': _signature, ...unsigned } = genuine.headers;
      return [
        { what: 'signed with a key PayPal never used', delivery: forgery({ privateKey: FORGER_KEY }), code: 'WEBHOOK.SIGNATURE_INVALID' },
        {
          what: 'certificate from a host not on the allow-list',
          delivery: forgery({ certUrl: 'https://api.sandbox.paypal.com.attacker.example/v1/notifications/certs/CERT-1' }),
          code: 'WEBHOOK.SIGNATURE_INVALID',
        },
        { what: 'certificate over plain HTTP', delivery: forgery({ certUrl: CERT_URL.replace('https:', 'http:') }), code: 'WEBHOOK.SIGNATURE_INVALID' },
        { what: 'signed for another webhook subscription', delivery: forgery({ webhookId: 'WH-OTHER-SUBSCRIPTION' }), code: 'WEBHOOK.SIGNATURE_INVALID' },
        { what: 'body altered after signing', delivery: { ...genuine, body: genuine.body.replace('"APPROVED"', '"COMPLETED"') }, code: 'WEBHOOK.SIGNATURE_INVALID' },
        { what: 'no transmission signature', delivery: { body: genuine.body, headers: unsigned }, code: 'WEBHOOK.SIGNATURE_INVALID' },
      ];
    },
    refund: async (checkout, refundedSoFar) =>
      signed(
        paypalEvent(
          `WH-REFUNDED-${++sequence}`,
          'PAYMENT.CAPTURE.REFUNDED',
          'refund',
          {
            id: `1JU0E2E${sequence}`,
            status: 'COMPLETED',
            amount: { currency_code: checkout.currency, value: refundedSoFar },
            seller_payable_breakdown: { total_refunded_amount: { currency_code: checkout.currency, value: refundedSoFar } },
            custom_id: checkout.orderId,
            links: [{ href: `https://api-m.sandbox.paypal.com/v2/payments/captures/${captureOf(checkout)}`, rel: 'up', method: 'GET' }],
          },
          clock.now().toISOString(),
        ),
        clock.now(),
      ),
    partialRefunds: true,
    dispute: async (checkout) =>
      signed(
        paypalEvent(
          `WH-DISPUTE-${++sequence}`,
          'CUSTOMER.DISPUTE.CREATED',
          'dispute',
          {
            dispute_id: `PP-D-E2E-${sequence}`,
            reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED',
            status: 'OPEN',
            dispute_amount: { currency_code: checkout.currency, value: checkout.total },
            disputed_transactions: [{ seller_transaction_id: captureOf(checkout), custom: checkout.orderId }],
          },
          clock.now().toISOString(),
        ),
        clock.now(),
      ),
  }),
  (scenario) => {
    it('captures an approved order through the SDK exactly once, however often the approval comes, and pays it once', async () => {
      const s = scenario();
      const buyer = await s.buyer();
      const checkout = await s.placeOrder(buyer);
      const capturesBefore = paypal.counts.captures;
      paypal.approve(checkout.providerReference, payerOf(checkout));
      const approval = signed(approvedEvent(checkout, s.clock.now()), s.clock.now());
      expect(await s.post(approval)).toEqual({ status: 200, body: { received: true, outcome: 'payment_confirmed' } });
      const captures = paypal.requests.filter((request) => isCapture(request, checkout.providerReference));
      expect(captures.map((request) => request.headers['paypal-request-id'])).toEqual([`capture:${checkout.providerReference}`]);
      expect(paypal.counts.captures).toBe(capturesBefore + 1);
      expect(await s.drain()).toEqual([]);
      const before = await s.counts();

      const answers = await s.replay(approval, 10);
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 200));
      // PayPal's own notice of the capture the platform made: the same payment, nothing new.
      const completed = signed(captureCompletedEvent(checkout, captureOf(checkout), { amount: checkout.total, currency: checkout.currency }, s.clock.now()), s.clock.now());
      expect(await s.post(completed)).toEqual({ status: 200, body: { received: true, outcome: 'payment_confirmed' } });
      expect(await s.drain()).toEqual([]);
      expect(paypal.requests.filter((request) => isCapture(request, checkout.providerReference))).toHaveLength(1);
      expect(await s.counts()).toEqual({ ...before, webhookEvents: before.webhookEvents + 1 });
      expect(await s.order(buyer, checkout.orderId)).toMatchObject({ status: 'fulfilled' });

      // Over the whole run (the 100 replays of the first approval included), each PayPal order was captured by one request.
      const perOrder = new Map<string, number>();
      for (const request of paypal.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/capture'))) {
        perOrder.set(request.path, (perOrder.get(request.path) ?? 0) + 1);
      }
      expect(new Set(perOrder.values())).toEqual(new Set([1]));
    });

    it('never fetches a certificate from a URL off the allow-list', () => {
      expect(fetchedCertificates.length).toBeGreaterThan(0);
      expect(new Set(fetchedCertificates)).toEqual(new Set([CERT_URL]));
    });

    it('captures on the buyer’s return link too, and the approval that follows changes nothing', async () => {
      const s = scenario();
      const buyer = await s.buyer();
      const checkout = await s.placeOrder(buyer);
      paypal.approve(checkout.providerReference, payerOf(checkout));
      // PayPal appends its order id and the payer to the return URL the checkout was created with.
      const back = await s.call('GET', `/v1/orders/${checkout.orderId}/checkout-success?token=${checkout.providerReference}&PayerID=${payerOf(checkout)}`);
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ checkoutId: checkout.orderId, status: 'fulfilled' });
      expect(await s.drain()).toEqual([]);
      const before = await s.counts();
      expect((await s.post(signed(approvedEvent(checkout, s.clock.now()), s.clock.now()))).body).toEqual({ received: true, outcome: 'payment_confirmed' });
      expect(paypal.requests.filter((request) => isCapture(request, checkout.providerReference))).toHaveLength(1);
      expect(await s.drain()).toEqual([]);
      expect(await s.counts()).toEqual(before);
    });
  },
);
