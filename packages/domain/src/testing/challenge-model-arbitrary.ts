import fc from 'fast-check';
import type { AccountSizeData } from '../catalog/account-size.js';
import type { ChallengeModelState } from '../catalog/challenge-model.js';
import { STELLAR_MODELS } from '../catalog/stellar-models.js';
import { modelParametersArbitrary } from './model-parameters-arbitrary.js';
import { ruleOptionsArbitrary } from './rule-options-arbitrary.js';
import { tradingRestrictionsArbitrary } from './trading-restrictions-arbitrary.js';

/** The account sizes the firm sells (rule book §2), as cent strings. */
export const ACCOUNT_BALANCES = ['5000.00', '10000.00', '25000.00', '50000.00', '100000.00', '200000.00'] as const;

/** One to six of the sizes, each with a price of 1 % of the balance or less and, sometimes, switched off. */
function sizesArbitrary(): fc.Arbitrary<AccountSizeData[]> {
  return fc
    .subarray([...ACCOUNT_BALANCES], { minLength: 1 })
    .chain((balances) =>
      fc.tuple(
        ...balances.map((balance) =>
          fc.record({
            balance: fc.constant(balance),
            price: fc.integer({ min: 1, max: Number(balance) }).map((cents) => `${Math.trunc(cents / 100) + 1}.${String(cents % 100).padStart(2, '0')}`),
            enabled: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          }),
        ),
      ),
    );
}

/** The seeded models exactly as they ship (rule book §2). */
export function seededModelArbitrary(): fc.Arbitrary<ChallengeModelState> {
  return fc.constantFrom(...STELLAR_MODELS);
}

/**
 * A challenge model as the catalog stores it: a seeded model as it ships, a
 * seeded model with other drawdown options and restrictions (an admin's
 * edit), or a model with every parameter generated. At least one size is
 * enabled, so the model can be bought.
 */
export function challengeModelArbitrary(): fc.Arbitrary<ChallengeModelState> {
  const edited = fc
    .record({ model: seededModelArbitrary(), rules: ruleOptionsArbitrary(), restrictions: tradingRestrictionsArbitrary() })
    .map(({ model, rules, restrictions }) => ({ ...model, version: model.version + 1, parameters: { ...model.parameters, rules, restrictions } }));
  const generated = fc
    .record({
      id: fc.constantFrom('qa_1step', 'qa_2step', 'qa_3step', 'qa_instant'),
      version: fc.integer({ min: 1, max: 20 }),
      parameters: modelParametersArbitrary(),
      sizes: sizesArbitrary(),
    })
    .map(({ sizes, ...model }) => ({
      ...model,
      name: `QA model ${model.id}`,
      // Something must be for sale: the first size stays enabled.
      sizes: sizes.map((size, index) => (index === 0 ? { ...size, enabled: true } : size)),
    }));
  return fc.oneof(seededModelArbitrary(), edited, generated);
}
