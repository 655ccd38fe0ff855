import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CheckoutReturnPage } from '../schemas/commerce-schemas.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { caller, client, type Caller } from '../testing/http-test-kit.js';

describeEachPlatform('checkout return links over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let other: Caller;
  const call = client(() => http.url);
  const tokenOf = (redirectUrl: string) => new URL(redirectUrl).searchParams.get('token') ?? '';
  async function placeOrder(who: Caller): Promise<{ orderId: string; token: string }> {
    const model = (await call('GET', '/v1/catalog')).body.models[0];
    const placed = await call('POST', '/v1/orders', who, { gatewayId: 'simulated', modelId: model.id, balance: model.sizes[0].balance });
    expect(placed.status).toBe(201);
    return { orderId: placed.body.order.id, token: tokenOf(placed.body.checkout.redirectUrl) };
  }

  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, other] = await Promise.all([caller(ctx.platform), caller(ctx.platform)]);
  });
  afterAll(async () => {
    await http.stop();
  });

  it('the cancel link needs no token, tells the buyer nothing was charged, and leaves the order payable', async () => {
    const { orderId, token } = await placeOrder(trader);
    const page = await call('GET', `/v1/orders/${orderId}/checkout-cancel`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    // Exactly these fields: no amount, no buyer, no payment detail.
    expect(CheckoutReturnPage.strict().parse(page.body)).toEqual({
      checkoutId: orderId,
      kind: 'order',
      outcome: 'cancel',
      status: 'pending',
      message: 'You left the checkout before paying: nothing was charged.',
    });
    // Even with the provider's parameters, the cancel link completes nothing.
    expect((await call('GET', `/v1/orders/${orderId}/checkout-cancel?token=${encodeURIComponent(token)}`)).body.status).toBe('pending');
    const order = await call('GET', `/v1/orders/${orderId}`, trader);
    expect(order.body).toMatchObject({ status: 'pending_payment', paidAt: null, cancellation: null });
  });

  it('the success link completes the checkout it was made for, once, and then shows it fulfilled', async () => {
    const { orderId, token } = await placeOrder(trader);
    const foreign = await placeOrder(other);
    // Without parameters (a provider that confirms by webhook only) it shows where the order stands.
    expect((await call('GET', `/v1/orders/${orderId}/checkout-success`)).body).toMatchObject({ status: 'pending', outcome: 'success' });
    // Another order's valid link does not pay this order, nor the other one.
    const crossed = await call('GET', `/v1/orders/${orderId}/checkout-success?token=${encodeURIComponent(foreign.token)}`);
    expect(crossed.body).toMatchObject({ status: 'pending' });
    expect((await call('GET', `/v1/orders/${foreign.orderId}`, other)).body.status).toBe('pending_payment');

    const paid = await call('GET', `/v1/orders/${orderId}/checkout-success?token=${encodeURIComponent(token)}`);
    expect(paid.status).toBe(200);
    expect(paid.body).toEqual({
      checkoutId: orderId,
      kind: 'order',
      outcome: 'success',
      status: 'fulfilled',
      message: 'Payment received: your challenge is ready. Sign in to see its trading account.',
    });
    // A reload is harmless: still one challenge for the order.
    expect((await call('GET', `/v1/orders/${orderId}/checkout-success?token=${encodeURIComponent(token)}`)).body.status).toBe('fulfilled');
    const order = await call('GET', `/v1/orders/${orderId}`, trader);
    expect(order.body.status).toBe('fulfilled');
    const challenges = await call('GET', '/v1/challenges', trader);
    expect(challenges.body.items.map((c: { id: string }) => c.id)).toEqual([order.body.challengeId]);
    // Once settled, the cancel link reports the truth rather than "nothing was charged".
    expect((await call('GET', `/v1/orders/${orderId}/checkout-cancel`)).body).toMatchObject({ status: 'fulfilled', outcome: 'cancel' });
  });

  it('serves the trial sign-up the same links are made for', async () => {
    const model = (await call('GET', '/v1/catalog')).body.models[0];
    const started = await call('POST', '/v1/trials', other, { modelId: model.id, balance: model.sizes[0].balance, gatewayId: 'simulated' });
    expect(started.status).toBe(201);
    const signupId = started.body.signupId as string;
    expect((await call('GET', `/v1/orders/${signupId}/checkout-cancel`)).body).toMatchObject({ checkoutId: signupId, kind: 'trial', status: 'pending' });
    const saved = await call('GET', `/v1/orders/${signupId}/checkout-success?token=${encodeURIComponent(tokenOf(started.body.checkout.redirectUrl))}`);
    expect(saved.body).toEqual({
      checkoutId: signupId,
      kind: 'trial',
      outcome: 'success',
      status: 'fulfilled',
      message: 'Your payment method is saved and your free trial has started. Sign in to see its trading account.',
    });
    expect((await call('GET', '/v1/trials/current', other)).body.status).toBe('active');
  });

  it('accepts the provider fields as a form post (redirect checkouts post them), with the same result as the link', async () => {
    const { orderId, token } = await placeOrder(trader);
    const post = (fields: Record<string, string>) =>
      fetch(`${http.url}/v1/orders/${orderId}/checkout-success`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const wrong = await post({ token: 'not-the-token' });
    expect(wrong.status).toBe(200);
    expect(await wrong.json()).toMatchObject({ checkoutId: orderId, status: 'pending', outcome: 'success' });
    const paid = await post({ token });
    expect(paid.headers.get('cache-control')).toBe('no-store');
    expect(await paid.json()).toMatchObject({ checkoutId: orderId, kind: 'order', status: 'fulfilled' });
    expect((await (await post({ token })).json()).status).toBe('fulfilled');
    const challenges = await call('GET', '/v1/challenges', trader);
    const order = await call('GET', `/v1/orders/${orderId}`, trader);
    expect(challenges.body.items.filter((c: { id: string }) => c.id === order.body.challengeId)).toHaveLength(1);
  });

  it('answers an unknown id with 404 and a malformed one with 400', async () => {
    const unknown = await call('GET', '/v1/orders/00000000-0000-4000-8000-000000000000/checkout-success');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ORDER.NOT_FOUND');
    expect((await call('GET', '/v1/orders/not%20an%20id/checkout-cancel')).status).toBe(400);
  });
});
