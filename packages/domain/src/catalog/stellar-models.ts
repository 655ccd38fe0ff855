import { deepFreeze } from '../shared/deep-freeze.js';
import type { AccountSizeData } from './account-size.js';
import type { ChallengeModelState } from './challenge-model.js';
import { DEFAULT_RULE_OPTIONS } from './rule-options.js';
import { NO_RESTRICTIONS } from './trading-restrictions.js';

const BALANCES = ['5000.00', '10000.00', '25000.00', '50000.00', '100000.00', '200000.00'] as const;

const sizes = (prices: readonly [string, string, string, string, string, string]): AccountSizeData[] =>
  BALANCES.map((balance, index) => ({ balance, price: prices[index]!, enabled: true }));

/** Stellar 1-Step: one phase, 10% target, 2 days, 3% daily, 6% max, 1:30. */
export const STELLAR_1STEP: ChallengeModelState = deepFreeze({
  id: 'stellar_1step',
  name: 'Stellar 1-Step',
  version: 1,
  parameters: {
    currency: 'USD',
    phases: [{ profitTargetPercent: '10', minTradingDays: 2 }],
    dailyLossPercent: '3',
    maxLossPercent: '6',
    leverage: 30,
    firstPayoutDays: 5,
    payoutCycleDays: 5,
    profitSplitPercent: '80',
    resetDiscountPercent: '10',
    rules: DEFAULT_RULE_OPTIONS,
    restrictions: NO_RESTRICTIONS,
  },
  sizes: sizes(['59.00', '109.00', '199.00', '299.00', '499.00', '999.00']),
});

/** Stellar 2-Step: 8% then 5%, 5 days each, 5% daily, 10% max, 1:100. */
export const STELLAR_2STEP: ChallengeModelState = deepFreeze({
  id: 'stellar_2step',
  name: 'Stellar 2-Step',
  version: 1,
  parameters: {
    currency: 'USD',
    phases: [
      { profitTargetPercent: '8', minTradingDays: 5 },
      { profitTargetPercent: '5', minTradingDays: 5 },
    ],
    dailyLossPercent: '5',
    maxLossPercent: '10',
    leverage: 100,
    firstPayoutDays: 21,
    payoutCycleDays: 14,
    profitSplitPercent: '80',
    resetDiscountPercent: '10',
    rules: DEFAULT_RULE_OPTIONS,
    restrictions: NO_RESTRICTIONS,
  },
  sizes: sizes(['49.00', '99.00', '179.00', '249.00', '449.00', '899.00']),
});

/** Stellar Lite: 8% then 4%, 5 days each, 4% daily, 8% max, 1:100; prices set by an admin (seeded). */
export const STELLAR_LITE: ChallengeModelState = deepFreeze({
  id: 'stellar_lite',
  name: 'Stellar Lite',
  version: 1,
  parameters: {
    currency: 'USD',
    phases: [
      { profitTargetPercent: '8', minTradingDays: 5 },
      { profitTargetPercent: '4', minTradingDays: 5 },
    ],
    dailyLossPercent: '4',
    maxLossPercent: '8',
    leverage: 100,
    firstPayoutDays: 21,
    payoutCycleDays: 14,
    profitSplitPercent: '80',
    resetDiscountPercent: '5',
    rules: DEFAULT_RULE_OPTIONS,
    restrictions: NO_RESTRICTIONS,
  },
  sizes: sizes(['39.00', '69.00', '139.00', '199.00', '359.00', '699.00']),
});

/** The seeded catalog (rule book section 2), in display order. */
export const STELLAR_MODELS: readonly ChallengeModelState[] = deepFreeze([STELLAR_1STEP, STELLAR_2STEP, STELLAR_LITE]);
