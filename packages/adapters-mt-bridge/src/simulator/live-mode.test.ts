import { Decimal } from 'decimal.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '@tradesense/application/testing';
import { SimulatedTradingServer } from './simulated-trading-server.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('simulated server live mode', () => {
  it('follows the clock on a timer once started, and stands still once stopped', async () => {
    vi.useFakeTimers();
    const start = new Date('2024-06-11T12:00:00Z');
    const clock = new ManualClock(start);
    const server = new SimulatedTradingServer({ seed: 3, startAt: start, autoRollover: true });
    const seen: string[] = [];
    server.onTicks(['EURUSD'], (tick) => seen.push(tick.time.toISOString()));

    await server.startLive(clock, 500);
    expect(server.live).toBe(true);
    expect(seen).toEqual(['2024-06-11T12:00:00.000Z']);
    clock.advance(3_000);
    vi.advanceTimersByTime(500);
    await server.settled();
    expect(seen).toHaveLength(4);
    expect(server.now().toISOString()).toBe('2024-06-11T12:00:03.000Z');

    server.stopLive();
    clock.advance(10_000);
    vi.advanceTimersByTime(5_000);
    expect(seen).toHaveLength(4);
    expect(server.live).toBe(false);
  });

  it('charges swaps by itself in live mode as the clock passes 17:00 New York', async () => {
    vi.useFakeTimers();
    const start = new Date('2024-06-12T20:59:58Z');
    const clock = new ManualClock(start);
    const server = new SimulatedTradingServer({ seed: 3, startAt: start, autoRollover: true });
    await server.startLive(clock, 1_000);
    const { login } = await server.createAccount({ group: 'g', leverage: 100, initialBalance: new Decimal(10000), swapFree: false, name: 'L' });
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: new Decimal(1) });
    clock.advance(5_000);
    vi.advanceTimersByTime(1_000);
    await server.settled();
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('-22.50');
    server.stopLive();
  });
});
