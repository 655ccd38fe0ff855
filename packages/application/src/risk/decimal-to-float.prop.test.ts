import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToFloat } from './decimal-to-float.js';

const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.stringMatching(/^[0-9]{1,12}$/),
    fc.stringMatching(/^[0-9]{0,10}$/),
  )
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);

describe('decimalToFloat', () => {
  it('equals Number(text) for prices and amounts', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        // `===`: a negative zero and zero are the same amount.
        expect(decimalToFloat(new Decimal(text)) === Number(new Decimal(text).toString())).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('falls back to the string path for long or extreme values', () => {
    for (const text of ['123456789012345678901234.5', '1e-40', '9.87654321e+30', '0', '-0.00001', '2350.25', '150.014']) {
      expect(decimalToFloat(new Decimal(text))).toBe(Number(new Decimal(text).toString()));
    }
  });
});
