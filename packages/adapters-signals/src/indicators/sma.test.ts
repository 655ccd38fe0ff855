import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { sma } from './sma.js';

const d = (values: string[]): Decimal[] => values.map((value) => new Decimal(value));

describe('sma', () => {
  it('averages the last `period` values only', () => {
    expect(sma(d(['1', '2', '3', '4', '5']), 3).toString()).toBe('4');
    expect(sma(d(['10', '11', '12.5']), 2).toString()).toBe('11.75');
    expect(sma(d(['1.1', '1.2', '1.3', '1.4']), 4).toString()).toBe('1.25');
  });

  it('is exact where floats are not', () => {
    expect(sma(d(['0.1', '0.2']), 2).toString()).toBe('0.15');
  });

  it('refuses too short a series and a bad period', () => {
    expect(() => sma(d(['1', '2']), 3)).toThrow(RangeError);
    expect(() => sma(d(['1', '2']), 0)).toThrow(RangeError);
    expect(() => sma(d(['1', '2']), 1.5)).toThrow(RangeError);
  });
});
