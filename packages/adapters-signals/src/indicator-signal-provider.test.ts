import { Decimal } from 'decimal.js';
import { SIGNAL_DISCLAIMER } from '@tradesense/application';
import { DomainError } from '@tradesense/domain';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INDICATOR_SETTINGS, IndicatorSignalProvider } from './indicator-signal-provider.js';
import { candlesFromCloses, closesFrom } from './testing/candles.js';
import { FixedClock } from './testing/fixed-clock.js';

const NOW = new Date('2025-03-04T12:00:00Z');
const provider = new IndicatorSignalProvider(new FixedClock(NOW));

describe('IndicatorSignalProvider with the default settings', () => {
  it('buys a steady uptrend with RSI near 65, stop 1.5 ATR below and target 3 ATR above the close', async () => {
    // +0.4/−0.2 alternating from 100 over 41 bars: last close 104, every true range 1 (ATR 1),
    // SMA(9) above SMA(21), Wilder RSI(14) settling near 100 − 100/(1 + 5.2/2.8) = 65.
    const candles = candlesFromCloses(closesFrom('100', ['0.4', '-0.2'], 41));

    const signal = await provider.signalFor('EURUSD', candles);

    expect(signal.direction).toBe('buy');
    expect(signal.entry.toString()).toBe('104');
    expect(signal.stopLoss?.toString()).toBe('102.5');
    expect(signal.takeProfit?.toString()).toBe('107');
    expect(signal.confidence).toBeGreaterThan(0.6);
    expect(signal.confidence).toBeLessThan(0.75);
    expect(signal.symbol).toBe('EURUSD');
    expect(signal.provider).toBe('indicators');
    expect(signal.generatedAt).toEqual(NOW);
    expect(signal.disclaimer).toBe(SIGNAL_DISCLAIMER);
    expect(signal.rationale).toContain('SMA(9)');
    expect(signal.rationale).toMatch(/RSI\(14\) 6[45]\.\d/);
  });

  it('sells the mirrored downtrend', async () => {
    const candles = candlesFromCloses(closesFrom('100', ['-0.4', '0.2'], 41));

    const signal = await provider.signalFor('XAUUSD', candles);

    expect(signal.direction).toBe('sell');
    expect(signal.entry.toString()).toBe('96');
    expect(signal.stopLoss?.toString()).toBe('97.5');
    expect(signal.takeProfit?.toString()).toBe('93');
  });

  it('stays neutral when RSI does not confirm (overbought run)', async () => {
    const candles = candlesFromCloses(closesFrom('100', ['0.5'], 41));

    const signal = await provider.signalFor('EURUSD', candles);

    expect(signal.direction).toBe('neutral');
    expect(signal.entry.toString()).toBe('120');
    expect(signal.stopLoss).toBeNull();
    expect(signal.takeProfit).toBeNull();
    expect(signal.confidence).toBe(0);
    expect(signal.rationale).toContain('RSI(14) 100.0');
    expect(signal.disclaimer).toBe(SIGNAL_DISCLAIMER);
  });

  it('stays neutral on a flat market', async () => {
    const signal = await provider.signalFor('EURUSD', candlesFromCloses(closesFrom('1.1', ['0'], 41)));
    expect(signal.direction).toBe('neutral');
  });

  it('stays neutral with too little history and says why', async () => {
    const signal = await provider.signalFor('EURUSD', candlesFromCloses(closesFrom('100', ['0.4', '-0.2'], 21)));
    expect(provider.requiredCandles).toBe(22);
    expect(signal.direction).toBe('neutral');
    expect(signal.entry.toString()).toBe('102');
    expect(signal.rationale).toContain('21 candles, 22 needed');
  });

  it('refuses to produce a signal without any candle', async () => {
    await expect(provider.signalFor('EURUSD', [])).rejects.toSatisfy(
      (error) => error instanceof DomainError && error.code === 'SIGNAL.NO_PRICE_HISTORY',
    );
  });
});

describe('IndicatorSignalProvider worked by hand with short periods', () => {
  const small = new IndicatorSignalProvider(new FixedClock(NOW), {
    ...DEFAULT_INDICATOR_SETTINGS,
    fastPeriod: 2,
    slowPeriod: 3,
    rsiPeriod: 3,
    atrPeriod: 3,
  });

  it('scores a cross on the last bar higher', async () => {
    // Closes 10, 9.6, 9.8, 9.5, 9.7, 9.9.
    // Bar before: SMA(2) 9.6 < SMA(3) 9.6667. Last bar: SMA(2) 9.8 > SMA(3) 9.7: a fresh cross up.
    // RSI(3): seed gain 1/15, loss 7/30; then 1/9, 7/45; then 19/135, 14/135 → RSI = 1900/33 = 57.58.
    // Confidence = 0.5 + 0.25 × (7.58/20) + 0.25 (fresh cross) = 0.8447 → 0.84. ATR(3) = 1.
    const candles = candlesFromCloses(['10', '9.6', '9.8', '9.5', '9.7', '9.9'].map((close) => new Decimal(close)));

    const snapshot = small.snapshot(candles);
    expect(snapshot?.rsi.toDecimalPlaces(6).toString()).toBe('57.575758');
    const signal = await small.signalFor('GBPUSD', candles);

    expect(signal.direction).toBe('buy');
    expect(signal.confidence).toBe(0.84);
    expect(signal.entry.toString()).toBe('9.9');
    expect(signal.stopLoss?.toString()).toBe('8.4');
    expect(signal.takeProfit?.toString()).toBe('12.9');
    expect(signal.rationale).toContain('after crossing on the last bar');
  });

  it('refuses a fast period that is not shorter than the slow one', () => {
    expect(() => new IndicatorSignalProvider(new FixedClock(NOW), { ...DEFAULT_INDICATOR_SETTINGS, fastPeriod: 21 })).toThrow(
      RangeError,
    );
  });
});
