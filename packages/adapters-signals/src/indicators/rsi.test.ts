import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { closesFrom } from '../testing/candles.js';
import { rsi } from './rsi.js';

const d = (values: string[]): Decimal[] => values.map((value) => new Decimal(value));

describe('rsi', () => {
  it("matches Wilder's smoothing worked by hand (period 3)", () => {
    // Changes +1, −0.5, +1 | −0.5, +1.
    // Seed: gain 2/3, loss 1/6. After −0.5: gain 4/9, loss 5/18. After +1: gain 17/27, loss 5/27.
    // RS = 17/5 = 3.4, RSI = 100 − 100/4.4 = 850/11 = 77.2727…
    const value = rsi(d(['10', '11', '10.5', '11.5', '11', '12']), 3);
    expect(value.toDecimalPlaces(10).toString()).toBe('77.2727272727');
  });

  it('gives 500/7 for 10 gains and 4 losses of one point over 14 changes', () => {
    // Averages 10/14 and 4/14: RS = 2.5, RSI = 100 − 100/3.5.
    const closes = closesFrom('100', ['1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '-1', '-1', '-1', '-1'], 15);
    expect(rsi(closes).toDecimalPlaces(10).toString()).toBe('71.4285714286');
  });

  it('is 100 with gains only and 50 on a flat series', () => {
    expect(rsi(closesFrom('100', ['0.5'], 20)).toString()).toBe('100');
    expect(rsi(closesFrom('100', ['0'], 20)).toString()).toBe('50');
  });

  it('is 0 with losses only', () => {
    expect(rsi(closesFrom('100', ['-0.5'], 20)).toString()).toBe('0');
  });

  it('needs period + 1 closes', () => {
    expect(() => rsi(closesFrom('100', ['1'], 14))).toThrow(RangeError);
    expect(() => rsi(closesFrom('100', ['1'], 15))).not.toThrow();
  });
});
