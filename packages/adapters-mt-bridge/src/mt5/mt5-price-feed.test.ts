import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tick } from '@tradesense/application';
import { FakeMt5Server } from '../testing/fake-mt5-server.js';
import { Mt5PriceFeed } from './mt5-price-feed.js';
import { Mt5WebApiConnection } from './web-api-connection.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('MT5 price feed', () => {
  it('maps symbol configurations and streams polled ticks per symbol', async () => {
    const fake = await FakeMt5Server.start({ managerPassword: 'Manager#2024', serverUtcOffsetHours: 3 });
    cleanup.push(() => fake.close());
    fake.addSymbol({ Symbol: 'EURUSD', Path: 'Forex\\Majors\\EURUSD', Digits: 5, ContractSize: '100000', CurrencyBase: 'EUR', CurrencyProfit: 'USD', CurrencyMargin: 'EUR', CalcMode: 0, SwapLong: '-7.5', SwapShort: '2.1', Swap3Day: 3 });
    fake.addSymbol({ Symbol: 'XAUUSD', Path: 'Metals\\XAUUSD', Digits: 2, ContractSize: '100', CurrencyBase: 'XAU', CurrencyProfit: 'USD', CurrencyMargin: 'USD', CalcMode: 4, SwapLong: '-45', SwapShort: '20', Swap3Day: 3 });
    const connection = new Mt5WebApiConnection({ baseUrl: fake.url, login: '1000', password: 'Manager#2024' });
    const feed = new Mt5PriceFeed(connection, { symbols: ['EURUSD', 'XAUUSD'], serverTime: { timeZone: 'UTC', shiftHours: 3 }, tickPollIntervalMs: 20 });
    cleanup.push(() => connection.close(), () => feed.close());

    const gold = (await feed.symbol('XAUUSD'))!;
    expect([gold.assetClass, gold.marginMode, gold.digits, gold.contractSize.toString(), gold.tripleSwapDay]).toEqual(['metals', 'cfd_leverage', 2, '100', 3]);
    expect((await feed.symbol('EURUSD'))!.swapLong.toString()).toBe('-7.5');

    const seen: Tick[] = [];
    const subscription = feed.subscribe(['EURUSD'], (tick) => seen.push(tick));
    fake.setTick('EURUSD', '1.08501', '1.08513');
    fake.setTick('XAUUSD', '2350.10', '2350.35');
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 2_000 });
    expect(seen[0]!.ask.toString()).toBe('1.08513');
    expect(Math.abs(seen[0]!.time.getTime() - Date.now())).toBeLessThan(5_000);
    fake.setTick('EURUSD', '1.08502', '1.08514');
    await vi.waitFor(() => expect(seen.map((tick) => tick.bid.toString())).toEqual(['1.08501', '1.08502']), { timeout: 2_000 });
    subscription.unsubscribe();
    expect((await feed.lastTick('XAUUSD'))!.bid.toFixed(2)).toBe('2350.10');
  });
});

describe('MT5 price feed candles', () => {
  it('reads one-minute bars in server time, widening the window past a closed market', async () => {
    const fake = await FakeMt5Server.start({ managerPassword: 'Manager#2024', serverUtcOffsetHours: 3 });
    cleanup.push(() => fake.close());
    let now = new Date('2026-11-06T12:00:30Z');
    const connection = new Mt5WebApiConnection({ baseUrl: fake.url, login: '1000', password: 'Manager#2024' });
    const feed = new Mt5PriceFeed(connection, { symbols: ['EURUSD'], serverTime: { timeZone: 'UTC', shiftHours: 3 }, clock: { now: () => now } });
    cleanup.push(() => connection.close(), () => feed.close());
    fake.addBar('EURUSD', new Date('2026-11-06T11:57:00Z'), 1.0851, 1.0856, 1.0849, 1.0853);
    fake.addBar('EURUSD', new Date('2026-11-06T11:58:00Z'), 1.0853, 1.08561, 1.0852, 1.08555);
    fake.addBar('EURUSD', new Date('2026-11-06T11:59:00Z'), 1.08555, 1.0858, 1.0855, 1.08572);
    fake.addBar('EURUSD', new Date('2026-11-06T21:59:00Z'), 1.0861, 1.0862, 1.086, 1.08615);

    const plain = (candles: readonly { time: Date; open: { toString(): string }; high: { toString(): string }; low: { toString(): string }; close: { toString(): string } }[]) =>
      candles.map((c) => [c.time.toISOString(), c.open.toString(), c.high.toString(), c.low.toString(), c.close.toString()]);
    expect(plain(await feed.recentCandles('EURUSD', 2))).toEqual([
      ['2026-11-06T11:58:00.000Z', '1.0853', '1.08561', '1.0852', '1.08555'],
      ['2026-11-06T11:59:00.000Z', '1.08555', '1.0858', '1.0855', '1.08572'],
    ]);
    expect(fake.requests.filter((path) => path === '/api/chart/get')).toHaveLength(1);

    // Monday morning: the short window is empty, the long one reaches Friday's close.
    now = new Date('2026-11-09T00:30:00Z');
    expect(plain(await feed.recentCandles('EURUSD', 2))).toEqual([
      ['2026-11-06T11:59:00.000Z', '1.08555', '1.0858', '1.0855', '1.08572'],
      ['2026-11-06T21:59:00.000Z', '1.0861', '1.0862', '1.086', '1.08615'],
    ]);
    const charts = fake.requestUrls.filter((url) => url.startsWith('/api/chart/get'));
    expect(charts).toHaveLength(3);
    const last = new URL(charts[2]!, 'http://fake').searchParams;
    // Server time is UTC+3: Monday 03:30 server time, four days back.
    expect([last.get('from'), last.get('to')]).toEqual([String(Date.UTC(2026, 10, 5, 3, 30) / 1000), String(Date.UTC(2026, 10, 9, 3, 30) / 1000)]);
    expect(await feed.recentCandles('GBPUSD', 5)).toEqual([]);
  });
});
