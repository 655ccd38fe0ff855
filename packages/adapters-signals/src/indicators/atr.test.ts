import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { candlesFromBars, candlesFromCloses, closesFrom } from '../testing/candles.js';
import { atr, trueRange } from './atr.js';

describe('trueRange', () => {
  const [bar] = candlesFromBars([['13', '11.5', '12.5']]);

  it('widens the range to a gap from the previous close', () => {
    expect(trueRange(bar!, new Decimal('11')).toString()).toBe('2');
    expect(trueRange(bar!, new Decimal('14')).toString()).toBe('2.5');
    expect(trueRange(bar!, new Decimal('12')).toString()).toBe('1.5');
  });
});

describe('atr', () => {
  it("matches Wilder's smoothing worked by hand (period 3)", () => {
    // True ranges from the second bar: 1, 1, 1 (seed mean 1), then 2 (gap up from 11), then 0.8.
    // ATR: 1 → (1×2 + 2)/3 = 4/3 → (4/3×2 + 0.8)/3 = 52/45 = 1.1555…
    const candles = candlesFromBars([
      ['10', '9', '9.5'],
      ['10.5', '9.5', '10'],
      ['11', '10', '10.8'],
      ['11.5', '10.5', '11'],
      ['13', '11.5', '12.5'],
      ['12.6', '11.8', '12'],
    ]);
    expect(atr(candles, 3).toDecimalPlaces(10).toString()).toBe('1.1555555556');
    expect(atr(candles.slice(0, 5), 3).toDecimalPlaces(10).toString()).toBe('1.3333333333');
    expect(atr(candles.slice(0, 4), 3).toString()).toBe('1');
  });

  it('is exactly 1 when every bar spans 1 and no close moves more than half of it', () => {
    expect(atr(candlesFromCloses(closesFrom('100', ['0.4', '-0.2'], 40))).toString()).toBe('1');
  });

  it('needs period + 1 candles', () => {
    expect(() => atr(candlesFromCloses(closesFrom('100', ['0.1'], 14)))).toThrow(RangeError);
  });
});
