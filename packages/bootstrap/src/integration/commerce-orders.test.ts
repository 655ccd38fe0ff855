import { AUDIT_LOG_READER, type PaymentEvent, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { emailPayloads } from '@tradesense/adapters-notify';
import { Decimal } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachPlatform } from '../testing/test-platform.js';
import { code, count, knexOf, linkParameters, outbox, register, simulatedEvent, simulatorOf, uowOf, value } from './commerce-helpers.js';

const clock = new ManualClock('2026-11-03T10:00:00Z');

describeEachPlatform(
  'commerce: orders, payments, fulfilment and refunds',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    const loadChallenge = (id: string) => uowOf(ctx.platform).run((tx) => tx.challenges.findById(id));
    const buy = async (userId: string, input: { modelId?: string; balance?: string; swapFree?: boolean; resetOfChallengeId?: string; requestKey?: string } = {}) =>
      value(
        await uc().placeOrder.execute({
          userId,
          gatewayId: 'simulated',
          ...(input.resetOfChallengeId ? {} : { modelId: 'stellar_2step', balance: '100000' }),
          ...input,
        }),
      );
    /** Places an order and pays it through the simulated checkout; returns the order, the paid event and the outcome. */
    async function buyAndPay(userId: string, input: Parameters<typeof buy>[1] = {}) {
      const placed = await buy(userId, input);
      const event = await simulatedEvent(ctx.platform, placed.checkout.redirectUrl);
      const outcome = value(await uc().handlePaymentEvent.execute(event));
      if (outcome.kind !== 'payment_confirmed') throw new Error(`expected a payment, got ${outcome.kind}`);
      return { placed, event, confirmation: outcome.confirmation };
    }

    it('a retry with the key of an attempt that died finds that attempt’s order, with or without its checkout', async () => {
      clock.set('2026-11-03T10:00:00Z');
      const trader = await register(ctx.platform);
      const orders = () => knexOf(ctx.platform)('orders').where({ buyer_id: trader });
      const first = await buy(trader, { requestKey: 'retry-key-0001' });
      // The first attempt finished but its answer was lost: the retry gets the same order and checkout.
      expect(await buy(trader, { requestKey: 'retry-key-0001' })).toEqual(first);
      // An attempt that died after storing its order but before the gateway answered: the retry creates that order's checkout.
      const second = await buy(trader, { requestKey: 'retry-key-0002' });
      await orders().where({ id: second.order.id }).update({ checkout_reference: null, checkout_redirect_url: null, checkout_client_parameters: null });
      const resumed = await buy(trader, { requestKey: 'retry-key-0002' });
      expect(resumed.order).toEqual(second.order);
      expect(resumed.checkout.redirectUrl).toMatch(/\/v1\/payments\/simulated\/confirm\?token=/);
      expect((await orders().where({ id: second.order.id }).first()).checkout_reference).toBe(resumed.checkout.providerReference);
      expect(await orders().pluck('request_key')).toEqual(expect.arrayContaining(['retry-key-0001', 'retry-key-0002']));
      const [counted] = (await orders().count({ n: '*' })) as { n: string | number }[];
      expect(Number(counted!.n)).toBe(2);
    });

    it('places an order with the gateway checkout, then the returning buyer pays and the order is fulfilled once', async () => {
      clock.set('2026-11-03T10:00:00Z');
      const trader = await register(ctx.platform);
      const placed = await buy(trader);
      expect(placed.order).toMatchObject({
        status: 'pending_payment',
        modelId: 'stellar_2step',
        modelVersion: 1,
        accountSize: '100000.00',
        listPrice: '449.00',
        price: '449.00',
        gatewayFee: '0.00',
        total: '449.00',
        currency: 'USD',
      });
      expect(placed.checkout.redirectUrl).toMatch(/\/v1\/payments\/simulated\/confirm\?token=/);
      const row = await knexOf(ctx.platform)('orders').where({ id: placed.order.id }).first();
      expect(row.checkout_reference).toBe(placed.checkout.providerReference);

      const returned = value(
        await uc().returnFromCheckout.execute({
          gatewayId: 'simulated',
          orderId: placed.order.id,
          parameters: linkParameters(placed.checkout.redirectUrl),
        }),
      );
      if (returned.kind !== 'payment_confirmed') throw new Error(returned.kind);
      const { confirmation } = returned;
      expect(confirmation.outcome).toBe('paid');
      expect(confirmation.fulfilment).toMatchObject({ outcome: 'fulfilled' });
      const challengeId = confirmation.fulfilment!.challengeId!;
      const login = confirmation.fulfilment!.account!;

      const challenge = (await loadChallenge(challengeId))!;
      expect(challenge.status).toBe('active');
      expect(challenge.traderId).toBe(trader);
      expect(challenge.account).toBe(login);
      expect(challenge.trial).toBe(false);
      expect([challenge.rules.modelId, challenge.rules.modelVersion, challenge.rules.initialBalance.toFixed()]).toEqual(['stellar_2step', 1, '100000.00']);
      const account = await simulatorOf(ctx.platform).account(login);
      expect([account.balance.toFixed(2), account.leverage, account.group, account.swapFree]).toEqual([
        '100000.00',
        100,
        'tradesense-stellar_2step-p1',
        false,
      ]);
      expect(value(await uc().getOrder.execute({ userId: trader, orderId: placed.order.id }))).toMatchObject({
        status: 'fulfilled',
        challengeId,
      });

      const orderId = placed.order.id;
      expect(await count(ctx.platform, 'outbox', { aggregate_id: orderId, topic: 'OrderPaid' })).toBe(1);
      const [paid] = await outbox(ctx.platform, 'order.paid', orderId);
      expect(paid).toMatchObject({ orderId, buyerId: trader, price: '449.00', total: '449.00', currency: 'USD', trialConversion: false });
      expect(paid!['paymentMethodFingerprint']).toMatch(/^sim_fp_/);
      const [receipt] = await outbox(ctx.platform, 'email.purchase_receipt', orderId);
      expect(emailPayloads['email.purchase_receipt'].safeParse(receipt).success).toBe(true);
      expect(receipt).toMatchObject({ productName: 'Stellar 2-Step 100,000 USD', total: '449.00' });
      const [ready] = await outbox(ctx.platform, 'email.trading_account_ready', challengeId);
      expect(emailPayloads['email.trading_account_ready'].safeParse(ready).success).toBe(true);
      expect(ready).toMatchObject({ login, phase: 1, modelName: 'Stellar 2-Step' });
      expect(await count(ctx.platform, 'outbox', { aggregate_id: challengeId, topic: 'ChallengeActivated' })).toBe(1);
      const claim = await knexOf(ctx.platform)('fulfilment_claims').where({ key: `order:${orderId}` }).first();
      expect(claim).toMatchObject({ challenge_id: challengeId, account_login: login, outcome: 'fulfilled', account_password: null });
    });

    it('takes the same payment event in once, however often it is replayed', async () => {
      clock.set('2026-11-03T11:00:00Z');
      const trader = await register(ctx.platform);
      const { placed, event, confirmation } = await buyAndPay(trader);
      expect(confirmation.outcome).toBe('paid');
      for (let i = 0; i < 100; i += 1) {
        const again = value(await uc().handlePaymentEvent.execute(event));
        expect(again).toMatchObject({ kind: 'payment_confirmed', confirmation: { outcome: 'duplicate', fulfilment: null } });
      }
      // Deliveries racing each other (truly concurrent on the server).
      const raced = await Promise.all(Array.from({ length: 10 }, () => uc().handlePaymentEvent.execute(event)));
      expect(raced.every((r) => r.ok)).toBe(true);
      expect(await count(ctx.platform, 'challenges', { order_id: placed.order.id })).toBe(1);
      expect(await count(ctx.platform, 'challenges', { trader_id: trader })).toBe(1);
      expect(await count(ctx.platform, 'outbox', { aggregate_id: placed.order.id, topic: 'OrderPaid' })).toBe(1);
      expect(await count(ctx.platform, 'outbox', { aggregate_id: placed.order.id, topic: 'OrderFulfilled' })).toBe(1);
      expect(await count(ctx.platform, 'processed_webhook_events', { provider: 'simulated', event_id: event.providerEventId })).toBe(1);
    });

    it('refuses a payment whose amount or currency does not match the order, records it and changes nothing', async () => {
      clock.set('2026-11-03T12:00:00Z');
      const trader = await register(ctx.platform);
      const placed = await buy(trader);
      const event = await simulatedEvent(ctx.platform, placed.checkout.redirectUrl);
      const short: PaymentEvent = { ...event, providerEventId: 'evt_short', amount: event.amount.minus('0.01') };
      const euros: PaymentEvent = { ...event, providerEventId: 'evt_euros', currency: 'EUR' };
      expect(code(await uc().handlePaymentEvent.execute(short))).toBe('ORDER.AMOUNT_MISMATCH');
      expect(code(await uc().handlePaymentEvent.execute(euros))).toBe('ORDER.AMOUNT_MISMATCH');
      expect(code(await uc().handlePaymentEvent.execute({ ...event, providerEventId: 'evt_other', provider: 'stripe' }))).toBe(
        'ORDER.PAYMENT_PROVIDER_MISMATCH',
      );
      expect(value(await uc().getOrder.execute({ userId: trader, orderId: placed.order.id })).status).toBe('pending_payment');
      expect(await count(ctx.platform, 'outbox', { aggregate_id: placed.order.id, topic: 'OrderPaid' })).toBe(0);
      expect(await count(ctx.platform, 'challenges', { order_id: placed.order.id })).toBe(0);
      const refused = await ctx.platform.get(AUDIT_LOG_READER).list({ subjectId: placed.order.id, action: 'payment.refused', limit: 10 });
      expect(refused.map((e) => e.details['code'])).toEqual(['ORDER.PAYMENT_PROVIDER_MISMATCH', 'ORDER.AMOUNT_MISMATCH', 'ORDER.AMOUNT_MISMATCH']);
      expect(refused[2]!.details).toMatchObject({ amount: '448.99', expected: { amount: '449.00', currency: 'USD' } });
      // The genuine event still pays it.
      expect(value(await uc().handlePaymentEvent.execute(event))).toMatchObject({ confirmation: { outcome: 'paid' } });
    });

    it('takes payments in by verified webhook; a declined payment leaves the order payable; forged webhooks never reach the order', async () => {
      clock.set('2026-11-03T12:30:00Z');
      const trader = await register(ctx.platform);
      const placed = await buy(trader, { balance: '10000' });
      const token = new URL(placed.checkout.redirectUrl).searchParams.get('token')!;
      const webhook = (body: Record<string, string>) =>
        uc().receivePaymentWebhook.execute({ gatewayId: 'simulated', request: { rawBody: Buffer.from(JSON.stringify(body)), headers: {} } });
      await expect(webhook({ token: `${token}x` })).rejects.toMatchObject({ code: 'WEBHOOK.SIGNATURE_INVALID' });
      expect(value(await webhook({ token, outcome: 'fail' }))).toMatchObject({ kind: 'payment_failed', orderId: placed.order.id, trialChargeDeclined: false });
      expect(value(await uc().getOrder.execute({ userId: trader, orderId: placed.order.id })).status).toBe('pending_payment');
      expect(value(await webhook({ token }))).toMatchObject({ kind: 'payment_confirmed', confirmation: { outcome: 'paid', fulfilment: { outcome: 'fulfilled' } } });
      expect(value(await webhook({ token }))).toMatchObject({ kind: 'payment_confirmed', confirmation: { outcome: 'duplicate' } });
      expect(code(await uc().receivePaymentWebhook.execute({ gatewayId: 'bitpay', request: { rawBody: Buffer.from('{}'), headers: {} } }))).toBe(
        'PAYMENT.GATEWAY_UNKNOWN',
      );
      expect(code(await uc().returnFromCheckout.execute({ gatewayId: 'simulated', parameters: { token: 'forged.token' } }))).toBe(
        'PAYMENT.CHECKOUT_INVALID',
      );
    });

    it('refuses orders with typed errors: prohibited country, unknown model or size, unknown gateway, disabled gateway', async () => {
      clock.set('2026-11-03T13:00:00Z');
      const american = await register(ctx.platform, { country: 'US' });
      const trader = await register(ctx.platform);
      const admin = await register(ctx.platform, { role: 'admin', name: 'admin' });
      const place = (input: Partial<Parameters<UseCases['placeOrder']['execute']>[0]>) =>
        uc().placeOrder.execute({ userId: trader, modelId: 'stellar_2step', balance: '100000', gatewayId: 'simulated', ...input });
      expect(code(await place({ userId: american }))).toBe('KYC.PROHIBITED_COUNTRY');
      expect(code(await place({ userId: 'nobody' }))).toBe('USER.NOT_FOUND');
      expect(code(await place({ modelId: 'stellar_9step' }))).toBe('CATALOG.MODEL_NOT_FOUND');
      expect(code(await place({ balance: '75000' }))).toBe('CATALOG.SIZE_NOT_FOUND');
      expect(code(await place({ balance: 'lots' }))).toBe('ORDER.INVALID_ITEM');
      expect(code(await place({ gatewayId: 'stripe' }))).toBe('PAYMENT.GATEWAY_UNKNOWN');
      value(await uc().updateGateway.execute({ actorId: admin, gatewayId: 'simulated', changes: { enabled: false } }));
      expect(code(await place({}))).toBe('ORDER.GATEWAY_UNAVAILABLE');
      value(await uc().updateGateway.execute({ actorId: admin, gatewayId: 'simulated', changes: { enabled: true } }));
      expect(await count(ctx.platform, 'orders', { buyer_id: trader })).toBe(0);
    });

    it('shows a trader their own orders only, newest first, page by page', async () => {
      const trader = await register(ctx.platform);
      const other = await register(ctx.platform);
      const ids: string[] = [];
      for (const [minute, balance] of [[0, '5000'], [1, '10000'], [2, '25000']] as const) {
        clock.set(`2026-11-03T14:0${minute}:00Z`);
        ids.push((await buy(trader, { balance })).order.id);
      }
      const first = value(await uc().orderHistory.execute({ userId: trader, limit: 2 }));
      expect(first.items.map((o) => o.id)).toEqual([ids[2], ids[1]]);
      expect(first.items.map((o) => o.total)).toEqual(['179.00', '99.00']);
      const second = value(await uc().orderHistory.execute({ userId: trader, limit: 2, cursor: first.nextCursor }));
      expect(second.items.map((o) => o.id)).toEqual([ids[0]]);
      expect(second.nextCursor).toBeNull();
      expect(value(await uc().orderHistory.execute({ userId: other })).items).toEqual([]);
      expect(code(await uc().getOrder.execute({ userId: other, orderId: ids[0]! }))).toBe('ORDER.NOT_FOUND');
      expect(code(await uc().getOrder.execute({ userId: trader, orderId: 'missing' }))).toBe('ORDER.NOT_FOUND');
    });

    it('fulfils from the model version the order was placed at; swap-free accounts go to the swap-free side', async () => {
      clock.set('2026-11-03T15:00:00Z');
      const trader = await register(ctx.platform);
      const admin = await register(ctx.platform, { role: 'admin', name: 'admin' });
      const before = await buy(trader, { balance: '50000', swapFree: true });
      value(await uc().editModel.execute({ actorId: admin, modelId: 'stellar_2step', revision: { parameters: { dailyLossPercent: '4' } } }));
      const after = await buy(trader, { balance: '50000' });
      expect([before.order.modelVersion, after.order.modelVersion]).toEqual([1, 2]);
      for (const placed of [before, after]) {
        value(await uc().handlePaymentEvent.execute(await simulatedEvent(ctx.platform, placed.checkout.redirectUrl)));
      }
      const [first, second] = await Promise.all(
        [before, after].map(async (p) => (await uowOf(ctx.platform).run((tx) => tx.challenges.findByOrderId(p.order.id)))!),
      );
      expect([first!.rules.modelVersion, first!.rules.dailyLossPercent.toString()]).toEqual([1, '5']);
      expect([second!.rules.modelVersion, second!.rules.dailyLossPercent.toString()]).toEqual([2, '4']);
      expect((await simulatorOf(ctx.platform).account(first!.account!)).swapFree).toBe(true);
      expect((await simulatorOf(ctx.platform).account(second!.account!)).swapFree).toBe(false);
      expect(await uowOf(ctx.platform).run((tx) => tx.challenges.isSwapFree(first!.id))).toBe(true);
      value(await uc().editModel.execute({ actorId: admin, modelId: 'stellar_2step', revision: { parameters: { dailyLossPercent: '5' } } }));
    });

    it('restarts a failed or expired challenge on a fresh account for price × (1 − reset discount)', async () => {
      clock.set('2026-11-03T16:00:00Z');
      const trader = await register(ctx.platform);
      const stranger = await register(ctx.platform);
      const { confirmation } = await buyAndPay(trader, { swapFree: true });
      const challengeId = confirmation.fulfilment!.challengeId!;
      const firstLogin = confirmation.fulfilment!.account!;
      expect(code(await uc().placeOrder.execute({ userId: trader, gatewayId: 'simulated', resetOfChallengeId: challengeId }))).toBe(
        'ORDER.RESET_NOT_ALLOWED',
      );
      await uowOf(ctx.platform).run(async (tx) => {
        const challenge = (await tx.challenges.findById(challengeId))!;
        value(challenge.expire('inactivity', clock.now()));
        await tx.challenges.save(challenge);
      });
      expect(code(await uc().placeOrder.execute({ userId: stranger, gatewayId: 'simulated', resetOfChallengeId: challengeId }))).toBe(
        'CHALLENGE.NOT_FOUND',
      );
      expect(
        code(await uc().placeOrder.execute({ userId: trader, gatewayId: 'simulated', resetOfChallengeId: challengeId, balance: '5000' })),
      ).toBe('ORDER.INVALID_ITEM');
      const reset = await buyAndPay(trader, { resetOfChallengeId: challengeId });
      expect(reset.placed.order).toMatchObject({ listPrice: '449.00', price: '404.10', total: '404.10', resetOfChallengeId: challengeId, swapFree: true });
      expect(reset.confirmation.fulfilment).toMatchObject({ outcome: 'fulfilled', challengeId });
      const restarted = (await loadChallenge(challengeId))!;
      expect([restarted.status, restarted.attempt, restarted.phase]).toEqual(['active', 2, 1]);
      expect(restarted.account).not.toBe(firstLogin);
      expect((await simulatorOf(ctx.platform).account(restarted.account!)).swapFree).toBe(true);
      expect(await count(ctx.platform, 'challenges', { trader_id: trader })).toBe(1);
    });

    it('refunds: a full refund of a fulfilled order refunds the challenge and stops trading; partial refunds are only recorded', async () => {
      clock.set('2026-11-03T17:00:00Z');
      const trader = await register(ctx.platform);
      const { placed, event, confirmation } = await buyAndPay(trader);
      const login = confirmation.fulfilment!.account!;
      const refundEvent = (id: string, amount: string, kind: PaymentEvent['kind'] = 'refunded'): PaymentEvent => ({
        ...event,
        kind,
        providerEventId: id,
        amount: new Decimal(amount),
      });
      expect(value(await uc().handlePaymentEvent.execute(refundEvent('evt_partial', '100')))).toMatchObject({
        refund: { outcome: 'partial', orderStatus: 'fulfilled' },
      });
      expect(value(await uc().handlePaymentEvent.execute({ ...refundEvent('evt_elsewhere', '449'), providerPaymentId: 'sim_other' }))).toMatchObject({
        refund: { outcome: 'ignored' },
      });
      expect(value(await uc().handlePaymentEvent.execute(refundEvent('evt_full', '449.00')))).toMatchObject({
        refund: { outcome: 'refunded', orderStatus: 'refunded' },
      });
      expect(value(await uc().handlePaymentEvent.execute(refundEvent('evt_full', '449.00')))).toMatchObject({ refund: { outcome: 'duplicate' } });
      expect(value(await uc().handlePaymentEvent.execute(refundEvent('evt_dispute_late', '449.00', 'disputed')))).toMatchObject({
        refund: { outcome: 'duplicate' },
      });
      expect((await loadChallenge(confirmation.fulfilment!.challengeId!))!.status).toBe('refunded');
      expect(await outbox(ctx.platform, 'order.refunded', placed.order.id)).toMatchObject([
        { orderId: placed.order.id, buyerId: trader, kind: 'refund', orderStatus: 'refunded', price: '449.00' },
      ]);
      expect(await outbox(ctx.platform, 'platform.disable_trading', login)).toMatchObject([{ login, reason: 'refund' }]);
      const actions = (await ctx.platform.get(AUDIT_LOG_READER).list({ subjectId: placed.order.id, limit: 10 })).map((e) => e.action);
      expect(actions).toEqual(['payment.refunded', 'payment.refund_unmatched', 'payment.partial_refund']);
    });

    it('a chargeback before fulfilment cancels the order, which can then never be fulfilled', async () => {
      clock.set('2026-11-03T18:00:00Z');
      const trader = await register(ctx.platform);
      const placed = await buy(trader);
      // Paid, fulfilment not yet run (the state between the two steps).
      await uowOf(ctx.platform).run(async (tx) => {
        const order = (await tx.orders.findById(placed.order.id))!;
        value(order.confirmPayment({ providerPaymentId: 'sim_manual_1', amount: order.total, at: clock.now() }));
        await tx.orders.save(order);
      });
      const dispute: PaymentEvent = {
        provider: 'simulated',
        providerEventId: 'evt_dispute_1',
        kind: 'disputed',
        orderId: null,
        providerPaymentId: 'sim_manual_1',
        amount: new Decimal('449.00'),
        currency: 'USD',
        paymentMethodFingerprint: null,
        customerRef: null,
        paymentMethodRef: null,
        failureReason: 'fraudulent',
        occurredAt: clock.now(),
        rawType: 'simulated.dispute',
      };
      expect(value(await uc().handlePaymentEvent.execute(dispute))).toMatchObject({ refund: { outcome: 'refunded', orderStatus: 'cancelled' } });
      expect(code(await uc().fulfilOrder.execute({ orderId: placed.order.id }))).toBe('ORDER.CANCELLED');
      expect(await count(ctx.platform, 'challenges', { order_id: placed.order.id })).toBe(0);
      expect(await outbox(ctx.platform, 'order.refunded', placed.order.id)).toMatchObject([{ kind: 'chargeback', orderStatus: 'cancelled', challengeId: null }]);
    });
  },
  { clock },
);
