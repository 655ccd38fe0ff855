import { ConcurrencyConflict } from '@tradesense/application';
import { Affiliate, Money, ReferralCode, TradingCalendar, User, unwrap } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { runSeeds } from '../seed/index.js';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { VersionTracker } from '../uow/version-tracker.js';
import { PostgresAffiliateRepository } from './postgres-affiliate-repository.js';

const calendar = new TradingCalendar();
const at = (iso: string) => new Date(iso);
const code = (byte: number) => unwrap(ReferralCode.fromEntropy(new Uint8Array([byte, 2, 3, 4, 5])));

describeEachDatabase('affiliate repository', (ctx) => {
  it('seeds the four tiers once, however often the seed runs', async () => {
    await runSeeds(ctx.db.knex, at('2026-01-01T00:00:00Z'));
    await runSeeds(ctx.db.knex, at('2026-01-02T00:00:00Z'));
    const rows = await ctx.db.knex('affiliate_tiers').orderBy('monthly_requirement').select('id', 'commission_percent', 'monthly_requirement');
    expect(rows).toEqual([
      { id: 'star', commission_percent: '8.00000000', monthly_requirement: '0.00' },
      { id: 'galactic', commission_percent: '12.00000000', monthly_requirement: '1000.00' },
      { id: 'cosmic', commission_percent: '15.00000000', monthly_requirement: '2500.00' },
      { id: 'infinity', commission_percent: '18.00000000', monthly_requirement: '6000.00' },
    ]);
    // An admin's later edit survives another boot.
    await ctx.db.knex('affiliate_tiers').where({ id: 'galactic' }).update({ commission_percent: '13' });
    await runSeeds(ctx.db.knex, at('2026-01-03T00:00:00Z'));
    expect((await ctx.db.knex('affiliate_tiers').where({ id: 'galactic' }).first()).commission_percent).toBe('13.00000000');
    await ctx.db.knex('affiliate_tiers').where({ id: 'galactic' }).update({ commission_percent: '12' });
    const table = await new PostgresUnitOfWork(ctx.db.knex).run((tx) => tx.affiliateTiers.table());
    expect(table.tiers.map((t) => [t.id, t.commission.points.toFixed(), t.monthlyRequirement.toFixed()])).toEqual([
      ['star', '8', '0.00'],
      ['galactic', '12', '1000.00'],
      ['cosmic', '15', '2500.00'],
      ['infinity', '18', '6000.00'],
    ]);
  });

  it('round-trips an affiliate with clicks, referrals, commissions and a reversal', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    await uow.run(async (tx) => {
      for (const id of ['aff', 'r1', 'r2', 'other']) {
        await tx.users.save(unwrap(User.register({ id, email: `${id}@example.com`, passwordHash: 'h', role: 'trader', country: 'DE', at: at('2026-01-01T00:00:00Z') })));
      }
    });
    const affiliate = Affiliate.register({ id: 'a1', userId: 'aff', email: 'aff@example.com', code: code(1), at: at('2026-03-01T12:00:00Z') }, calendar);
    unwrap(affiliate.linkSignup({ referredUserId: 'r1', referredEmail: 'r1@example.com', at: at('2026-03-02T12:00:00Z') }));
    unwrap(affiliate.linkSignup({ referredUserId: 'r2', referredEmail: 'r2@example.com', at: at('2026-03-03T12:00:00Z') }));
    await uow.run(async (tx) => {
      await tx.affiliates.save(affiliate);
      await tx.affiliateClicks.add({ token: 't1', affiliateId: 'a1', clickedAt: at('2026-03-01T13:00:00Z') });
      await tx.affiliateClicks.add({ token: 't2', affiliateId: 'a1', clickedAt: at('2026-03-01T14:00:00Z') });
    });
    await uow.run(async (tx) => {
      const loaded = (await tx.affiliates.findByCode(code(1).value.toLowerCase()))!;
      expect(loaded.toState()).toEqual({ ...affiliate.toState(), version: 1, clicks: 2 });
      unwrap(
        loaded.earnCommission(
          {
            commissionId: 'k1', orderId: 'o1', referredUserId: 'r1', orderAmount: Money.of('599.00'),
            buyer: { userId: 'r1', email: 'r1@example.com', paymentFingerprints: [] }, affiliatePaymentFingerprints: [],
            paidAt: at('2026-03-04T12:00:00Z'),
          },
          calendar,
        ),
      );
      await tx.affiliates.save(loaded);
    });
    await uow.run(async (tx) => {
      const loaded = (await tx.affiliates.findByCommissionOrder('o1'))!;
      unwrap(loaded.reverseCommission({ orderId: 'o1', reason: 'chargeback', at: at('2026-03-05T12:00:00Z') }, calendar));
      await tx.affiliates.save(loaded);
    });
    const reloaded = (await uow.run((tx) => tx.affiliates.findByReferredUser('r2')))!;
    expect(reloaded.id).toBe('a1');
    const state = reloaded.toState();
    expect(state.version).toBe(3);
    expect(state.referrals.map((r) => [r.referredUserId, r.convertedOrderId])).toEqual([['r1', 'o1'], ['r2', null]]);
    expect(state.commissions).toEqual([
      {
        id: 'k1', orderId: 'o1', referredUserId: 'r1', orderAmount: '599', tierId: 'star', rate: '8', amount: '47.92',
        month: '2026-03', earnedAt: at('2026-03-04T12:00:00Z'), reversal: { reason: 'chargeback', at: at('2026-03-05T12:00:00Z') },
      },
    ]);
    expect(state.monthEarnings).toBe('0');
    expect(await uow.run((tx) => tx.affiliateClicks.findByToken('t2'))).toEqual({
      token: 't2', affiliateId: 'a1', code: code(1).value, clickedAt: at('2026-03-01T14:00:00Z'),
    });
    expect(await uow.run((tx) => tx.affiliates.idsBehindMonth('2026-04', 10))).toEqual(['a1']);
    expect(await uow.run((tx) => tx.affiliates.idsBehindMonth('2026-03', 10))).toEqual([]);
  });

  it('keeps one affiliate per referred user, one affiliate per user and unique codes', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const second = Affiliate.register({ id: 'a2', userId: 'other', email: 'other@example.com', code: code(2), at: at('2026-03-01T12:00:00Z') }, calendar);
    unwrap(second.linkSignup({ referredUserId: 'r1', referredEmail: 'r1@example.com', at: at('2026-03-06T12:00:00Z') }));
    await expect(uow.run((tx) => tx.affiliates.save(second))).rejects.toMatchObject({ code: 'AFFILIATE.ALREADY_REFERRED' });
    const sameCode = Affiliate.register({ id: 'a3', userId: 'other', email: 'other@example.com', code: code(1), at: at('2026-03-01T12:00:00Z') }, calendar);
    await expect(uow.run((tx) => tx.affiliates.save(sameCode))).rejects.toMatchObject({ code: 'AFFILIATE.CODE_TAKEN' });
    const sameUser = Affiliate.register({ id: 'a4', userId: 'aff', email: 'aff@example.com', code: code(3), at: at('2026-03-01T12:00:00Z') }, calendar);
    await expect(uow.run((tx) => tx.affiliates.save(sameUser))).rejects.toMatchObject({ code: 'AFFILIATE.ALREADY_REGISTERED' });
    expect(await ctx.db.knex('affiliates').pluck('id')).toEqual(['a1']);
  });

  it('fails a stale write with a typed conflict', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const stale = (await uow.run((tx) => tx.affiliates.findById('a1')))!;
    await uow.run(async (tx) => {
      const fresh = (await tx.affiliates.findById('a1'))!;
      fresh.enterMonth('2026-04', at('2026-03-31T21:00:00Z'));
      await tx.affiliates.save(fresh);
    });
    const versions = new VersionTracker();
    versions.loaded(stale, 3);
    stale.enterMonth('2026-05', at('2026-04-30T21:00:00Z'));
    await expect(ctx.db.knex.transaction((trx) => new PostgresAffiliateRepository(trx, versions).save(stale))).rejects.toBeInstanceOf(
      ConcurrencyConflict,
    );
    expect((await ctx.db.knex('affiliates').where({ id: 'a1' }).first()).month).toBe('2026-04');
  });

  it('remembers payment fingerprints once per user', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    await uow.run(async (tx) => {
      await tx.knownPaymentFingerprints.remember('aff', 'card-x', at('2026-03-01T00:00:00Z'));
      await tx.knownPaymentFingerprints.remember('aff', 'card-x', at('2026-03-02T00:00:00Z'));
      await tx.knownPaymentFingerprints.remember('aff', 'card-a', at('2026-03-02T00:00:00Z'));
    });
    expect(await uow.run((tx) => tx.knownPaymentFingerprints.ofUser('aff'))).toEqual(['card-a', 'card-x']);
    expect(await uow.run((tx) => tx.knownPaymentFingerprints.ofUser('r1'))).toEqual([]);
  });
});
