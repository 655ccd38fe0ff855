import { describe, expect, it } from 'vitest';
import { ChallengeModel } from './challenge-model.js';
import { STELLAR_1STEP, STELLAR_2STEP, STELLAR_LITE, STELLAR_MODELS } from './stellar-models.js';

/** The seeded catalog must match the rule book tables of section 2 exactly. */
describe('STELLAR_MODELS seed', () => {
  const row = (state: typeof STELLAR_1STEP) => {
    const model = ChallengeModel.restore(state);
    const p = model.parameters;
    return {
      id: model.id,
      name: model.name,
      phases: p.phases.length,
      targets: p.phases.map((phase) => phase.profitTargetPercent.toString()),
      minDays: p.phases.map((phase) => phase.minTradingDays),
      dailyLoss: p.dailyLossPercent.toString(),
      maxLoss: p.maxLossPercent.toString(),
      leverage: p.leverage,
      firstPayoutDays: p.firstPayoutDays,
      cycleDays: p.payoutCycleDays,
      split: p.profitSplitPercent.toString(),
      resetDiscount: p.resetDiscountPercent.toString(),
      currency: p.currency,
    };
  };

  it('seeds Stellar 1-Step', () => {
    expect(row(STELLAR_1STEP)).toEqual({
      id: 'stellar_1step',
      name: 'Stellar 1-Step',
      phases: 1,
      targets: ['10'],
      minDays: [2],
      dailyLoss: '3',
      maxLoss: '6',
      leverage: 30,
      firstPayoutDays: 5,
      cycleDays: 5,
      split: '80',
      resetDiscount: '10',
      currency: 'USD',
    });
  });

  it('seeds Stellar 2-Step', () => {
    expect(row(STELLAR_2STEP)).toEqual({
      id: 'stellar_2step',
      name: 'Stellar 2-Step',
      phases: 2,
      targets: ['8', '5'],
      minDays: [5, 5],
      dailyLoss: '5',
      maxLoss: '10',
      leverage: 100,
      firstPayoutDays: 21,
      cycleDays: 14,
      split: '80',
      resetDiscount: '10',
      currency: 'USD',
    });
  });

  it('seeds Stellar Lite', () => {
    expect(row(STELLAR_LITE)).toEqual({
      id: 'stellar_lite',
      name: 'Stellar Lite',
      phases: 2,
      targets: ['8', '4'],
      minDays: [5, 5],
      dailyLoss: '4',
      maxLoss: '8',
      leverage: 100,
      firstPayoutDays: 21,
      cycleDays: 14,
      split: '80',
      resetDiscount: '5',
      currency: 'USD',
    });
  });

  it('lists the sizes and prices of the rule book, all on sale', () => {
    const prices = (state: typeof STELLAR_1STEP) =>
      ChallengeModel.restore(state).sizes.map((size) => `${size.balance.toFixed()}=${size.price.toFixed()}`);
    const balances = ['5000.00', '10000.00', '25000.00', '50000.00', '100000.00', '200000.00'];
    const pair = (values: string[]) => balances.map((balance, i) => `${balance}=${values[i]}`);
    expect(prices(STELLAR_1STEP)).toEqual(pair(['59.00', '109.00', '199.00', '299.00', '499.00', '999.00']));
    expect(prices(STELLAR_2STEP)).toEqual(pair(['49.00', '99.00', '179.00', '249.00', '449.00', '899.00']));
    expect(prices(STELLAR_LITE)).toEqual(pair(['39.00', '69.00', '139.00', '199.00', '359.00', '699.00']));
    for (const state of STELLAR_MODELS) expect(ChallengeModel.restore(state).availableSizes).toHaveLength(6);
  });

  it('uses the default rule options and no restrictions', () => {
    for (const state of STELLAR_MODELS) {
      const { rules, restrictions } = ChallengeModel.restore(state).parameters;
      expect(rules.dailyLossBasis).toBe('balance');
      expect(rules.dailyLossReference).toBe('initial');
      expect(rules.maxLossMode).toBe('static');
      expect(rules.earlyWarningPercent.toString()).toBe('80');
      expect(rules.inactivityDays).toBe(30);
      expect(rules.tolerance.isZero()).toBe(true);
      expect(restrictions).toEqual({
        maxOpenLotsPerAssetClass: null,
        maxTradesPerDay: null,
        weekendHoldingBan: false,
        newsWindowMinutes: null,
        consistencyPercent: null,
      });
    }
  });

  it('cannot be edited in place', () => {
    expect(() => {
      (STELLAR_2STEP.parameters as { dailyLossPercent: string }).dailyLossPercent = '50';
    }).toThrow(TypeError);
    expect(Object.isFrozen(STELLAR_2STEP.sizes[0])).toBe(true);
  });

  it('round-trips through toState unchanged', () => {
    for (const state of STELLAR_MODELS) expect(ChallengeModel.restore(state).toState()).toEqual(state);
  });
});
