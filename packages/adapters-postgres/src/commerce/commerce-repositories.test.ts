import { ConcurrencyConflict } from '@tradesense/application';
import {
  ChallengeModel,
  DEFAULT_GATEWAY_SETTINGS,
  Decimal,
  Money,
  Order,
  Percent,
  PaymentGateway,
  ProhibitedCountries,
  STELLAR_MODELS,
  Trial,
  unwrap,
} from '@tradesense/domain';
import { expect, it } from 'vitest';
import { ListedMigrationSource, migrateToLatest } from '../migrations/index.js';
import { runSeeds } from '../seed/index.js';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';

const at = new Date('2026-11-02T10:00:00Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);

const stripe = PaymentGateway.of({
  id: 'stripe',
  enabled: true,
  allowedCountries: null,
  blockedCountries: [],
  availability: null,
  fee: { percent: Percent.of('2.9'), fixed: Money.of('0.30') },
});

function placeOrder(id: string, buyerId: string, when: Date, reset: string | null = null): Order {
  const order = unwrap(
    Order.place(
      {
        id,
        buyerId,
        buyerCountry: 'DE',
        item: {
          modelId: 'stellar_2step',
          modelVersion: 1,
          accountSize: Money.of(100_000),
          swapFree: true,
          reset: reset ? { challengeId: reset, discount: Percent.of(10) } : null,
        },
        listPrice: Money.of(449),
        gateway: stripe,
        at: when,
      },
      ProhibitedCountries.default(),
    ),
  );
  order.pullEvents();
  return order;
}

describeEachDatabase('commerce repositories', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);
  const user = async (id: string) =>
    ctx.db.knex('users').insert({
      id,
      email: `${id}@example.com`,
      password_hash: 'h',
      role: 'trader',
      country: 'DE',
      created_at: at,
      password_changed_at: at,
      version: 1,
    });

  it('applies the migrations from empty and seeds the catalog once, however often it runs', async () => {
    for (const table of ['challenge_models', 'challenge_model_versions', 'payment_gateways', 'prohibited_countries', 'orders', 'fulfilment_claims', 'trials', 'trial_checkouts', 'saved_payment_methods']) {
      expect(await ctx.db.knex.schema.hasTable(table)).toBe(true);
    }
    await runSeeds(ctx.db.knex, at);
    const counts = async () =>
      Promise.all(
        ['challenge_models', 'challenge_model_versions', 'payment_gateways', 'prohibited_countries'].map(async (table) => {
          const [row] = await ctx.db.knex(table).count({ n: '*' });
          return Number(row!.n);
        }),
      );
    expect(await counts()).toEqual([3, 3, 6, 6]);
    await runSeeds(ctx.db.knex, minutes(1));
    await Promise.all([runSeeds(ctx.db.knex, minutes(2)), runSeeds(ctx.db.knex, minutes(2))]);
    expect(await counts()).toEqual([3, 3, 6, 6]);
    const models = await uow().run((tx) => tx.challengeModels.list());
    // Exactly the rule book's models, sizes and prices.
    expect(models.map((m) => m.toState())).toEqual(STELLAR_MODELS.map((state) => ChallengeModel.restore(state).toState()));
    const gateways = await uow().run((tx) => tx.paymentGatewaySettings.list());
    expect(gateways.map((g) => g.id)).toEqual(DEFAULT_GATEWAY_SETTINGS.map((g) => g.id));
    const upi = gateways.find((g) => g.id === 'upi')!;
    expect([upi.allowedCountries, upi.availability, upi.fee.percent.toString(), upi.fee.fixed.toFixed()]).toEqual([
      ['IN'],
      { timeZone: 'Asia/Kolkata', opens: '06:00', closes: '23:30' },
      '2',
      '0.00',
    ]);
    // UPI collects rupees: seeded with the documented USD→INR rate, kept exactly.
    expect([upi.settlement?.currency, upi.settlement?.rate.toFixed()]).toEqual(['INR', '84.1234']);
    expect(gateways.filter((g) => g.settlement).map((g) => g.id)).toEqual(['upi']);
  });

  it('keeps every model version and fails a stale model write with a conflict', async () => {
    const first = await uow().run((tx) => tx.challengeModels.findById('stellar_2step'));
    await uow().run(async (tx) => {
      const model = (await tx.challengeModels.findById('stellar_2step'))!;
      unwrap(model.setSizePrice('5000', '55', 'admin', minutes(5)));
      await tx.challengeModels.save(model, minutes(5));
    });
    const v1 = await uow().run((tx) => tx.challengeModels.findVersion('stellar_2step', 1));
    const v2 = await uow().run((tx) => tx.challengeModels.findVersion('stellar_2step', 2));
    expect([v1!.size('5000')!.price.toFixed(), v2!.size('5000')!.price.toFixed()]).toEqual(['49.00', '55.00']);
    expect(first!.version).toBe(1);
    await expect(
      ctx.db.knex.transaction(async (trx) => {
        const { VersionTracker } = await import('../uow/version-tracker.js');
        const versions = new VersionTracker();
        versions.loaded(first!, 1);
        await versions.save(trx, 'challenge_models', 'challenge_model', first!, first!.id, { name: 'stale' });
      }),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
  });

  it('remembers the Idempotency-Key an order was placed with: one order per buyer and key', async () => {
    await user('buyer-k');
    await uow().run(async (tx) => {
      await tx.orders.save(placeOrder('o-k1', 'buyer-k', minutes(10)));
      await tx.orders.recordRequestKey('o-k1', 'buyer-k', 'key-0001');
    });
    expect((await uow().run((tx) => tx.orders.findByRequestKey('buyer-k', 'key-0001')))?.id).toBe('o-k1');
    expect(await uow().run((tx) => tx.orders.findByRequestKey('buyer-k', 'key-0002'))).toBeNull();
    await expect(
      uow().run(async (tx) => {
        await tx.orders.save(placeOrder('o-k2', 'buyer-k', minutes(11)));
        await tx.orders.recordRequestKey('o-k2', 'buyer-k', 'key-0001');
      }),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
    // The refused attempt left nothing behind.
    expect(await uow().run((tx) => tx.orders.findById('o-k2'))).toBeNull();
  });

  it('round-trips an order through every state, finds it by payment and checkout, and pages a buyer’s orders', async () => {
    await user('buyer-1');
    const order = placeOrder('o-1', 'buyer-1', minutes(10), 'ch-reset');
    await uow().run((tx) => tx.orders.save(order));
    expect(await uow().run((tx) => tx.orders.checkoutOf('o-1'))).toBeNull();
    const checkout = { providerReference: 'cs_1', redirectUrl: 'https://pay.example/cs_1', clientParameters: { publishableKey: 'pk_1' } };
    await uow().run((tx) => tx.orders.recordCheckout('o-1', checkout, minutes(10)));
    expect(await uow().run((tx) => tx.orders.checkoutOf('o-1'))).toEqual(checkout);
    await uow().run(async (tx) => {
      const loaded = (await tx.orders.findById('o-1', { forUpdate: true }))!;
      expect({ ...loaded.toState(), version: 0 }).toEqual(order.toState());
      unwrap(loaded.confirmPayment({ providerPaymentId: 'pi_1', amount: loaded.total, at: minutes(11) }));
      await tx.orders.save(loaded);
      unwrap(loaded.fulfil({ challengeId: 'ch-1', at: minutes(12) }));
      await tx.orders.save(loaded);
    });
    const paid = await uow().run((tx) => tx.orders.findByPayment('stripe', 'pi_1'));
    expect(paid!.toState()).toMatchObject({
      status: 'fulfilled',
      total: '416.12',
      price: '404.1',
      resetDiscount: '10',
      swapFree: true,
      payment: { providerPaymentId: 'pi_1', amount: '416.12', confirmedAt: minutes(11) },
      fulfilment: { challengeId: 'ch-1', fulfilledAt: minutes(12) },
      version: 3,
    });
    expect((await uow().run((tx) => tx.orders.findByCheckoutReference('stripe', 'cs_1')))!.id).toBe('o-1');
    expect(await uow().run((tx) => tx.orders.checkoutReference('o-1'))).toBe('cs_1');

    for (let i = 2; i <= 5; i += 1) await uow().run((tx) => tx.orders.save(placeOrder(`o-${i}`, 'buyer-1', minutes(10 + i))));
    const first = await uow().run((tx) => tx.orders.listByBuyer('buyer-1', { limit: 3 }));
    expect(first.items.map((o) => o.id)).toEqual(['o-5', 'o-4', 'o-3']);
    const second = await uow().run((tx) => tx.orders.listByBuyer('buyer-1', { limit: 3, cursor: first.nextCursor }));
    expect([second.items.map((o) => o.id), second.nextCursor]).toEqual([['o-2', 'o-1'], null]);
  });

  it('fails a stale order write with a typed conflict, keeping the winner', async () => {
    await user('buyer-2');
    await uow().run((tx) => tx.orders.save(placeOrder('o-race', 'buyer-2', minutes(20))));
    // Both transactions read before either writes (a barrier), so the loser's
    // write is necessarily based on the stale version.
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const pay = (paymentId: string, race = false) =>
      uow().run(async (tx) => {
        const order = (await tx.orders.findById('o-race'))!;
        if (race) {
          arrived += 1;
          if (arrived === 2) release();
          await bothRead;
        }
        unwrap(order.confirmPayment({ providerPaymentId: paymentId, amount: order.total, at: minutes(21) }));
        await tx.orders.save(order);
      });
    if (ctx.db.driver === 'pglite') {
      // One connection: a stale copy saved after the winner stands in for the interleaving.
      const stale = await uow().run((tx) => tx.orders.findById('o-race'));
      await pay('pi_a');
      const { VersionTracker } = await import('../uow/version-tracker.js');
      const versions = new VersionTracker();
      versions.loaded(stale!, 1);
      await expect(
        ctx.db.knex.transaction((trx) => versions.save(trx, 'orders', 'order', stale!, 'o-race', { status: 'paid' })),
      ).rejects.toBeInstanceOf(ConcurrencyConflict);
    } else {
      const results = await Promise.allSettled([pay('pi_a', true), pay('pi_b', true)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failure.reason).toBeInstanceOf(ConcurrencyConflict);
    }
    const row = await ctx.db.knex('orders').where({ id: 'o-race' }).first();
    expect([row.status, row.version]).toEqual(['paid', 2]);
  });

  it('claims a fulfilment once, records its account once, and lets a dead claim be taken over only after its lease', async () => {
    const claims = (fn: (tx: Parameters<Parameters<ReturnType<typeof uow>['run']>[0]>[0]) => Promise<unknown>) => uow().run(fn);
    const first = (await claims((tx) => tx.fulfilmentClaims.claim({ key: 'order:x', challengeId: 'ch-a', at, leaseUntil: minutes(5) }))) as {
      claimed: boolean;
    };
    const second = (await claims((tx) => tx.fulfilmentClaims.claim({ key: 'order:x', challengeId: 'ch-b', at: minutes(1), leaseUntil: minutes(6) }))) as {
      claimed: boolean;
      claim: { challengeId: string };
    };
    expect([first.claimed, second.claimed, second.claim.challengeId]).toEqual([true, false, 'ch-a']);
    const takeover = (await claims((tx) => tx.fulfilmentClaims.claim({ key: 'order:x', challengeId: 'ch-c', at: minutes(5), leaseUntil: minutes(10) }))) as {
      claimed: boolean;
      claim: { challengeId: string };
    };
    expect([takeover.claimed, takeover.claim.challengeId]).toEqual([true, 'ch-a']);
    const account = { login: '1001', group: 'g', password: 'pw', investorPassword: 'ipw' };
    expect(await uow().run((tx) => tx.fulfilmentClaims.recordAccount('order:x', account, minutes(6)))).toBe(true);
    expect(await uow().run((tx) => tx.fulfilmentClaims.recordAccount('order:x', { ...account, login: '1002' }, minutes(6)))).toBe(false);
    // With an account on record the claim is never taken over, whatever the lease says.
    const late = await uow().run((tx) => tx.fulfilmentClaims.claim({ key: 'order:x', challengeId: 'ch-d', at: minutes(60), leaseUntil: minutes(65) }));
    expect([late.claimed, late.claim.account?.login]).toEqual([false, '1001']);
    await uow().run((tx) => tx.fulfilmentClaims.complete('order:x', 'fulfilled', minutes(7)));
    expect(await uow().run((tx) => tx.fulfilmentClaims.find('order:x'))).toMatchObject({
      outcome: 'fulfilled',
      completedAt: minutes(7),
      account: { login: '1001', password: null, investorPassword: null },
    });
  });

  it('round-trips a trial with its attempts and finds the ones due for a reminder or a charge', async () => {
    await user('trader-t');
    await ctx.db.knex('saved_payment_methods').insert({
      id: 'pm-1',
      trader_id: 'trader-t',
      gateway_id: 'simulated',
      customer_ref: 'c',
      payment_method_ref: 'p',
      saved_at: at,
    });
    const trial = unwrap(
      Trial.start({
        id: 't-1',
        traderId: 'trader-t',
        plan: { modelId: 'stellar_1step', modelVersion: 1, accountSize: Money.of(10_000), swapFree: false, price: Money.of(109) },
        paymentMethodId: 'pm-1',
        at,
      }),
    );
    await uow().run((tx) => tx.trials.save(trial));
    const day = 86_400_000;
    const end = new Date(at.getTime() + 7 * day);
    expect((await uow().run((tx) => tx.trials.listReminderDue(new Date(end.getTime() - day - 1), 10))).length).toBe(0);
    expect((await uow().run((tx) => tx.trials.listReminderDue(new Date(end.getTime() - day), 10))).map((t) => t.id)).toEqual(['t-1']);
    expect((await uow().run((tx) => tx.trials.listChargeDue(end, 10))).map((t) => t.id)).toEqual(['t-1']);
    await uow().run(async (tx) => {
      const loaded = (await tx.trials.findById('t-1', { forUpdate: true }))!;
      unwrap(loaded.recordChargeFailed({ reason: 'card_declined', at: end }));
      await tx.trials.save(loaded);
    });
    const reloaded = (await uow().run((tx) => tx.trials.findByTrader('trader-t')))!;
    expect(reloaded.toState()).toEqual({ ...trial.toState(), version: 2, attempts: reloaded.attempts });
    expect(reloaded.attempts).toEqual([{ number: 1, at: end, outcome: 'failed', providerPaymentId: null, failureReason: 'card_declined' }]);
    expect(await uow().run((tx) => tx.trials.listChargeDue(end, 10))).toEqual([]);
    expect((await uow().run((tx) => tx.trials.listChargeDue(new Date(end.getTime() + day), 10))).map((t) => t.id)).toEqual(['t-1']);
    const second = unwrap(
      Trial.start({
        id: 't-2',
        traderId: 'trader-t',
        plan: { modelId: 'stellar_1step', modelVersion: 1, accountSize: Money.of(10_000), swapFree: false, price: Money.of(109) },
        paymentMethodId: 'pm-1',
        at,
      }),
    );
    await expect(uow().run((tx) => tx.trials.save(second))).rejects.toMatchObject({ code: 'TRIAL.ALREADY_USED' });
  });
  it('stores an order’s frozen charge in the settlement currency with its rate, and a gateway’s settlement', async () => {
    await user('buyer-inr');
    const upiSettings = (await uow().run((tx) => tx.paymentGatewaySettings.findById('upi')))!;
    const inIndia = new Date('2026-11-02T06:00:00Z'); // 11:30 in Kolkata
    const order = unwrap(
      Order.place(
        {
          id: 'o-inr',
          buyerId: 'buyer-inr',
          buyerCountry: 'IN',
          item: { modelId: 'stellar_1step', modelVersion: 1, accountSize: Money.of(5_000), swapFree: false, reset: null },
          listPrice: Money.of('59.00'),
          gateway: PaymentGateway.of(upiSettings),
          at: inIndia,
        },
        ProhibitedCountries.default(),
      ),
    );
    await uow().run((tx) => tx.orders.save(order));
    const row = await ctx.db.knex('orders').where({ id: 'o-inr' }).first();
    expect([row.total, row.charge_amount, row.charge_currency, row.charge_rate].map(String)).toEqual(['60.18', '5062.5500', 'INR', '84.1234000000']);
    // A new rate afterwards: the stored order keeps its charge.
    await uow().run(async (tx) => tx.paymentGatewaySettings.save({ ...upiSettings, settlement: { currency: 'INR', rate: Decimal(90) } }, inIndia));
    const loaded = (await uow().run((tx) => tx.orders.findById('o-inr')))!;
    expect({ ...loaded.toState(), version: 0 }).toEqual(order.toState());
    expect([loaded.charge.amount.toFixed(), loaded.charge.currency, loaded.chargeRate?.toFixed()]).toEqual(['5062.55', 'INR', '84.1234']);
    expect((await uow().run((tx) => tx.paymentGatewaySettings.findById('upi')))!.settlement?.rate.toFixed()).toBe('90');
    await uow().run(async (tx) => tx.paymentGatewaySettings.save({ ...upiSettings, settlement: null }, inIndia));
    expect((await uow().run((tx) => tx.paymentGatewaySettings.findById('upi')))!.settlement).toBeNull();
    await uow().run(async (tx) => tx.paymentGatewaySettings.save(upiSettings, inIndia));
  });

  it('gives an order placed before charges were recorded its total as charge, and a gateway row seeded before settlements the seeded one', async () => {
    const knex = ctx.db.knex;
    await user('buyer-old');
    const order = placeOrder('o-old', 'buyer-old', minutes(30));
    await uow().run((tx) => tx.orders.save(order));
    await knex.migrate.down({ migrationSource: new ListedMigrationSource(), name: '0008_order_charge' });
    await knex('seed_runs').where({ name: 'catalog.payment_gateways.settlement.v1' }).delete();
    expect(await migrateToLatest(knex)).toEqual(['0008_order_charge']);
    const migrated = (await uow().run((tx) => tx.orders.findById('o-old')))!;
    expect([migrated.charge.amount.toFixed(), migrated.charge.currency, migrated.chargeRate]).toEqual(['462.32', 'USD', null]);
    expect((await uow().run((tx) => tx.paymentGatewaySettings.findById('upi')))!.settlement).toBeNull();
    await runSeeds(knex, minutes(31));
    expect((await uow().run((tx) => tx.paymentGatewaySettings.findById('upi')))!.settlement?.rate.toFixed()).toBe('84.1234');
    // Once only: an admin who later removes the settlement is not overruled at the next start.
    const upi = (await uow().run((tx) => tx.paymentGatewaySettings.findById('upi')))!;
    await uow().run((tx) => tx.paymentGatewaySettings.save({ ...upi, settlement: null }, minutes(32)));
    await runSeeds(knex, minutes(33));
    expect((await uow().run((tx) => tx.paymentGatewaySettings.findById('upi')))!.settlement).toBeNull();
    await uow().run((tx) => tx.paymentGatewaySettings.save(upi, minutes(34)));
  });
});
