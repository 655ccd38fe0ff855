import { TRADING_PLATFORM } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform, type TestPlatformOptions, type WebhookDelivery } from '@tradesense/bootstrap/testing';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import type { Caller } from './http-test-kit.js';
import { cents, createScenario, expectReversed, starCommission, type Checkout, type Scenario } from './payment-scenario.js';

export { expectReversed, type Checkout, type Scenario } from './payment-scenario.js';

/**
 * One end-to-end story per payment provider, the same for all of them: a
 * referred trader orders over HTTP with the provider's gateway, the
 * provider's local fake takes the money, and the provider's own signed
 * notification reaches `POST /v1/webhooks/<provider>` on a platform
 * configured (by environment variables) to use that fake.
 */

/** Inside the availability windows of UPI (Asia/Kolkata) and TC Pay (Africa/Casablanca), and of the PayPal test certificate. */
export const WEBHOOK_TEST_START = '2027-02-01T12:00:00Z';

/** A delivery the platform must refuse with 400 and `code`. */
export interface Refusal {
  readonly what: string;
  readonly delivery: WebhookDelivery;
  readonly code: string;
}

export interface ProviderDriver {
  readonly gatewayId: string;
  /** Where the buyers live (UPI is offered in India only, TC Pay in Morocco only). */
  readonly buyerCountry?: string;
  /** false: buyers sign up without a referral, so no commission is expected (default true). */
  readonly referred?: boolean;
  /** Starts the provider's fakes and returns the variables that configure the provider against them. */
  start(): Promise<Record<string, string>>;
  stop(): Promise<void>;
  readonly configure?: TestPlatformOptions['configure'];
  /** What the platform needs before this provider can take an order. */
  prepare?(scenario: Scenario): Promise<void>;
  /** Has the provider take the checkout's money; returns the notification it then sends (once per checkout). */
  pay(checkout: Checkout): Promise<WebhookDelivery>;
  /** A genuine notification of a payment of another amount or currency than the checkout's. */
  payOther(checkout: Checkout, paid: { readonly amount: string; readonly currency: string }): Promise<WebhookDelivery>;
  /** Forged, tampered or stale notifications about the (unpaid) checkout. */
  refusals(checkout: Checkout): Promise<Refusal[]>;
  /** The provider's notice that `refundedSoFar` of the checkout's payment went back; absent when it sends none. */
  refund?(checkout: Checkout, refundedSoFar: string): Promise<WebhookDelivery>;
  /** Whether the provider reports partial refunds (a running total). */
  readonly partialRefunds?: boolean;
  /** The provider's notice of a chargeback on the checkout's payment. */
  dispute?(checkout: Checkout): Promise<WebhookDelivery>;
}

/**
 * Declares the provider's story once per database: payment fulfils once,
 * 100 replays change nothing, forgeries are refused with 400, another amount
 * or currency is refused on record, and (where the provider tells of them)
 * refunds and chargebacks reverse the order, the challenge and the
 * commission once. `more` adds the provider's own tests.
 */
