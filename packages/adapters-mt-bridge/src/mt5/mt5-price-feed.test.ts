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
