import { AUDIT_LOG_READER, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { seedCatalog } from '@tradesense/adapters-postgres';
import { expect, it } from 'vitest';
import { describeEachPlatform } from '../testing/test-platform.js';
import { code, count, knexOf, outbox, register, value } from './commerce-helpers.js';

const clock = new ManualClock('2026-11-02T10:00:00Z');

describeEachPlatform(
  'commerce: catalog, gateways and prohibited countries',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    const audit = (subjectId: string) => ctx.platform.get(AUDIT_LOG_READER).list({ subjectId, limit: 20 });

    it('lists the seeded Stellar models with their sizes, prices, reset prices and rules', async () => {
      clock.set('2026-11-02T10:00:00Z');
      const { models } = value(await uc().listCatalog.execute());
      expect(models.map((m) => [m.id, m.name, m.version])).toEqual([
        ['stellar_1step', 'Stellar 1-Step', 1],
        ['stellar_2step', 'Stellar 2-Step', 1],
        ['stellar_lite', 'Stellar Lite', 1],
      ]);
      const [oneStep, twoStep, lite] = models;
      expect(oneStep!.sizes.map((s) => [s.balance, s.price])).toEqual([
        ['5000.00', '59.00'],
        ['10000.00', '109.00'],
        ['25000.00', '199.00'],
        ['50000.00', '299.00'],
        ['100000.00', '499.00'],
        ['200000.00', '999.00'],
      ]);
      expect(twoStep!.sizes.map((s) => s.price)).toEqual(['49.00', '99.00', '179.00', '249.00', '449.00', '899.00']);
      expect(lite!.sizes.map((s) => s.price)).toEqual(['39.00', '69.00', '139.00', '199.00', '359.00', '699.00']);
      // price × (1 − reset discount): 449 × 90% and 39 × 95%
      expect(twoStep!.sizes.find((s) => s.balance === '100000.00')!.resetPrice).toBe('404.10');
      expect(lite!.sizes[0]!.resetPrice).toBe('37.05');
      expect(twoStep!.rules).toMatchObject({
        phases: [
          { phase: 1, profitTargetPercent: '8', minTradingDays: 5 },
          { phase: 2, profitTargetPercent: '5', minTradingDays: 5 },
        ],
        dailyLossPercent: '5',
        maxLossPercent: '10',
        leverage: '1:100',
        firstPayoutDays: 21,
        payoutCycleDays: 14,
        profitSplitPercent: '80',
        resetDiscountPercent: '10',
      });
      expect(oneStep!.rules.leverage).toBe('1:30');
      expect(models.every((m) => m.swapFreeAvailable)).toBe(true);
    });

    it('lets an admin revise a model as a new version, audited before/after; traders and bad edits are refused', async () => {
      clock.set('2026-11-02T11:00:00Z');
      const admin = await register(ctx.platform, { role: 'admin', name: 'admin' });
      const trader = await register(ctx.platform);
      const edit = { modelId: 'stellar_1step', revision: { parameters: { dailyLossPercent: '3.5' } }, reason: 'softer daily limit' };
      expect(code(await uc().editModel.execute({ actorId: trader, ...edit }))).toBe('AUTH.FORBIDDEN');
      expect(code(await uc().editModel.execute({ actorId: admin, ...edit, modelId: 'stellar_9step' }))).toBe('CATALOG.MODEL_NOT_FOUND');
      expect(code(await uc().editModel.execute({ actorId: admin, ...edit, revision: { parameters: { maxLossPercent: '-1' } } }))).toBe(
        'CATALOG.INVALID_MODEL',
      );
      const revised = value(await uc().editModel.execute({ actorId: admin, ...edit }));
      expect([revised.version, revised.rules.dailyLossPercent]).toEqual([2, '3.5']);
      const [entry] = await audit('stellar_1step');
      expect(entry).toMatchObject({ actorId: admin, actorRole: 'admin', action: 'catalog.model_revised', details: { reason: 'softer daily limit' } });
      expect((entry!.details['before'] as { version: number }).version).toBe(1);
      expect((entry!.details['after'] as { version: number; parameters: { dailyLossPercent: string } }).parameters.dailyLossPercent).toBe('3.5');
      expect(await outbox(ctx.platform, 'ChallengeModelRevised', 'stellar_1step')).toEqual([
        { fromVersion: 1, toVersion: 2, by: admin, reason: 'softer daily limit', changed: ['parameters'] },
      ]);
      // Both versions stay on record.
      expect(await count(ctx.platform, 'challenge_model_versions', { model_id: 'stellar_1step' })).toBe(2);
    });

    it('sets Lite prices and switches sizes off and on, each audited', async () => {
      clock.set('2026-11-02T12:00:00Z');
      const admin = await register(ctx.platform, { role: 'admin', name: 'admin' });
      const priced = value(await uc().setSizePrice.execute({ actorId: admin, modelId: 'stellar_lite', balance: '5000', price: '45.50' }));
      expect(priced.sizes[0]).toMatchObject({ balance: '5000.00', price: '45.50', resetPrice: '43.23' });
      expect(code(await uc().setSizePrice.execute({ actorId: admin, modelId: 'stellar_lite', balance: '7500', price: '45.50' }))).toBe(
        'CATALOG.SIZE_NOT_FOUND',
      );
      expect(code(await uc().setSizePrice.execute({ actorId: admin, modelId: 'stellar_lite', balance: '5000', price: '45.999' }))).toBe(
        'CATALOG.INVALID_MODEL',
      );
      value(await uc().disableSize.execute({ actorId: admin, modelId: 'stellar_lite', balance: '200000' }));
      let lite = value(await uc().listCatalog.execute()).models.find((m) => m.id === 'stellar_lite')!;
      expect(lite.sizes.map((s) => s.balance)).not.toContain('200000.00');
      const adminView = value(await uc().listCatalog.execute({ includeDisabled: true })).models.find((m) => m.id === 'stellar_lite')!;
      expect(adminView.sizes.find((s) => s.balance === '200000.00')!.enabled).toBe(false);
      const buyer = await register(ctx.platform);
      expect(
        code(await uc().placeOrder.execute({ userId: buyer, modelId: 'stellar_lite', balance: '200000', gatewayId: 'simulated' })),
      ).toBe('CATALOG.SIZE_DISABLED');
      value(await uc().enableSize.execute({ actorId: admin, modelId: 'stellar_lite', balance: '200000' }));
      lite = value(await uc().listCatalog.execute()).models.find((m) => m.id === 'stellar_lite')!;
      expect(lite.sizes.map((s) => s.balance)).toContain('200000.00');
      expect(lite.version).toBe(4);
      expect((await audit('stellar_lite')).map((e) => e.action)).toEqual([
        'catalog.size_enabled',
        'catalog.size_disabled',
        'catalog.size_price_set',
      ]);
    });

    it('lists only gateways configured, enabled, allowed for the country and open now, with the fee', async () => {
      clock.set('2026-11-02T12:00:00Z');
      const admin = await register(ctx.platform, { role: 'admin', name: 'admin' });
      const german = await register(ctx.platform, { country: 'DE' });
      const indian = await register(ctx.platform, { country: 'IN' });
      const offered = async (userId: string, price?: string) =>
        value(await uc().listGatewaysForUser.execute({ userId, ...(price ? { price } : {}) })).gateways;
      // Embedded mode configures only the simulated gateway: the five others are settings without a provider.
      expect((await offered(german)).map((g) => g.id)).toEqual(['simulated']);
      expect((await offered(german, '449'))[0]).toMatchObject({ feeAmount: '0.00', total: '449.00', supportsTrials: true });

      const updated = value(
        await uc().updateGateway.execute({
          actorId: admin,
          gatewayId: 'simulated',
          changes: {
            allowedCountries: ['in'],
            availability: { timeZone: 'Asia/Kolkata', opens: '09:00', closes: '18:00' },
            fee: { percent: '2.9', fixed: '0.30' },
          },
        }),
      );
      expect(updated).toMatchObject({ allowedCountries: ['IN'], fee: { percent: '2.9', fixed: '0.30', currency: 'USD' } });
      expect(await offered(german)).toEqual([]);
      // 12:00Z is 17:30 in Kolkata: open; the fee is 449 × 2.9% + 0.30 = 13.321 → 13.32.
      expect(await offered(indian, '449')).toMatchObject([{ id: 'simulated', feeAmount: '13.32', total: '462.32' }]);
      clock.set('2026-11-02T13:00:00Z'); // 18:30 in Kolkata: closed
      expect(await offered(indian)).toEqual([]);
      expect(
        code(await uc().placeOrder.execute({ userId: indian, modelId: 'stellar_2step', balance: '100000', gatewayId: 'simulated' })),
      ).toBe('ORDER.GATEWAY_UNAVAILABLE');

      expect(code(await uc().updateGateway.execute({ actorId: german, gatewayId: 'simulated', changes: { enabled: false } }))).toBe(
        'AUTH.FORBIDDEN',
      );
      expect(
        code(
          await uc().updateGateway.execute({
            actorId: admin,
            gatewayId: 'simulated',
            changes: { availability: { timeZone: 'Mars/Olympus', opens: '09:00', closes: '18:00' } },
          }),
        ),
      ).toBe('PAYMENT.INVALID_GATEWAY_SETTINGS');
      expect(code(await uc().updateGateway.execute({ actorId: admin, gatewayId: 'simulated', changes: { blockedCountries: ['Germany'] } }))).toBe(
        'KYC.INVALID_COUNTRY',
      );
      expect(code(await uc().updateGateway.execute({ actorId: admin, gatewayId: 'simulated', changes: { fee: { percent: '1', fixed: '-1' } } }))).toBe(
        'PAYMENT.INVALID_GATEWAY_SETTINGS',
      );
      value(
        await uc().updateGateway.execute({
          actorId: admin,
          gatewayId: 'simulated',
          changes: { allowedCountries: null, availability: null, fee: { percent: '0', fixed: '0' } },
        }),
      );
      clock.set('2026-11-02T12:00:00Z');
      expect((await offered(german)).map((g) => g.id)).toEqual(['simulated']);
      const entries = await audit('simulated');
      expect(entries.map((e) => e.action)).toEqual(['payments.gateway_updated', 'payments.gateway_updated']);
      expect(entries[1]!.details).toMatchObject({ before: { allowedCountries: null }, after: { allowedCountries: ['IN'] } });
    });

    it('keeps the prohibited countries list, editable by an admin only', async () => {
      clock.set('2026-11-02T14:00:00Z');
      const admin = await register(ctx.platform, { role: 'admin', name: 'admin' });
      const trader = await register(ctx.platform);
      const listed = async () => value(await uc().listProhibitedCountries.execute()).countries;
      expect((await listed()).map((c) => [c.code, c.reason])).toEqual([
        ['CU', 'sanctions'],
        ['IR', 'sanctions'],
        ['KP', 'sanctions'],
        ['MM', 'sanctions'],
        ['SY', 'sanctions'],
        ['US', 'regulatory'],
      ]);
      expect(code(await uc().setProhibitedCountry.execute({ actorId: trader, code: 'RU', name: 'Russia', reason: 'sanctions' }))).toBe(
        'AUTH.FORBIDDEN',
      );
      expect(code(await uc().setProhibitedCountry.execute({ actorId: admin, code: 'Russia', name: 'Russia', reason: 'sanctions' }))).toBe(
        'KYC.INVALID_COUNTRY',
      );
      value(await uc().setProhibitedCountry.execute({ actorId: admin, code: 'ru', name: 'Russia', reason: 'sanctions' }));
      expect((await listed()).map((c) => c.code)).toContain('RU');
      const russian = await register(ctx.platform, { country: 'RU' });
      expect(
        code(await uc().placeOrder.execute({ userId: russian, modelId: 'stellar_2step', balance: '10000', gatewayId: 'simulated' })),
      ).toBe('KYC.PROHIBITED_COUNTRY');
      value(await uc().removeProhibitedCountry.execute({ actorId: admin, code: 'RU' }));
      expect(code(await uc().removeProhibitedCountry.execute({ actorId: admin, code: 'RU' }))).toBe('COUNTRY.NOT_PROHIBITED');
      expect((await listed()).map((c) => c.code)).not.toContain('RU');
      const entries = await audit('RU');
      expect(entries.map((e) => [e.action, e.actorId])).toEqual([
        ['compliance.prohibited_country_removed', admin],
        ['compliance.prohibited_country_set', admin],
      ]);
      expect(entries[0]!.details).toEqual({ before: { code: 'RU', name: 'Russia', reason: 'sanctions' }, after: null });
    });

    it('seeds once: running the seed again creates nothing and does not undo admin edits', async () => {
      const knex = knexOf(ctx.platform);
      const admin = await register(ctx.platform, { role: 'admin', name: 'admin' });
      value(await uc().removeProhibitedCountry.execute({ actorId: admin, code: 'MM' }));
      const before = await Promise.all(['challenge_models', 'challenge_model_versions', 'payment_gateways', 'prohibited_countries'].map((t) => count(ctx.platform, t)));
      expect(await seedCatalog(knex, clock.now())).toEqual({ models: 0, gateways: 0, prohibitedCountries: 0 });
      expect(await seedCatalog(knex, clock.now())).toEqual({ models: 0, gateways: 0, prohibitedCountries: 0 });
      const after = await Promise.all(['challenge_models', 'challenge_model_versions', 'payment_gateways', 'prohibited_countries'].map((t) => count(ctx.platform, t)));
      expect(after).toEqual(before);
      expect(before[2]).toBe(6);
      expect(await count(ctx.platform, 'prohibited_countries', { code: 'MM' })).toBe(0);
      // The admin's earlier edits survive (version 2 of 1-Step, the Lite price).
      const models = value(await uc().listCatalog.execute()).models;
      expect(models.find((m) => m.id === 'stellar_1step')!.version).toBe(2);
      expect(models.find((m) => m.id === 'stellar_lite')!.sizes[0]!.price).toBe('45.50');
    });
  },
  { clock },
);
