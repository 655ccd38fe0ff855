import { FAKE_COINBASE_API_KEY, coinbaseDelivery, startFakeCoinbaseCommerce, type FakeServer } from '@tradesense/bootstrap/testing';
import { Decimal } from 'decimal.js';
import { expect, it } from 'vitest';
import { describeProviderWebhooks, expectReversed, type Checkout } from '../testing/payment-webhook-scenarios.js';

const SHARED_SECRET = 'cc-e2e-webhook-shared-secret';

let coinbase: FakeServer;
let sequence = 0;

/** The charge as Coinbase Commerce reports it once the buyer's crypto arrived (its value in the order currency). */
function charge(checkout: Checkout, paid = { amount: checkout.total, currency: checkout.currency }, status = 'CONFIRMED') {
  return {
    id: checkout.providerReference,
    code: `CODE${sequence}`,
    pricing: { local: { amount: checkout.total, currency: paid.currency }, ethereum: { amount: '0.171000000', currency: 'ETH' } },
    metadata: { order_id: checkout.orderId, customer_id: 'buyer' },
    payments:
      status === 'CONFIRMED'
        ? [{ network: 'ethereum', status, value: { local: { amount: paid.amount, currency: paid.currency }, crypto: { amount: '0.171000000', currency: 'ETH' } } }]
        : [],
    timeline: [{ status: 'NEW', time: '2027-02-01T11:40:00Z' }, status === 'CONFIRMED' ? { status: 'COMPLETED', time: '2027-02-01T11:59:00Z' } : { status: 'EXPIRED', time: '2027-02-01T11:59:00Z' }],
  };
}

const event = (type: string, data: Record<string, unknown>) => ({ id: `0c4d6f4c-3b1a-4bd0-9f5e-${String(++sequence).padStart(12, '0')}`, type, createdAt: '2027-02-01T11:59:00Z', charge: data });

describeProviderWebhooks(
  'crypto (Coinbase Commerce): webhooks end to end',
  () => ({
    gatewayId: 'crypto',
    async start() {
      coinbase = await startFakeCoinbaseCommerce();
      return { COINBASE_COMMERCE_API_KEY: FAKE_COINBASE_API_KEY, COINBASE_COMMERCE_WEBHOOK_SECRET: SHARED_SECRET, COINBASE_COMMERCE_API_BASE_URL: coinbase.url };
    },
    stop: () => coinbase.close(),
    pay: async (checkout) => coinbaseDelivery(SHARED_SECRET, event('charge:confirmed', charge(checkout))),
    payOther: async (checkout, paid) => coinbaseDelivery(SHARED_SECRET, event('charge:confirmed', charge(checkout, paid))),
    async refusals(checkout) {
      const genuine = coinbaseDelivery(SHARED_SECRET, event('charge:confirmed', charge(checkout)));
      const { 'x-cc-webhook-signature': _signature, ...unsigned } = genuine.headers;
      // Coinbase signs the body only: there is no timestamp to be stale.
      return [
        { what: 'signed with another secret', delivery: coinbaseDelivery('cc-guessed-secret', event('charge:confirmed', charge(checkout))), code: 'WEBHOOK.SIGNATURE_INVALID' },
        { what: 'body altered after signing', delivery: { ...genuine, body: genuine.body.replace(checkout.orderId, `${checkout.orderId}x`) }, code: 'WEBHOOK.SIGNATURE_INVALID' },
        { what: 'no X-CC-Webhook-Signature', delivery: { body: genuine.body, headers: unsigned }, code: 'WEBHOOK.SIGNATURE_INVALID' },
      ];
    },
    // Coinbase Commerce has neither a refund API nor a refund notification: an admin records dashboard refunds (below).
  }),
  (scenario) => {
    it('acknowledges progress events and an expired charge without paying or cancelling the order', async () => {
      const s = scenario();
      const buyer = await s.buyer();
      const checkout = await s.placeOrder(buyer);
      const before = await s.counts();
      expect((await s.post(coinbaseDelivery(SHARED_SECRET, event('charge:pending', charge(checkout))))).body).toEqual({ received: true, outcome: 'ignored' });
      const expired = await s.post(coinbaseDelivery(SHARED_SECRET, event('charge:failed', charge(checkout, undefined, 'EXPIRED'))));
      expect(expired).toEqual({ status: 200, body: { received: true, outcome: 'payment_failed' } });
      expect(await s.auditOf(checkout.orderId, 'payment.failed')).toEqual([{ provider: 'crypto', providerPaymentId: checkout.providerReference, reason: 'expired' }]);
      expect(await s.counts()).toEqual({ ...before, webhookEvents: before.webhookEvents + 1, audit: before.audit + 1 });
      expect(await s.order(buyer, checkout.orderId)).toMatchObject({ status: 'pending_payment', paidAt: null });
    });

    it('takes a refund made in the Coinbase dashboard when an admin records it: order and challenge refunded, commission reversed, once', async () => {
      const s = scenario();
      const buyer = await s.buyer();
      const checkout = await s.placeOrder(buyer);
      const path = `/v1/admin/orders/${checkout.orderId}/refunds`;
      const request = { kind: 'refund', note: 'Refunded in the Coinbase Commerce dashboard, ticket 4411' };
      expect((await s.call('POST', path, s.admin, request)).body).toMatchObject({ status: 422, code: 'ORDER.NOT_PAID' });
      expect((await s.post(coinbaseDelivery(SHARED_SECRET, event('charge:confirmed', charge(checkout))))).body).toEqual({ received: true, outcome: 'payment_confirmed' });
      expect(await s.drain()).toEqual([]);
      expect((await s.call('POST', path, buyer, request)).status).toBe(403);
      expect((await s.call('POST', path, s.admin, { kind: 'refund', note: ' ' })).status).toBe(400);

      const recorded = await s.call('POST', path, s.admin, request);
      expect({ status: recorded.status, body: recorded.body }).toEqual({ status: 200, body: { orderId: checkout.orderId, outcome: 'refunded', orderStatus: 'refunded' } });
      expect(await s.drain()).toEqual([]);
      await expectReversed(s, buyer, checkout, 'refund', true);
      const audit = await s.platform.database.knex('audit_log').where({ subject_type: 'order', subject_id: checkout.orderId, action: 'payment.refunded' }).select('actor_id', 'actor_role', 'details');
      expect(audit).toEqual([
        {
          actor_id: s.admin.userId,
          actor_role: 'admin',
          details: expect.objectContaining({ note: request.note, provider: 'crypto', providerPaymentId: checkout.providerReference, amount: new Decimal(checkout.total).toFixed(), currency: checkout.currency }),
        },
      ]);

      const settled = await s.counts();
      for (const again of [request, request, { kind: 'chargeback', note: 'Chargeback notice by e-mail' }]) {
        expect((await s.call('POST', path, s.admin, again)).body).toEqual({ orderId: checkout.orderId, outcome: 'duplicate', orderStatus: 'refunded' });
      }
      expect(await s.drain()).toEqual([]);
      // The chargeback's own record id is new; nothing else moves.
      expect(await s.counts()).toEqual({ ...settled, webhookEvents: settled.webhookEvents + 1 });
      await expectReversed(s, buyer, checkout, 'refund', true);
    });
  },
);
