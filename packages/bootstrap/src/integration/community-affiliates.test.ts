import { OUTBOX_STORE, UNIT_OF_WORK, affiliateCommissionHandler, type OutboxHandler, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { DATABASE } from '@tradesense/adapters-postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachPlatform } from '../testing/test-platform.js';
import { code, trader, value } from './community-helpers.js';

const START = '2026-03-02T12:00:00Z';
const clock = new ManualClock(START);

describeEachPlatform(
  'community: affiliates',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    const knex = () => ctx.platform.get(DATABASE).knex;
    const users: Record<string, string> = {};
    let handler: OutboxHandler;
    let affCode = '';
    let cookie = '';

    /** Writes an order message as commerce does and delivers it to the handler `times` times (at-least-once). */
    async function deliver(topic: 'order.paid' | 'order.refunded', payload: Record<string, unknown>, times = 2): Promise<void> {
      const at = clock.now();
      await ctx.platform.get(UNIT_OF_WORK).run((tx) =>
        tx.outbox.add([{ topic, aggregateType: 'order', aggregateId: String(payload['orderId']), payload, occurredAt: at }]),
      );
      const store = ctx.platform.get(OUTBOX_STORE);
      const [message] = await store.claimDue('test', at, new Date(at.getTime() + 60_000), 1, [topic]);
      for (let i = 0; i < times; i++) await handler.handle(message!);
      await store.markDelivered(message!.id, 'test', at);
    }

    const paid = (orderId: string, buyer: string, price: string, fingerprint: string | null, paidAt = clock.now()) =>
      deliver('order.paid', {
        orderId,
        buyerId: users[buyer],
        gatewayId: 'simulated',
        currency: 'USD',
        price,
        total: price,
        paymentMethodFingerprint: fingerprint,
        trialConversion: false,
        paidAt: paidAt.toISOString(),
      });

    const commissions = () => knex()('affiliate_commissions').orderBy('position').select('order_id', 'tier_id', 'rate', 'amount', 'reversal_reason');
    const count = async (topic: string) => Number((await knex()('outbox').where({ topic }).count({ n: '*' }))[0]!.n);

    // The next database's platform starts its simulated market at the clock's time.
    afterAll(() => clock.set(START));

    beforeAll(async () => {
      handler = affiliateCommissionHandler(ctx.platform.useCases);
      users.aff = await trader(ctx.platform, 'aff');
      users.aff2 = await trader(ctx.platform, 'aff2');
      users.early = await trader(ctx.platform, 'early');
    });

    it('registers an affiliate once, with an unguessable case-insensitive code', async () => {
      const registered = value(await uc().registerAffiliate.execute({ userId: users.aff! }));
      expect(registered.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(registered.tierId).toBe('star');
      affCode = registered.code;
      expect(code(await uc().registerAffiliate.execute({ userId: users.aff! }))).toBe('AFFILIATE.ALREADY_REGISTERED');
      expect(code(await uc().registerAffiliate.execute({ userId: 'nobody' }))).toBe('USER.NOT_FOUND');
      const second = value(await uc().registerAffiliate.execute({ userId: users.aff2! }));
      expect(second.code).not.toBe(affCode);
      expect(await count('AffiliateRegistered')).toBe(2);
    });

    it('tracks a click with a 90-day attribution cookie', async () => {
      clock.advanceMinutes(1);
      const click = value(await uc().trackClick.execute({ code: affCode.toLowerCase() }));
      expect(click).toMatchObject({ code: affCode, expiresAt: new Date('2026-05-31T12:01:00Z'), maxAgeSeconds: 90 * 86_400 });
      cookie = click.cookieValue;
      expect(cookie.length).toBeGreaterThanOrEqual(24);
      expect(code(await uc().trackClick.execute({ code: 'ZZZZZZZZ' }))).toBe('AFFILIATE.NOT_FOUND');
      expect(code(await uc().trackClick.execute({ code: 'not a code' }))).toBe('AFFILIATE.INVALID_CODE');
    });

    it('links a signup inside the window, once, to one affiliate only', async () => {
      clock.advanceMinutes(60);
      for (const handle of ['ref1', 'ref2', 'ref3', 'ref4', 'ref5']) {
        users[handle] = await trader(ctx.platform, handle);
        expect(value(await uc().linkSignup.execute({ userId: users[handle]!, cookieValue: cookie }))).toEqual({ linked: true });
      }
      // Linking again changes nothing; another affiliate's cookie cannot take the user over.
      value(await uc().linkSignup.execute({ userId: users.ref1!, cookieValue: cookie }));
      const { code: otherCode } = value(await uc().affiliateDashboard.execute({ userId: users.aff2! }));
      const other = value(await uc().trackClick.execute({ code: otherCode }));
      expect(code(await uc().linkSignup.execute({ userId: users.ref1!, cookieValue: other.cookieValue }))).toBe('AFFILIATE.ALREADY_REFERRED');
      // A user who signed up before the click is not the click's signup.
      expect(code(await uc().linkSignup.execute({ userId: users.early!, cookieValue: cookie }))).toBe('AFFILIATE.ATTRIBUTION_EXPIRED');
      expect(code(await uc().linkSignup.execute({ userId: users.ref1!, cookieValue: 'forged' }))).toBe('AFFILIATE.ATTRIBUTION_NOT_FOUND');
      expect(await knex()('affiliate_referrals').count({ n: '*' })).toEqual([{ n: '5' }]);
      expect(await count('AffiliateReferralLinked')).toBe(5);
    });

    it('earns once, on the first paid order, at the tier rate (a re-delivered event earns nothing more)', async () => {
      clock.advanceMinutes(60);
      await paid('o-1', 'ref1', '599.00', 'card-ref1');
      expect(await commissions()).toEqual([{ order_id: 'o-1', tier_id: 'star', rate: '8.00000000', amount: '47.92', reversal_reason: null }]);
      // The second order of the same referred user earns nothing.
      await paid('o-2', 'ref1', '999.00', 'card-ref1');
      expect(await commissions()).toHaveLength(1);
      expect(await count('AffiliateCommissionEarned')).toBe(1);
      // A buyer nobody referred: nothing to earn, nothing parked.
      await paid('o-3', 'aff2', '100.00', 'card-aff2');
      expect(await commissions()).toHaveLength(1);
    });

    it('pays nothing on a self-referral by the same payment fingerprint', async () => {
      // The affiliate buys with a card, then a referred account pays with the same card.
      await paid('o-4', 'aff', '100.00', 'card-aff');
      await paid('o-5', 'ref2', '599.00', ' card-aff ');
      expect(await commissions()).toHaveLength(1);
      const direct = await uc().earnCommission.execute({
        orderId: 'o-5', buyerId: users.ref2!, amount: '599.00', currency: 'USD', paidAt: clock.now(), paymentFingerprint: 'card-aff',
      });
      expect(code(direct)).toBe('AFFILIATE.SELF_REFERRAL');
      expect(code(await uc().earnCommission.execute({ orderId: 'o-9', buyerId: users.aff2!, amount: '1', currency: 'USD', paidAt: clock.now() }))).toBe(
        'AFFILIATE.NOT_REFERRED',
      );
      expect(code(await uc().earnCommission.execute({ orderId: 'o-9', buyerId: users.ref4!, amount: 'x', currency: 'USD', paidAt: clock.now() }))).toBe(
        'AFFILIATE.INVALID_AMOUNT',
      );
    });

    it('upgrades at once when the month’s requirement is met, and applies the rate in force when each order was paid', async () => {
      const beforeUpgrade = clock.now();
      clock.advanceMinutes(60);
      // 8% of 12,500 = 1,000: with the 47.92 already earned, Galactic (1,000) is reached at once.
      await paid('o-6', 'ref3', '12500.00', 'card-ref3');
      clock.advanceMinutes(60);
      await paid('o-7', 'ref4', '1000.00', 'card-ref4');
      // Paid before the upgrade, delivered after it: still the Star rate.
      await paid('o-8', 'ref5', '1000.00', 'card-ref5', beforeUpgrade);
      expect((await commissions()).map((c) => [c.order_id, c.tier_id, c.amount])).toEqual([
        ['o-1', 'star', '47.92'],
        ['o-6', 'star', '1000.00'],
        ['o-7', 'galactic', '120.00'],
        ['o-8', 'star', '80.00'],
      ]);
      expect(await count('AffiliateTierChanged')).toBe(1);
    });

    it('reverses a refunded commission exactly once, and only one that was earned', async () => {
      clock.advanceMinutes(60);
      await deliver('order.refunded', { orderId: 'o-1', buyerId: users.ref1, kind: 'refund', refundedAt: clock.now().toISOString() });
      await deliver('order.refunded', { orderId: 'o-2', buyerId: users.ref1, kind: 'chargeback', refundedAt: clock.now().toISOString() });
      expect((await commissions()).filter((c) => c.reversal_reason !== null).map((c) => [c.order_id, c.reversal_reason])).toEqual([['o-1', 'refund']]);
      expect(await count('AffiliateCommissionReversed')).toBe(1);
      expect(code(await uc().reverseCommission.execute({ orderId: 'o-1', reason: 'refund' }))).toBe('AFFILIATE.COMMISSION_ALREADY_REVERSED');
      expect(code(await uc().reverseCommission.execute({ orderId: 'o-2', reason: 'refund' }))).toBe('AFFILIATE.COMMISSION_NOT_FOUND');
      expect(await knex()('outbox').where({ status: 'parked' }).count({ n: '*' })).toEqual([{ n: '0' }]);
    });

    it('shows the dashboard figures', async () => {
      const dashboard = value(await uc().affiliateDashboard.execute({ userId: users.aff! }));
      expect(dashboard).toMatchObject({
        code: affCode,
        clicks: 1,
        signups: 5,
        conversions: 3,
        conversionRate: '300.00',
        earnings: '1200.00',
        thisMonth: '1200.00',
        tier: { id: 'galactic', commission: '12' },
        nextTier: { id: 'cosmic', monthlyRequirement: '2500.00' },
        progress: '48.00',
        remainingToNextTier: '1300.00',
      });
      expect(dashboard.referralLink).toMatch(new RegExp(`\\?ref=${affCode}$`));
      expect(code(await uc().affiliateDashboard.execute({ userId: users.ref1! }))).toBe('AFFILIATE.NOT_FOUND');
    });

    it('re-tiers at month start from the previous month, going down but never below Star', async () => {
      // April: March earned 1,200 ≥ 1,000, Galactic holds.
      clock.set('2026-04-01T12:00:00Z');
      expect(value(await uc().retierAffiliates.execute())).toEqual({ month: '2026-04', affiliates: 2, tierChanges: 0 });
      expect(value(await uc().retierAffiliates.execute())).toEqual({ month: '2026-04', affiliates: 0, tierChanges: 0 });
      // May: nothing earned in April, back to Star; the other affiliate stays at Star.
      clock.set('2026-05-01T12:00:00Z');
      expect(value(await uc().retierAffiliates.execute())).toEqual({ month: '2026-05', affiliates: 2, tierChanges: 1 });
      const dashboard = value(await uc().affiliateDashboard.execute({ userId: users.aff! }));
      expect(dashboard).toMatchObject({ tier: { id: 'star' }, thisMonth: '0.00', earnings: '1200.00', progress: '0.00' });
      expect(value(await uc().affiliateDashboard.execute({ userId: users.aff2! })).tier.id).toBe('star');
      const [last] = await knex()('outbox').where({ topic: 'AffiliateTierChanged' }).orderBy('id', 'desc').limit(1).pluck('payload');
      expect(last).toMatchObject({ from: 'galactic', to: 'star', cause: 'month_start', basis: '0.00' });
    });

    it('lets the 90-day cookie expire', async () => {
      clock.set('2026-06-01T12:00:00Z');
      users.late = await trader(ctx.platform, 'late');
      expect(code(await uc().linkSignup.execute({ userId: users.late!, cookieValue: cookie }))).toBe('AFFILIATE.ATTRIBUTION_EXPIRED');
    });
  },
  { clock },
);
