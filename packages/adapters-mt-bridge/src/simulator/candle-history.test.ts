import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Candle } from '@tradesense/application';
import { CandleHistory } from './candle-history.js';
import { SimulatedPriceFeed } from './simulated-price-feed.js';
import { SimulatedTradingServer } from './simulated-trading-server.js';

const at = (time: string): Date => new Date(`2024-06-11T${time}Z`);
const rows = (candles: readonly Candle[]) =>
  candles.map((c) => [c.time.toISOString(), c.open.toString(), c.high.toString(), c.low.toString(), c.close.toString()]);

describe('simulator candles', () => {
  it('charts the bid into one-minute bars through the price feed, ignoring a late quote', async () => {
    const server = new SimulatedTradingServer({ startAt: at('10:00:00'), replay: [] });
    const feed = new SimulatedPriceFeed(server);
    const quote = (time: string, bid: string): Promise<void> =>
      server.pushTick({ symbol: 'EURUSD', bid: new Decimal(bid), ask: new Decimal(bid).plus('0.0001'), time: at(time) });
    await quote('10:00:10', '1.10000');
    await quote('10:00:40', '1.10020');
    await quote('10:00:50', '1.09990');
    await quote('10:01:05', '1.10005');
    await quote('10:00:59', '1.20000');
    await quote('10:03:00', '1.10010');
    expect(rows(await feed.recentCandles('EURUSD', 10))).toEqual([
      ['2024-06-11T10:00:00.000Z', '1.1', '1.1002', '1.0999', '1.0999'],
      ['2024-06-11T10:01:00.000Z', '1.10005', '1.10005', '1.10005', '1.10005'],
      ['2024-06-11T10:03:00.000Z', '1.1001', '1.1001', '1.1001', '1.1001'],
    ]);
    expect(rows(await feed.recentCandles('EURUSD', 1))).toEqual([['2024-06-11T10:03:00.000Z', '1.1001', '1.1001', '1.1001', '1.1001']]);
    expect(await feed.recentCandles('GBPUSD', 10)).toEqual([]);
  });

  it('keeps only the newest bars up to its capacity', async () => {
    const history = new CandleHistory(2);
    for (const [minute, bid] of [['00', '1'], ['01', '2'], ['02', '3']] as const) {
      history.record({ symbol: 'X', bid: new Decimal(bid), ask: new Decimal(bid), time: at(`10:${minute}:00`) });
    }
    expect(rows(history.recent('X', 5)).map(([time, , , , close]) => [time, close])).toEqual([
      ['2024-06-11T10:01:00.000Z', '2'],
      ['2024-06-11T10:02:00.000Z', '3'],
    ]);
  });
});
