import { FAKE_TC_PAY_API_SECRET, FAKE_TC_PAY_MERCHANT, startFakeTcPay, tcPayDelivery, type FakeTcPay } from '@tradesense/bootstrap/testing';
import { describeProviderWebhooks, type Checkout } from '../testing/payment-webhook-scenarios.js';

const WEBHOOK_SECRET = 'tcpay-e2e-webhook-secret';

let tcPay: FakeTcPay;
let sequence = 0;

describeProviderWebhooks('TC Pay: webhooks end to end', (clock) => {
  const now = () => Math.floor(clock.now().getTime() / 1000);
  /** TC Pay's body (docs/payments.md): one payment per checkout, named after it. */
  const notification = (checkout: Checkout, type: string, data: Record<string, unknown> = {}) => ({
    id: `evt_tc_${++sequence}`,
    type,
    created: now() - 3,
    data: {
      payment_id: `pay_${checkout.providerReference}`,
      checkout_id: checkout.providerReference,
      merchant_reference: checkout.orderId,
      amount: checkout.total,
      currency: checkout.currency,
      refunded_amount: '0.00',
      reason: null,
      payment_method_fingerprint: `tcfp_${checkout.orderId}`,
      ...data,
    },
  });
  return {
    gatewayId: 'tc_pay',
    buyerCountry: 'MA',
    async start() {
      tcPay = await startFakeTcPay([]);
      return { TC_PAY_MERCHANT_ID: FAKE_TC_PAY_MERCHANT, TC_PAY_API_SECRET: FAKE_TC_PAY_API_SECRET, TC_PAY_WEBHOOK_SECRET: WEBHOOK_SECRET, TC_PAY_API_BASE_URL: tcPay.url };
    },
    stop: () => tcPay.close(),
    pay: async (checkout) => tcPayDelivery(WEBHOOK_SECRET, notification(checkout, 'payment.succeeded'), now()),
    payOther: async (checkout, paid) => tcPayDelivery(WEBHOOK_SECRET, notification(checkout, 'payment.succeeded', paid), now()),
    async refusals(checkout) {
      const paid = notification(checkout, 'payment.succeeded');
      const genuine = tcPayDelivery(WEBHOOK_SECRET, paid, now());
      const { 'x-tcpay-signature': _signature, ...unsigned } = genuine.headers;
      return [
        { what: 'signed with another secret', delivery: tcPayDelivery('tcpay-guessed-secret', paid, now()), code: 'WEBHOOK.SIGNATURE_INVALID' },
        { what: 'body altered after signing', delivery: { ...genuine, body: genuine.body.replace(`"amount":"${checkout.total}"`, '"amount":"1.00"') }, code: 'WEBHOOK.SIGNATURE_INVALID' },
        { what: 'no X-TCPay-Signature', delivery: { body: genuine.body, headers: unsigned }, code: 'WEBHOOK.SIGNATURE_INVALID' },
        // Correctly signed, outside the ±300 s window on either side.
        { what: 'stale timestamp', delivery: tcPayDelivery(WEBHOOK_SECRET, paid, now() - 301), code: 'WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE' },
        { what: 'timestamp from the future', delivery: tcPayDelivery(WEBHOOK_SECRET, paid, now() + 301), code: 'WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE' },
      ];
    },
    refund: async (checkout, refundedSoFar) =>
      tcPayDelivery(WEBHOOK_SECRET, notification(checkout, 'payment.refunded', { refunded_amount: refundedSoFar }), now()),
    partialRefunds: true,
    dispute: async (checkout) => tcPayDelivery(WEBHOOK_SECRET, notification(checkout, 'payment.disputed', { reason: 'fraudulent' }), now()),
  };
});
