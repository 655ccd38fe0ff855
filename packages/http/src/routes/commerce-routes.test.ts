import { PAYMENT_GATEWAYS } from '@tradesense/application';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Catalog, GatewayOffer, Order, PlacedOrder, Trial } from '../schemas/commerce-schemas.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { caller, client, type Caller } from '../testing/http-test-kit.js';

describeEachPlatform('commerce over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let other: Caller;
  const call = client(() => http.url);
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    trader = await caller(ctx.platform);
    other = await caller(ctx.platform);
  });
  afterAll(async () => {
    await http.stop();
  });

  let orderId = '';
  let token = '';

  it('lists the public catalog and the gateways with decimal-string fees', async () => {
    const catalog = await call('GET', '/v1/catalog');
    expect(catalog.status).toBe(200);
    expect(catalog.body.models.length).toBeGreaterThan(0);
    Catalog.parse(catalog.body);
    expect(typeof catalog.body.models[0].sizes[0].price).toBe('string');
    const gateways = await call('GET', '/v1/gateways?price=100.00', trader);
    expect(gateways.status).toBe(200);
    GatewayOffer.parse(gateways.body);
    expect(gateways.body.gateways.map((g: { id: string }) => g.id)).toContain('simulated');
    expect((await call('GET', '/v1/gateways')).status).toBe(401);
  });

  it('places an order idempotently; only its buyer sees it', async () => {
    const catalog = await call('GET', '/v1/catalog');
    const model = catalog.body.models[0];
    const body = { gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance };
    const placed = await call('POST', '/v1/orders', trader, body, { 'idempotency-key': 'order-key-0001' });
    expect(placed.status).toBe(201);
    PlacedOrder.parse(placed.body);
    expect(placed.body.order.status).toBeDefined();
    expect(placed.body.order.total).toMatch(/^\d+\.\d{2}$/);
    // The simulated gateway collects the price currency: the charge is the total itself.
    expect(placed.body.order.charge).toEqual({ amount: placed.body.order.total, currency: placed.body.order.currency, rate: null });
    orderId = placed.body.order.id;
    token = new URL(placed.body.checkout.redirectUrl).searchParams.get('token') ?? '';
    const replay = await call('POST', '/v1/orders', trader, body, { 'idempotency-key': 'order-key-0001' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.order.id).toBe(orderId);

    const list = await call('GET', '/v1/orders', trader);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    Order.parse((await call('GET', `/v1/orders/${orderId}`, trader)).body);
    expect((await call('GET', `/v1/orders/${orderId}`, other)).status).toBe(404);
    expect((await call('GET', '/v1/orders', other)).body.items).toEqual([]);
  });

  it('refuses a webhook with a bad signature with 400 and changes nothing', async () => {
    const response = await fetch(`${http.url}/v1/webhooks/simulated`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: `${token}tampered` }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('WEBHOOK.SIGNATURE_INVALID');
    expect((await call('GET', `/v1/orders/${orderId}`, trader)).body.paidAt).toBeNull();
  });

  it('confirms the payment through a signed webhook, then acknowledges the re-delivery', async () => {
    const post = () =>
      fetch(`${http.url}/v1/webhooks/simulated`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ received: true, outcome: 'payment_confirmed' });
    expect((await post()).status).toBe(200);
    expect((await call('GET', `/v1/orders/${orderId}`, trader)).body.paidAt).toEqual(expect.any(String));
    expect((await call('GET', '/v1/payments/simulated/confirm?token=nonsense')).status).toBe(422);
  });

  it('acknowledges an authentic notification whose amount does not match the order with 2xx, leaving it unpaid', async () => {
    const model = (await call('GET', '/v1/catalog')).body.models[0];
    const placed = await call('POST', '/v1/orders', trader, { gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance });
    const order = placed.body.order as { id: string; currency: string };
    // A correctly signed checkout for the same order but another amount (what a tampered or stale checkout would report).
    const session = await ctx.platform.get(PAYMENT_GATEWAYS).find('simulated')!.createCheckout({
      orderId: order.id,
      amount: new Decimal('1.00'),
      currency: order.currency,
      description: 'mismatch',
      customer: { id: trader.userId, email: 'x@example.com', country: 'DE' },
      successUrl: 'http://localhost/ok',
      cancelUrl: 'http://localhost/cancel',
    });
    const mismatchToken = new URL(session.redirectUrl).searchParams.get('token');
    const response = await fetch(`${http.url}/v1/webhooks/simulated`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: mismatchToken }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, outcome: 'refused', code: expect.stringMatching(/MISMATCH/) });
    expect((await call('GET', `/v1/orders/${order.id}`, trader)).body.paidAt).toBeNull();
  });

  it('lets only admins price and switch sizes, change gateways and prohibit countries', async () => {
    const admin = await caller(ctx.platform, 'admin');
    const model = (await call('GET', '/v1/catalog')).body.models[0];
    const size = model.sizes[model.sizes.length - 1];
    const pricePath = `/v1/admin/models/${model.id}/sizes/${size.balance}/price`;
    expect((await call('PUT', pricePath, trader, { price: '1234.00' })).status).toBe(403);
    const priced = await call('PUT', pricePath, admin, { price: '1234.00' });
    expect(priced.body).toMatchObject({ id: model.id });
    expect(priced.status).toBe(200);
    expect(priced.body.sizes.find((s: { balance: string }) => s.balance === size.balance).price).toBe('1234.00');
    expect((await call('POST', `/v1/admin/models/${model.id}/sizes/${size.balance}/disable`, admin)).status).toBe(200);
    const publicCatalog = (await call('GET', '/v1/catalog')).body.models.find((m: { id: string }) => m.id === model.id);
    expect(publicCatalog.sizes.map((s: { balance: string }) => s.balance)).not.toContain(size.balance);
    expect((await call('POST', `/v1/admin/models/${model.id}/sizes/${size.balance}/enable`, admin)).status).toBe(200);

    expect((await call('PATCH', '/v1/admin/gateways/simulated', trader, { displayName: 'Card' })).status).toBe(403);
    const gateway = await call('PATCH', '/v1/admin/gateways/simulated', admin, { displayName: 'Test card' });
    expect(gateway.status).toBe(200);
    expect(gateway.body.displayName).toBe('Test card');

    expect((await call('PUT', '/v1/admin/prohibited-countries/ZZ', trader, { name: 'Nowhere', reason: 'regulatory' })).status).toBe(403);
    const set = await call('PUT', '/v1/admin/prohibited-countries/FR', admin, { name: 'France', reason: 'regulatory' });
    expect(set.status).toBe(200);
    const countries = await call('GET', '/v1/admin/prohibited-countries', admin);
    expect(countries.body.countries.map((c: { code: string }) => c.code)).toContain('FR');
    expect((await call('DELETE', '/v1/admin/prohibited-countries/FR', admin)).status).toBe(200);
  });

  it('lets an admin make a gateway settle in another currency at a rate: validated, audited, and the order charges the converted total', async () => {
    const admin = await caller(ctx.platform, 'admin');
    const path = '/v1/admin/gateways/simulated';
    const bad = [
      { currency: 'INR', rate: '-1' },
      { currency: 'INR', rate: 'abc' },
      { currency: 'INR', rate: '84.12345678901' },
      { currency: 'RUPEE', rate: '84' },
      { rate: '84' },
      { currency: 'INR', rate: 84 },
      { currency: 'INR', rate: '84', since: 'today' },
    ];
    for (const settlement of bad) {
      const answer = await call('PATCH', path, admin, { settlement });
      expect({ settlement, status: answer.status, code: answer.body.code }).toEqual({ settlement, status: 400, code: 'VALIDATION.FAILED' });
    }
    for (const settlement of [{ currency: 'INR', rate: '0' }, { currency: 'usd', rate: '1' }]) {
      const answer = await call('PATCH', path, admin, { settlement });
      expect({ settlement, status: answer.status, code: answer.body.code }).toEqual({ settlement, status: 422, code: 'PAYMENT.INVALID_GATEWAY_SETTINGS' });
    }
    expect((await call('PATCH', path, trader, { settlement: { currency: 'INR', rate: '84.1234' } })).status).toBe(403);
    expect((await call('GET', '/v1/gateways', trader)).body.gateways.find((g: { id: string }) => g.id === 'simulated').settlement).toBeNull();

    const set = await call('PATCH', path, admin, { settlement: { currency: 'inr', rate: '84.1234' } });
    expect(set.status).toBe(200);
    expect(set.body.settlement).toEqual({ currency: 'INR', rate: '84.1234' });
    try {
      const model = (await call('GET', '/v1/catalog')).body.models[0];
      const size = model.sizes[0];
      // No fee on the simulated gateway: the charge is the price × 84.1234, half-up to the paisa.
      const expected = new Decimal(size.price).times('84.1234').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      const offer = (await call('GET', `/v1/gateways?price=${size.price}`, trader)).body.gateways.find((g: { id: string }) => g.id === 'simulated');
      expect(offer).toMatchObject({ total: size.price, settlement: { currency: 'INR', rate: '84.1234' }, charge: { amount: expected, currency: 'INR' } });
      const placed = await call('POST', '/v1/orders', trader, { gatewayId: 'simulated', modelId: model.id, balance: size.balance });
      expect(placed.status).toBe(201);
      PlacedOrder.parse(placed.body);
      expect(placed.body.order).toMatchObject({ total: size.price, currency: 'USD', charge: { amount: expected, currency: 'INR', rate: '84.1234' } });
      // The checkout link asks for the rupees.
      const link = new URL(placed.body.checkout.redirectUrl).searchParams.get('token')!;
      const checkout = JSON.parse(Buffer.from(link.split('.')[0]!, 'base64url').toString('utf8')) as { amount: string; currency: string };
      expect([new Decimal(checkout.amount).toFixed(2), checkout.currency]).toEqual([expected, 'INR']);
    } finally {
      const cleared = await call('PATCH', path, admin, { settlement: null });
      expect([cleared.status, cleared.body.settlement]).toEqual([200, null]);
    }
    // Newest first: the settlement set, then cleared, each in the admin's name with before and after.
    const audit = await call('GET', '/v1/admin/audit-log?subjectType=payment_gateway&subjectId=simulated&action=payments.gateway_updated', admin);
    const entries = (audit.body.entries as Array<{ actorId: string; details: { before: { settlement: unknown }; after: { settlement: unknown } } }>).slice(0, 2);
    expect(entries.map((e) => [e.actorId, e.details.before.settlement, e.details.after.settlement])).toEqual([
      [admin.userId, { currency: 'INR', rate: '84.1234' }, null],
      [admin.userId, null, { currency: 'INR', rate: '84.1234' }],
    ]);
  });

  it('starts a trial through the simulated gateway; another trader can neither see nor cancel it', async () => {
    expect((await call('GET', '/v1/trials/current', other)).status).toBe(404);
    const model = (await call('GET', '/v1/catalog')).body.models[0];
    const started = await call('POST', '/v1/trials', other, { modelId: model.id, balance: model.sizes[0].balance, gatewayId: 'simulated' });
    expect(started.body).toMatchObject({ signupId: expect.any(String), checkout: { gatewayId: 'simulated' } });
    const token = new URL(started.body.checkout.redirectUrl).searchParams.get('token') ?? '';
    const confirmed = await call('GET', `/v1/payments/simulated/confirm?token=${encodeURIComponent(token)}`);
    expect(confirmed.body).toMatchObject({ received: true, outcome: 'trial_activated' });
    const trial = await call('GET', '/v1/trials/current', other);
    expect(trial.status).toBe(200);
    expect(trial.body.status).toBe('active');
    Trial.parse(trial.body);
    expect((await call('GET', '/v1/trials/current', trader)).status).toBe(404);
    expect((await call('DELETE', `/v1/trials/${trial.body.id}`, trader)).status).toBe(404);
    const cancelled = await call('DELETE', `/v1/trials/${trial.body.id}`, other);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledAt).toEqual(expect.any(String));
  });
});
