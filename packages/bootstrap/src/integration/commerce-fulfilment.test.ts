import {
  AccountProvisioner,
  ConfirmPayment,
  FulfilOrder,
  ID_GENERATOR,
  USE_CASE_DEPENDENCIES,
  commerceLinks,
  createChallengeWriter,
  createTradingAccountWriter,
  type UnitOfWork,
  type UseCases,
} from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { TRADING_CALENDAR } from '../runtime/tokens.js';
import { describeEachPlatform } from '../testing/test-platform.js';
import { code, count, countingPlatform, knexOf, register, simulatedEvent, simulatorOf, uowOf, value } from './commerce-helpers.js';

const clock = new ManualClock('2026-11-04T10:00:00Z');

/** A unit of work whose `failOnRun`-th transaction throws after its work wrote everything, just before commit. */
function crashingBeforeCommit(uow: UnitOfWork, failOnRun: number): UnitOfWork & { runs: () => number } {
  let runs = 0;
  return {
    runs: () => runs,
    run: (work) =>
      uow.run(async (tx) => {
        const result = await work(tx);
        runs += 1;
        if (runs === failOnRun) throw new Error('the process died before commit');
        return result;
      }),
  };
}

describeEachPlatform(
  'commerce: exactly-once fulfilment and atomic payment',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    const fulfilWith = (uow: UnitOfWork, platform: ReturnType<typeof countingPlatform>) => {
      // The challenge writer of a use-case set built on this unit of work, so its phase account opens in the same transaction.
      const deps = { ...ctx.platform.get(USE_CASE_DEPENDENCIES), uow, tradingPlatform: platform.platform, clock };
      const tradingAccounts = createTradingAccountWriter(deps, {});
      return new FulfilOrder(
        uow,
        new AccountProvisioner(uow, platform.platform, clock),
        ctx.platform.get(ID_GENERATOR),
        clock,
        ctx.platform.get(TRADING_CALENDAR),
        createChallengeWriter(deps, tradingAccounts),
      );
    };

    /** An order that is paid and not yet fulfilled (the state between the two steps). */
    async function paidOrder(): Promise<string> {
      const trader = await register(ctx.platform);
      const placed = value(
        await uc().placeOrder.execute({ userId: trader, modelId: 'stellar_1step', balance: '25000', gatewayId: 'simulated' }),
      );
      await uowOf(ctx.platform).run(async (tx) => {
        const order = (await tx.orders.findById(placed.order.id))!;
        value(order.confirmPayment({ providerPaymentId: `sim_paid_${placed.order.id}`, amount: order.total, at: clock.now() }));
        await tx.orders.save(order);
      });
      return placed.order.id;
    }

    it('two concurrent fulfilments of one order make one challenge on one trading account', async () => {
      clock.set('2026-11-04T10:00:00Z');
      const orderId = await paidOrder();
      const observed = countingPlatform(ctx.platform);
      const fulfil = fulfilWith(uowOf(ctx.platform), observed);
      const results = await Promise.all([fulfil.execute({ orderId }), fulfil.execute({ orderId })]);
      const outcomes = results.map((r) => value(r).outcome);
      expect(outcomes.filter((o) => o === 'fulfilled')).toHaveLength(1);
      expect(['in_progress', 'already_fulfilled']).toContain(outcomes.find((o) => o !== 'fulfilled'));
      expect(observed.created()).toBe(1);
      expect(await count(ctx.platform, 'challenges', { order_id: orderId })).toBe(1);
      // More attempts, at once and afterwards, change nothing.
      const more = await Promise.all(Array.from({ length: 5 }, () => fulfil.execute({ orderId })));
      expect(more.map((r) => value(r).outcome)).toEqual(Array(5).fill('already_fulfilled'));
      expect(observed.created()).toBe(1);
      expect(await count(ctx.platform, 'challenges', { order_id: orderId })).toBe(1);
      expect(await count(ctx.platform, 'outbox', { aggregate_id: orderId, topic: 'OrderFulfilled' })).toBe(1);
    });

    it('a crash after the account was made but before the challenge committed leaves nothing half done, and the retry reuses the account', async () => {
      clock.set('2026-11-04T11:00:00Z');
      const orderId = await paidOrder();
      const observed = countingPlatform(ctx.platform);
      // Transactions of one fulfilment: prepare, claim, record the account, complete. The 4th dies before commit.
      const crashing = crashingBeforeCommit(uowOf(ctx.platform), 4);
      await expect(fulfilWith(crashing, observed).execute({ orderId })).rejects.toThrow('the process died before commit');
      expect(crashing.runs()).toBe(4);
      expect(observed.created()).toBe(1);
      // Neither the state change nor its outbox rows survived.
      expect(value(await uc().getOrder.execute({ userId: (await knexOf(ctx.platform)('orders').where({ id: orderId }).first()).buyer_id, orderId })).status).toBe('paid');
      expect(await count(ctx.platform, 'challenges', { order_id: orderId })).toBe(0);
      expect(await count(ctx.platform, 'outbox', { aggregate_id: orderId, topic: 'OrderFulfilled' })).toBe(0);
      const claim = await knexOf(ctx.platform)('fulfilment_claims').where({ key: `order:${orderId}` }).first();
      expect(claim.completed_at).toBeNull();
      expect(await count(ctx.platform, 'outbox', { aggregate_id: claim.challenge_id, topic: 'ChallengeCreated' })).toBe(0);

      const retried = value(await fulfilWith(uowOf(ctx.platform), observed).execute({ orderId }));
      expect(retried).toMatchObject({ outcome: 'fulfilled', challengeId: claim.challenge_id, account: claim.account_login });
      expect(observed.created()).toBe(1);
      expect(await count(ctx.platform, 'challenges', { order_id: orderId })).toBe(1);
      expect((await simulatorOf(ctx.platform).account(claim.account_login)).balance.toFixed(2)).toBe('25000.00');
    });

    it('a crash after the payment was written but before commit leaves neither the payment nor its outbox rows; the redelivery pays', async () => {
      clock.set('2026-11-04T12:00:00Z');
      const trader = await register(ctx.platform);
      const placed = value(
        await uc().placeOrder.execute({ userId: trader, modelId: 'stellar_1step', balance: '5000', gatewayId: 'simulated' }),
      );
      const event = await simulatedEvent(ctx.platform, placed.checkout.redirectUrl);
      const crashing = crashingBeforeCommit(uowOf(ctx.platform), 1);
      const confirm = new ConfirmPayment(crashing, uc().fulfilOrder, clock, commerceLinks('http://127.0.0.1'));
      await expect(confirm.execute(event)).rejects.toThrow('the process died before commit');
      expect(value(await uc().getOrder.execute({ userId: trader, orderId: placed.order.id })).status).toBe('pending_payment');
      for (const topic of ['OrderPaid', 'order.paid', 'email.purchase_receipt']) {
        expect(await count(ctx.platform, 'outbox', { aggregate_id: placed.order.id, topic })).toBe(0);
      }
      expect(await count(ctx.platform, 'processed_webhook_events', { event_id: event.providerEventId })).toBe(0);
      expect(value(await uc().handlePaymentEvent.execute(event))).toMatchObject({
        confirmation: { outcome: 'paid', fulfilment: { outcome: 'fulfilled' } },
      });
      expect(await count(ctx.platform, 'outbox', { aggregate_id: placed.order.id, topic: 'OrderPaid' })).toBe(1);
    });

    it('an account made for an order refunded meanwhile is switched off, never handed out', async () => {
      clock.set('2026-11-04T12:30:00Z');
      const orderId = await paidOrder();
      const observed = countingPlatform(ctx.platform);
      await expect(fulfilWith(crashingBeforeCommit(uowOf(ctx.platform), 4), observed).execute({ orderId })).rejects.toThrow();
      const refunded = await uc().handlePaymentEvent.execute({
        provider: 'simulated',
        providerEventId: `evt_refund_${orderId}`,
        kind: 'refunded',
        orderId,
        providerPaymentId: `sim_paid_${orderId}`,
        amount: new Decimal('199.00'),
        currency: 'USD',
        paymentMethodFingerprint: null,
        customerRef: null,
        paymentMethodRef: null,
        failureReason: null,
        occurredAt: clock.now(),
        rawType: 'simulated.refund',
      });
      expect(value(refunded)).toMatchObject({ refund: { outcome: 'refunded', orderStatus: 'cancelled' } });
      expect(code(await fulfilWith(uowOf(ctx.platform), observed).execute({ orderId }))).toBe('ORDER.CANCELLED');
      expect(code(await fulfilWith(uowOf(ctx.platform), observed).execute({ orderId }))).toBe('ORDER.CANCELLED');
      const claim = await knexOf(ctx.platform)('fulfilment_claims').where({ key: `order:${orderId}` }).first();
      expect(claim.outcome).toBe('orphaned');
      expect(await count(ctx.platform, 'outbox', { topic: 'platform.disable_trading', aggregate_id: claim.account_login })).toBe(1);
      expect(await count(ctx.platform, 'challenges', { order_id: orderId })).toBe(0);
      expect(observed.created()).toBe(1);
    });

    it('fulfilling an unpaid or unknown order is refused', async () => {
      clock.set('2026-11-04T13:00:00Z');
      const trader = await register(ctx.platform);
      const placed = value(await uc().placeOrder.execute({ userId: trader, modelId: 'stellar_1step', balance: '5000', gatewayId: 'simulated' }));
      expect(code(await uc().fulfilOrder.execute({ orderId: placed.order.id }))).toBe('ORDER.NOT_PAID');
      expect(code(await uc().fulfilOrder.execute({ orderId: 'missing' }))).toBe('ORDER.NOT_FOUND');
      expect(await count(ctx.platform, 'fulfilment_claims', { key: `order:${placed.order.id}` })).toBe(0);
    });
  },
  { clock },
);