export function describeProviderWebhooks(
  title: string,
  makeDriver: (clock: ManualClock) => ProviderDriver,
  more?: (scenario: () => Scenario) => void,
): void {
  const clock = new ManualClock(WEBHOOK_TEST_START);
  const driver = makeDriver(clock);
  const env: Record<string, string> = {};
  // The fakes run before any platform starts: the platform reads `env` when it starts.
  beforeAll(async () => {
    Object.assign(env, await driver.start());
  });
  afterAll(() => driver.stop());

  describeEachPlatform(
    title,
    (ctx) => {
      let http: RunningHttpServer;
      let current: Scenario;
      const scenario = () => current;

      beforeAll(async () => {
        clock.set(WEBHOOK_TEST_START);
        http = await startHttpServer(ctx.platform);
        current = await createScenario({ platform: ctx.platform, url: http.url, clock, gatewayId: driver.gatewayId, buyerCountry: driver.buyerCountry ?? 'DE' });
        await driver.prepare?.(current);
      });
      afterAll(async () => {
        await http.stop();
      });

      /** The first paid order of a referred buyer, and that buyer. */
      let first: Checkout;
      let buyer: Caller;
      let unpaid: Checkout;
      let firstPayment: WebhookDelivery;
      const referred = () => driver.referred !== false;

      it('offers the gateway, and a genuine notification pays and fulfils the order once with one commission', async () => {
        const s = scenario();
        buyer = await s.buyer(referred());
        const offered = await s.call('GET', '/v1/gateways', buyer);
        expect(offered.body.gateways.map((g: { id: string }) => g.id)).toContain(driver.gatewayId);
        first = await s.placeOrder(buyer);
        const before = await s.counts();
        firstPayment = await driver.pay(first);
        const paid = await s.post(firstPayment);
        expect(paid).toEqual({ status: 200, body: { received: true, outcome: 'payment_confirmed' } });
        expect(await s.drain()).toEqual([]);

        const order = await s.order(buyer, first.orderId);
        expect(order).toMatchObject({ status: 'fulfilled', gatewayId: driver.gatewayId, paidAt: s.clock.now().toISOString(), refund: null });
        const challenges = await s.challengesOf(first.orderId);
        expect(challenges).toEqual([{ id: order.challengeId, status: 'active', account_login: expect.any(String) }]);
        const account = await s.platform.get(TRADING_PLATFORM).getAccount(challenges[0]!.account_login!);
        expect(account.tradingEnabled).toBe(true);
        expect(await s.commissionsOf(first.orderId)).toEqual(
          referred() ? [{ tier_id: 'star', amount: starCommission(first.price), reversal_reason: null }] : [],
        );
        const after = await s.counts();
        expect(after).toMatchObject({
          orders: before.orders,
          challenges: before.challenges + 1,
          tradingAccounts: before.tradingAccounts + 1,
          commissions: before.commissions + (referred() ? 1 : 0),
          // The purchase receipt and the trading account's credentials.
          emails: before.emails + 2,
        });
      });

      it('takes in the same notification delivered 100 more times without changing anything', async () => {
        const s = scenario();
        const before = await s.counts();
        const answers = await s.replay(firstPayment, 100);
        expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
        expect(new Set(answers.map((answer) => answer.body['received']))).toEqual(new Set([true]));
        expect(await s.drain()).toEqual([]);
        expect(await s.counts()).toEqual(before);
        expect((await s.order(buyer, first.orderId)).status).toBe('fulfilled');
      });

      it('refuses forged and stale notifications with 400 and changes nothing', async () => {
        const s = scenario();
        unpaid = await s.placeOrder(buyer);
        const refusals = await driver.refusals(unpaid);
        expect(refusals.length).toBeGreaterThan(0);
        const before = await s.counts();
        for (const refusal of refusals) {
          const answer = await s.post(refusal.delivery);
          expect({ what: refusal.what, status: answer.status, code: answer.body['code'] }).toEqual({ what: refusal.what, status: 400, code: refusal.code });
        }
        expect(await s.drain()).toEqual([]);
        expect(await s.counts()).toEqual(before);
        expect(await s.order(buyer, unpaid.orderId)).toMatchObject({ status: 'pending_payment', paidAt: null });
      });

      it('refuses a genuine notification of another amount or currency: unpaid, unfulfilled, the code on record', async () => {
        const s = scenario();
        // Checked against the charge: the total itself for most gateways, rupees for UPI.
        const { charge } = unpaid;
        const other = charge.currency === 'EUR' ? 'USD' : 'EUR';
        const wrong = [
          { amount: cents(new Decimal(charge.amount).plus(1)), currency: charge.currency },
          { amount: charge.amount, currency: other },
        ];
        const before = await s.counts();
        for (const paid of wrong) {
          const answer = await s.post(await driver.payOther(unpaid, paid));
          expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'refused', code: 'ORDER.AMOUNT_MISMATCH' } });
        }
        expect(await s.drain()).toEqual([]);
        expect(await s.order(buyer, unpaid.orderId)).toMatchObject({ status: 'pending_payment', paidAt: null, challengeId: null });
        expect(await s.challengesOf(unpaid.orderId)).toEqual([]);
        const refused = await s.auditOf(unpaid.orderId, 'payment.refused');
        expect(refused.map((details) => ({ code: details['code'], amount: cents(String(details['amount'])), currency: details['currency'] }))).toEqual(
          wrong.map((paid) => ({ code: 'ORDER.AMOUNT_MISMATCH', ...paid })),
        );
        const expected = refused[0]!['expected'] as { amount: string; currency: string; gatewayId: string };
        expect({ ...expected, amount: cents(expected.amount) }).toEqual({ amount: charge.amount, currency: charge.currency, gatewayId: driver.gatewayId });
        expect(await s.counts()).toMatchObject({ ...before, webhookEvents: before.webhookEvents + 2, audit: before.audit + 2 });

        // The refusals do not spoil the order: the right payment still pays it (a second order earns no commission).
        expect((await s.post(await driver.pay(unpaid))).body).toEqual({ received: true, outcome: 'payment_confirmed' });
        expect(await s.drain()).toEqual([]);
        expect((await s.order(buyer, unpaid.orderId)).status).toBe('fulfilled');
        expect(await s.commissionsOf(unpaid.orderId)).toEqual([]);
      });

      if (driver.refund) {
        const refund = driver.refund.bind(driver);
        it('a refund notice refunds the order and its challenge and reverses the commission, once', async () => {
          const s = scenario();
          if (driver.partialRefunds) {
            const half = cents(new Decimal(first.charge.amount).dividedBy(2).toDecimalPlaces(2, Decimal.ROUND_DOWN));
            expect((await s.post(await refund(first, half))).body).toEqual({ received: true, outcome: 'refund' });
            expect(await s.drain()).toEqual([]);
            expect((await s.order(buyer, first.orderId)).status).toBe('fulfilled');
            expect(await s.auditOf(first.orderId, 'payment.partial_refund')).toHaveLength(1);
            expect((await s.commissionsOf(first.orderId)).map((c) => c.reversal_reason)).toEqual(referred() ? [null] : []);
          }
          // The whole charge back (in the currency the gateway collected) is a full refund.
          const delivery = await refund(first, first.charge.amount);
          const before = await s.counts();
          expect(await s.post(delivery)).toEqual({ status: 200, body: { received: true, outcome: 'refund' } });
          expect(await s.drain()).toEqual([]);
          await expectReversed(s, buyer, first, 'refund', referred());
          expect(await s.counts()).toMatchObject({ reversedCommissions: before.reversedCommissions + (referred() ? 1 : 0) });

          // Re-deliveries of the refund notice (the payment's 100 replays are covered above).
          const settled = await s.counts();
          const answers = await s.replay(delivery, 10);
          expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
          expect(await s.drain()).toEqual([]);
          expect(await s.counts()).toEqual(settled);
          await expectReversed(s, buyer, first, 'refund', referred());
        });
      }

      if (driver.dispute) {
        const dispute = driver.dispute.bind(driver);
        it('a chargeback notice refunds the order and its challenge and reverses the commission, once', async () => {
          const s = scenario();
          const disputing = await s.buyer(referred());
          const checkout = await s.placeOrder(disputing);
          expect((await s.post(await driver.pay(checkout))).body).toEqual({ received: true, outcome: 'payment_confirmed' });
          expect(await s.drain()).toEqual([]);
          expect((await s.commissionsOf(checkout.orderId)).map((c) => c.reversal_reason)).toEqual(referred() ? [null] : []);

          const delivery = await dispute(checkout);
          expect(await s.post(delivery)).toEqual({ status: 200, body: { received: true, outcome: 'refund' } });
          expect(await s.drain()).toEqual([]);
          await expectReversed(s, disputing, checkout, 'chargeback', referred());
          const settled = await s.counts();
          const answers = await s.replay(delivery, 5);
          expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
          expect(await s.drain()).toEqual([]);
          expect(await s.counts()).toEqual(settled);
        });
      }

      more?.(scenario);
    },
    { env, clock, ...(driver.configure ? { configure: driver.configure } : {}) },
  );
}
