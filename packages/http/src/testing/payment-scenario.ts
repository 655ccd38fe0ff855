import { OUTBOX_HANDLER, OUTBOX_STORE, TRADING_PLATFORM, handlesTopic } from '@tradesense/application';
import type { ManualClock } from '@tradesense/application/testing';
import type { Platform } from '@tradesense/bootstrap';
import type { WebhookDelivery } from '@tradesense/bootstrap/testing';
import { Decimal } from 'decimal.js';
import { expect } from 'vitest';
import { caller, client, type Caller } from './http-test-kit.js';

/** What the buyer got back from `POST /v1/orders`. */
export interface Checkout {
  readonly orderId: string;
  readonly price: string;
  readonly total: string;
  readonly currency: string;
  /** What the gateway collects: the total, or the total at the gateway's settlement rate (UPI: rupees). */
  readonly charge: { readonly amount: string; readonly currency: string; readonly rate: string | null };
  readonly providerReference: string;
  readonly redirectUrl: string;
  readonly clientParameters: Readonly<Record<string, string>>;
}

export interface Answer {
  readonly status: number;
  // Problem and acknowledgement bodies are read field by field.
  readonly body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Rows whose number must not move when nothing should happen. */
export interface Counts {
  readonly orders: number;
  readonly challenges: number;
  readonly tradingAccounts: number;
  readonly commissions: number;
  readonly reversedCommissions: number;
  readonly outbox: number;
  readonly emails: number;
  readonly webhookEvents: number;
  readonly audit: number;
}

/** A platform behind its HTTP server, with an affiliate, and what a payment test does and looks at. */
export interface Scenario {
  readonly platform: Platform;
  readonly clock: ManualClock;
  readonly call: ReturnType<typeof client>;
  readonly admin: Caller;
  /** A new trader, referred by the scenario's affiliate when `referred`. */
  buyer(referred?: boolean): Promise<Caller>;
  /** Orders the first catalogue size with the gateway over HTTP. */
  placeOrder(buyer: Caller): Promise<Checkout>;
  /** Posts a provider's delivery to `/v1/webhooks/<gateway>`. */
  post(delivery: WebhookDelivery): Promise<Answer>;
  /** Posts the delivery `times` times side by side. */
  replay(delivery: WebhookDelivery, times: number): Promise<Answer[]>;
  /** Delivers the outbox messages commerce and affiliates act on; returns the failures. */
  drain(): Promise<string[]>;
  counts(): Promise<Counts>;
  order(buyer: Caller, orderId: string): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  challengesOf(orderId: string): Promise<Array<{ id: string; status: string; account_login: string | null }>>;
  commissionsOf(orderId: string): Promise<Array<{ tier_id: string; amount: string; reversal_reason: string | null }>>;
  /** The audit details of one action on the order, oldest first. */
  auditOf(orderId: string, action: string): Promise<Array<Record<string, unknown>>>;
}

/** The topics whose handlers carry out what a payment leads to: fulfilment retries, commissions, trading switched off. */
const CONSEQUENCES = ['OrderPaid', 'order.paid', 'order.refunded', 'platform.disable_trading'];

export const cents = (value: Decimal.Value): string => new Decimal(value).toFixed(2);

/** Star tier (8 %) of the price without the gateway fee, booked half-up to the cent. */
export const starCommission = (price: string): string => new Decimal(price).times('0.08').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

const counted = async (query: PromiseLike<unknown>): Promise<number> => Number(((await query) as Array<{ n: string | number }>)[0]!.n);

export async function createScenario(input: {
  readonly platform: Platform;
  readonly url: string;
  readonly clock: ManualClock;
  readonly gatewayId: string;
  readonly buyerCountry: string;
}): Promise<Scenario> {
  const { platform, clock, gatewayId } = input;
  const knex = platform.database.knex;
  const call = client(() => input.url);
  const post = async (delivery: WebhookDelivery): Promise<Answer> => {
    const response = await fetch(`${input.url}/v1/webhooks/${gatewayId}`, { method: 'POST', headers: delivery.headers, body: delivery.body });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const affiliate = await caller(platform);
  const registered = await call('POST', '/v1/affiliates', affiliate);
  expect(registered.status).toBe(201);
  const affiliateCode: string = registered.body.code;

  return {
    platform,
    clock,
    call,
    admin: await caller(platform, 'admin'),
    async buyer(referred = true) {
      const click = await call('GET', `/v1/referrals/${affiliateCode}`);
      const cookie = (click.headers.get('set-cookie') ?? '').split(';')[0]!;
      // The signup comes after the click, as attribution requires.
      clock.advance(1_000);
      const buyer = await caller(platform, 'trader', input.buyerCountry);
      if (referred) expect((await call('POST', '/v1/referrals/link', buyer, undefined, { cookie })).body).toEqual({ linked: true });
      return buyer;
    },
    async placeOrder(buyer) {
      const model = (await call('GET', '/v1/catalog')).body.models[0];
      const placed = await call('POST', '/v1/orders', buyer, { gatewayId, modelId: model.id, balance: model.sizes[0].balance });
      if (placed.status !== 201) throw new Error(`order: ${placed.status} ${JSON.stringify(placed.body)}`);
      const { order, checkout } = placed.body;
      return {
        orderId: order.id,
        price: order.price,
        total: order.total,
        currency: order.currency,
        charge: order.charge,
        providerReference: checkout.providerReference,
        redirectUrl: checkout.redirectUrl,
        clientParameters: checkout.clientParameters,
      };
    },
    post,
    replay: (delivery, times) => Promise.all(Array.from({ length: times }, () => post(delivery))),
    async drain() {
      const store = platform.get(OUTBOX_STORE);
      const handlers = platform.getAll(OUTBOX_HANDLER);
      const failures: string[] = [];
      const now = clock.now();
      for (const message of await store.claimDue('webhook-test', now, new Date(now.getTime() + 60_000), 1_000, CONSEQUENCES)) {
        try {
          for (const handler of handlers.filter((h) => handlesTopic(h, message.topic))) await handler.handle(message);
          await store.markDelivered(message.id, 'webhook-test', now);
        } catch (error) {
          failures.push(`${message.topic}: ${String(error)}`);
          await store.markFailed(message.id, 'webhook-test', String(error), now, true);
        }
      }
      return failures;
    },
    async counts() {
      const all = (table: string) => counted(knex(table).count({ n: '*' }));
      return {
        orders: await all('orders'),
        challenges: await all('challenges'),
        tradingAccounts: await all('challenge_accounts'),
        commissions: await all('affiliate_commissions'),
        reversedCommissions: await counted(knex('affiliate_commissions').whereNotNull('reversal_reason').count({ n: '*' })),
        outbox: await all('outbox'),
        emails: await counted(knex('outbox').where('topic', 'like', 'email.%').count({ n: '*' })),
        webhookEvents: await all('processed_webhook_events'),
        audit: await all('audit_log'),
      };
    },
    async order(buyer, orderId) {
      const answer = await call('GET', `/v1/orders/${orderId}`, buyer);
      expect(answer.status).toBe(200);
      return answer.body;
    },
    challengesOf: (orderId) => knex('challenges').where({ order_id: orderId }).select('id', 'status', 'account_login'),
    commissionsOf: async (orderId) =>
      ((await knex('affiliate_commissions').where({ order_id: orderId }).select('tier_id', 'amount', 'reversal_reason')) as Array<{
        tier_id: string;
        amount: string | number;
        reversal_reason: string | null;
      }>).map((row) => ({ ...row, amount: cents(row.amount) })),
    auditOf: async (orderId, action) =>
      ((await knex('audit_log').where({ subject_type: 'order', subject_id: orderId, action }).orderBy('id').select('details')) as Array<{
        details: Record<string, unknown>;
      }>).map((row) => row.details),
  };
}

/** Rule book section 9: a fulfilled order refunded or charged back → order and challenge refunded, trading off, commission reversed. */
export async function expectReversed(s: Scenario, owner: Caller, checkout: Checkout, kind: 'refund' | 'chargeback', referred: boolean): Promise<void> {
  const order = await s.order(owner, checkout.orderId);
  expect(order).toMatchObject({ status: 'refunded', refund: { kind } });
  const challenges = await s.challengesOf(checkout.orderId);
  expect(challenges.map((c) => c.status)).toEqual(['refunded']);
  expect((await s.platform.get(TRADING_PLATFORM).getAccount(challenges[0]!.account_login!)).tradingEnabled).toBe(false);
  expect(await s.commissionsOf(checkout.orderId)).toEqual(
    referred ? [{ tier_id: 'star', amount: starCommission(checkout.price), reversal_reason: kind }] : [],
  );
}
