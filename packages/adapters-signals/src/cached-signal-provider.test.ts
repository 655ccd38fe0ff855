import { Decimal } from 'decimal.js';
import { SIGNAL_DISCLAIMER, type Candle, type SignalProvider, type TradingSignal } from '@tradesense/application';
import { describe, expect, it } from 'vitest';
import { CachedSignalProvider } from './cached-signal-provider.js';
import { IndicatorSignalProvider } from './indicator-signal-provider.js';
import { candlesFromCloses, closesFrom } from './testing/candles.js';
import { FixedClock } from './testing/fixed-clock.js';

const START = new Date('2025-03-04T12:00:00Z');

/** Wraps the real indicator provider to count the calls that reach it. */
class CountingProvider implements SignalProvider {
  calls = 0;
  failNext = false;

  constructor(private readonly inner: SignalProvider) {}

  async signalFor(symbol: string, candles: readonly Candle[]): Promise<TradingSignal> {
    this.calls++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('provider down');
    }
    return this.inner.signalFor(symbol, candles);
  }
}

function setup(ttlSeconds?: number) {
  const clock = new FixedClock(START);
  const inner = new CountingProvider(new IndicatorSignalProvider(clock));
  const cached = new CachedSignalProvider(inner, clock, ttlSeconds);
  return { clock, inner, cached };
}

const uptrend = candlesFromCloses(closesFrom('100', ['0.4', '-0.2'], 41));
const downtrend = candlesFromCloses(closesFrom('100', ['-0.4', '0.2'], 41));

describe('CachedSignalProvider', () => {
  it('serves the cached signal within 5 minutes, even for newer candles', async () => {
    const { clock, inner, cached } = setup();
    const first = await cached.signalFor('EURUSD', uptrend);

    clock.advanceSeconds(299);
    const again = await cached.signalFor('EURUSD', downtrend);

    expect(inner.calls).toBe(1);
    expect(again).toBe(first);
    expect(again.direction).toBe('buy');
    expect(again.generatedAt).toEqual(START);
    expect(again.disclaimer).toBe(SIGNAL_DISCLAIMER);
  });

  it('asks again once the signal is 5 minutes old', async () => {
    const { clock, inner, cached } = setup();
    await cached.signalFor('EURUSD', uptrend);

    clock.advanceSeconds(300);
    const fresh = await cached.signalFor('EURUSD', downtrend);

    expect(inner.calls).toBe(2);
    expect(fresh.direction).toBe('sell');
    expect(fresh.generatedAt).toEqual(new Date(START.getTime() + 300_000));
  });

  it('caches per symbol', async () => {
    const { inner, cached } = setup();
    await cached.signalFor('EURUSD', uptrend);
    const gold = await cached.signalFor('XAUUSD', downtrend);
    await cached.signalFor('EURUSD', downtrend);

    expect(inner.calls).toBe(2);
    expect(gold.symbol).toBe('XAUUSD');
  });

  it('shares one request between concurrent callers of a cold symbol', async () => {
    const { inner, cached } = setup();
    const [a, b] = await Promise.all([cached.signalFor('EURUSD', uptrend), cached.signalFor('EURUSD', uptrend)]);
    expect(inner.calls).toBe(1);
    expect(a).toBe(b);
  });

  it('does not cache a failure', async () => {
    const { inner, cached } = setup();
    inner.failNext = true;
    await expect(cached.signalFor('EURUSD', uptrend)).rejects.toThrow('provider down');

    const signal = await cached.signalFor('EURUSD', uptrend);

    expect(inner.calls).toBe(2);
    expect(signal.entry).toEqual(new Decimal(104));
  });

  it('honours a configured lifetime', async () => {
    const { clock, inner, cached } = setup(60);
    await cached.signalFor('EURUSD', uptrend);
    clock.advanceSeconds(59);
    await cached.signalFor('EURUSD', uptrend);
    clock.advanceSeconds(1);
    await cached.signalFor('EURUSD', uptrend);
    expect(inner.calls).toBe(2);
  });
});
