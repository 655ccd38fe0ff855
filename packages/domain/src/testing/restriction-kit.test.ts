import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseModelParameters, modelParametersToData } from '../catalog/model-parameters.js';
import { STELLAR_2STEP } from '../catalog/stellar-models.js';
import { aDealFact } from './deal-fact-mother.js';
import { tradingRestrictionsArbitrary } from './trading-restrictions-arbitrary.js';

describe('QA kit for the trading restrictions', () => {
  it('generates restrictions with actions and weekend minutes that the catalog accepts and writes back canonically', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(tradingRestrictionsArbitrary(), (restrictions) => {
        const parsed = parseModelParameters({ ...STELLAR_2STEP.parameters, restrictions });
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        // The canonical spelling (lots without trailing zeros) is a fixed point; actions and minutes come back as given.
        const written = modelParametersToData(parsed.value);
        const again = parseModelParameters(written);
        expect(again.ok && modelParametersToData(again.value)).toEqual(written);
        expect(written.restrictions.actions).toEqual(restrictions.actions);
        expect(written.restrictions.weekendCutOffMinutes).toEqual(restrictions.weekendCutOffMinutes);
        seen.add(`actions:${restrictions.actions !== undefined}`).add(`minutes:${restrictions.weekendCutOffMinutes !== undefined}`);
      }),
      { numRuns: 40 },
    );
    expect([...seen].sort()).toEqual(['actions:false', 'actions:true', 'minutes:false', 'minutes:true']);
  });

  it('builds a deal fact with class and lots, every field overridable', () => {
    expect(aDealFact()).toMatchObject({ action: 'open', symbol: 'EURUSD', assetClass: 'forex', baseCurrency: 'EUR', quoteCurrency: 'USD' });
    expect(aDealFact().volume?.toFixed(2)).toBe('1.00');
    expect(aDealFact({ assetClass: 'indices', symbol: 'US30' })).toMatchObject({ assetClass: 'indices', symbol: 'US30' });
  });
});
