import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { isTradingPlatformError, type Tick } from '@tradesense/application';
import { NO_COMMISSIONS } from './commission-schedule.js';
import { SimulatedTradingServer } from './simulated-trading-server.js';

const d = (value: string | number): Decimal => new Decimal(value);
// Tuesday 11 June 2024, 08:00 in New York (EDT, UTC-4).
const TUESDAY_MORNING = new Date('2024-06-11T12:00:00Z');

async function serverWithPrices(options: { swapFree?: boolean; balance?: string; leverage?: number; commissions?: boolean } = {}) {
  const server = new SimulatedTradingServer({
    startAt: TUESDAY_MORNING,
    replay: [],
    commissions: options.commissions ? undefined : NO_COMMISSIONS,
  });
  const quote = (symbol: string, bid: string, ask: string): Promise<void> =>
    server.pushTick({ symbol, bid: d(bid), ask: d(ask), time: server.now() });
  await quote('EURUSD', '1.10000', '1.10012');
  await quote('USDJPY', '150.000', '150.014');
  await quote('XAUUSD', '2350.25', '2350.50');
  await quote('GER40', '18000.00', '18001.50');
  const { login } = await server.createAccount({
    group: 'demo\\stellar-2step-p1',
    leverage: options.leverage ?? 100,
    initialBalance: d(options.balance ?? '100000'),
    swapFree: options.swapFree ?? false,
    name: 'Test Trader',
  });
  return { server, login, quote };
}

describe('simulated trading server: margin and profit checked by hand', () => {
  it('EURUSD 1 lot buy at 1:100: margin 1,000 EUR at the ask, profit in USD', async () => {
    const { server, login, quote } = await serverWithPrices();
    const fill = await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('1') });
    expect(fill.price.toFixed(5)).toBe('1.10012');
    // 1 × 100,000 / 100 = 1,000 EUR × 1.10012 = 1,100.12 USD
    expect((await server.account(login)).margin.toFixed(2)).toBe('1100.12');

    await quote('EURUSD', '1.10100', '1.10112');
    const [position] = await server.positions(login);
    // (1.10100 − 1.10012) × 100,000 = 88.00 USD
    expect(position!.profit.toFixed(2)).toBe('88.00');
    const account = await server.account(login);
    expect(account.equity.toFixed(2)).toBe('100088.00');
    // The EUR margin follows the EURUSD rate: 1,000 × 1.10112
    expect(account.margin.toFixed(2)).toBe('1101.12');
    expect(account.freeMargin.toFixed(2)).toBe('98986.88');
    // 100,088 / 1,101.12 × 100 = 9,089.654…
    expect(account.marginLevel!.toFixed(2)).toBe('9089.65');
  });

  it('USDJPY 2 lots sell: margin 2,000 USD, yen profit converted at 1/ask', async () => {
    const { server, login, quote } = await serverWithPrices();
    const fill = await server.placeMarketOrder({ login, symbol: 'USDJPY', side: 'sell', volume: d('2') });
    expect(fill.price.toFixed(3)).toBe('150.000');
    expect((await server.account(login)).margin.toFixed(2)).toBe('2000.00');

    await quote('USDJPY', '149.486', '149.500');
    // (150.000 − 149.500) × 200,000 = 100,000 JPY; / 149.500 = 668.896… → 668.90
    expect((await server.positions(login))[0]!.profit.toFixed(2)).toBe('668.90');

    await quote('USDJPY', '150.486', '150.500');
    // A loss: −100,000 JPY bought back at the bid, / 150.486 = −664.513… → −664.51
    expect((await server.positions(login))[0]!.profit.toFixed(2)).toBe('-664.51');
  });

  it('XAUUSD 0.5 lot buy: CFD-leverage margin on the open price', async () => {
    const { server, login, quote } = await serverWithPrices();
    await server.placeMarketOrder({ login, symbol: 'XAUUSD', side: 'buy', volume: d('0.5') });
    // 0.5 × 100 oz × 2,350.50 / 100 = 1,175.25 USD
    expect((await server.account(login)).margin.toFixed(2)).toBe('1175.25');
    await quote('XAUUSD', '2360.00', '2360.25');
    // (2,360.00 − 2,350.50) × 50 oz = 475.00 USD
    expect((await server.positions(login))[0]!.profit.toFixed(2)).toBe('475.00');
    expect((await server.account(login)).margin.toFixed(2)).toBe('1175.25');
  });

  it('GER40 is margined and valued in EUR and converted through EURUSD', async () => {
    const { server, login, quote } = await serverWithPrices();
    await server.placeMarketOrder({ login, symbol: 'GER40', side: 'buy', volume: d('1') });
    // 1 × 18,001.50 / 100 = 180.015 EUR × 1.10012 = 198.0381… → 198.04
    expect((await server.account(login)).margin.toFixed(2)).toBe('198.04');
    await quote('GER40', '18051.00', '18052.50');
    // 49.50 EUR × 1.10000 (selling EUR at the bid) = 54.45 USD
    expect((await server.positions(login))[0]!.profit.toFixed(2)).toBe('54.45');
    // A EURUSD tick alone revalues the GER40 position
    await quote('EURUSD', '1.20000', '1.20012');
    expect((await server.positions(login))[0]!.profit.toFixed(2)).toBe('59.40');
  });

  it('commissions are charged per lot per side and booked with each deal', async () => {
    const { server, login } = await serverWithPrices({ commissions: true });
    const fill = await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('2') });
    expect((await server.account(login)).balance.toFixed(2)).toBe('99994.00');
    const close = await server.closePosition(fill.positionId);
    expect(close.commission.toFixed(2)).toBe('-6.00');
    // Closed at the bid 1.10000 after buying at 1.10012: −0.00012 × 200,000 = −24.00
    expect(close.profit.toFixed(2)).toBe('-24.00');
    expect((await server.account(login)).balance.toFixed(2)).toBe('99964.00');
  });
});

describe('simulated trading server: swaps at rollover', () => {
  // 17:00 New York in June is 21:00 UTC.
  const tuesdayRollover = new Date('2024-06-11T21:00:00Z');
  const wednesdayRollover = new Date('2024-06-12T21:00:00Z');
  const thursdayRollover = new Date('2024-06-13T21:00:00Z');
  const saturdayRollover = new Date('2024-06-15T21:00:00Z');

  it('charges the nightly swap, three times on Wednesday', async () => {
    const { server, login } = await serverWithPrices();
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('1') });
    // −7.5 points × 0.00001 × 100,000 × 1 lot = −7.50 USD a night
    await server.applyRollover(tuesdayRollover);
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('-7.50');
    await server.applyRollover(wednesdayRollover);
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('-30.00');
    await server.applyRollover(wednesdayRollover);
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('-30.00');
    await server.applyRollover(thursdayRollover);
    await server.applyRollover(saturdayRollover);
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('-37.50');
    // Equity carries the open swap; closing books it into the balance.
    expect((await server.account(login)).equity.toFixed(2)).toBe('99950.50');
    const close = await server.closePosition((await server.positions(login))[0]!.positionId);
    expect(close.swap.toFixed(2)).toBe('-37.50');
    expect((await server.account(login)).balance.toFixed(2)).toBe('99950.50');
  });

  it('charges nothing on a swap-free account', async () => {
    const { server, login } = await serverWithPrices({ swapFree: true });
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('1') });
    await server.applyRollover(tuesdayRollover);
    await server.applyRollover(wednesdayRollover);
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('0.00');
  });

  it('pays a positive swap on the credit side (EURUSD short)', async () => {
    const { server, login } = await serverWithPrices();
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'sell', volume: d('1') });
    await server.applyRollover(wednesdayRollover);
    // 2.1 points × 3 nights = 6.30 USD
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('6.30');
  });

  it('with automatic rollover, crossing Wednesday 17:00 New York charges the triple swap', async () => {
    const server = new SimulatedTradingServer({ startAt: TUESDAY_MORNING, replay: [], autoRollover: true, commissions: NO_COMMISSIONS });
    await server.pushTick({ symbol: 'EURUSD', bid: d('1.10000'), ask: d('1.10012'), time: TUESDAY_MORNING });
    const { login } = await server.createAccount({ group: 'g', leverage: 100, initialBalance: d(10000), swapFree: false, name: 'A' });
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('1') });
    await server.advanceTo(new Date('2024-06-12T20:59:59Z'));
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('-7.50');
    await server.advanceTo(new Date('2024-06-12T21:00:00Z'));
    expect((await server.positions(login))[0]!.swap.toFixed(2)).toBe('-30.00');
  });
});

describe('simulated trading server: orders, stops and stop-out', () => {
  it('closes at the take profit when the bid reaches it', async () => {
    const { server, login, quote } = await serverWithPrices();
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('1'), stopLoss: d('1.09900'), takeProfit: d('1.10200') });
    await quote('EURUSD', '1.10199', '1.10211');
    expect(await server.positions(login)).toHaveLength(1);
    await quote('EURUSD', '1.10200', '1.10212');
    expect(await server.positions(login)).toHaveLength(0);
    const last = (await server.dealsAfter(login, null, 100)).at(-1)!;
    expect(last.reason).toBe('take_profit');
    expect(last.price.toFixed(5)).toBe('1.10200');
    expect(last.profit.toFixed(2)).toBe('188.00');
  });

  it('closes a short at the stop loss when the ask reaches it', async () => {
    const { server, login, quote } = await serverWithPrices();
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'sell', volume: d('1'), stopLoss: d('1.10100') });
    await quote('EURUSD', '1.10090', '1.10102');
    const last = (await server.dealsAfter(login, null, 100)).at(-1)!;
    expect(last.reason).toBe('stop_loss');
    expect(last.profit.toFixed(2)).toBe('-102.00');
  });

  it('refuses stops on the wrong side, bad volumes, missing margin and disabled trading', async () => {
    const { server, login } = await serverWithPrices({ balance: '1000' });
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        return 'accepted';
      } catch (error) {
        return isTradingPlatformError(error) ? error.code : String(error);
      }
    };
    expect(await attempt(() => server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('0.1'), stopLoss: d('1.10500') }))).toBe('PLATFORM.INVALID_STOPS');
    expect(await attempt(() => server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('0.015') }))).toBe('PLATFORM.INVALID_VOLUME');
    expect(await attempt(() => server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('1') }))).toBe('PLATFORM.NOT_ENOUGH_MONEY');
    await server.setTradingEnabled(login, false);
    expect(await attempt(() => server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('0.1') }))).toBe('PLATFORM.TRADE_DISABLED');
    expect(await server.dealsAfter(login, null, 100)).toHaveLength(1);
  });

  it('stops out the worst position when the margin level falls to 50 %', async () => {
    const { server, login, quote } = await serverWithPrices({ balance: '1000' });
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('0.5') });
    // margin 500 EUR × 1.10012 = 550.06; level 181.8 %
    await quote('EURUSD', '1.08600', '1.08612');
    // −0.01412 × 50,000 = −706.00 → equity 294.00, margin 543.06, level 54.14 %
    expect(await server.positions(login)).toHaveLength(1);
    await quote('EURUSD', '1.08500', '1.08512');
    // −756.00 → equity 244.00, margin 542.56, level 44.97 % → stop-out
    expect(await server.positions(login)).toHaveLength(0);
    const last = (await server.dealsAfter(login, null, 100)).at(-1)!;
    expect(last.reason).toBe('stop_out');
    expect((await server.account(login)).balance.toFixed(2)).toBe('244.00');
  });

  it('withdrawal beyond the free margin is refused with the platform code', async () => {
    const { server, login } = await serverWithPrices({ balance: '2000' });
    await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: d('1') });
    await expect(
      server.balanceOperation({ login, kind: 'withdrawal', amount: d('1000'), clientOperationId: 'w-1' }),
    ).rejects.toThrowError(expect.objectContaining({ code: 'PLATFORM.NOT_ENOUGH_MONEY', retcode: 10019 }));
    expect((await server.account(login)).balance.toFixed(2)).toBe('2000.00');
  });
});

describe('simulated price feed', () => {
  const start = new Date('2024-06-11T12:00:00Z');

  it('is deterministic for a seed, whatever the advance granularity', async () => {
    const collect = async (seed: number, steps: readonly number[]): Promise<string[]> => {
      const server = new SimulatedTradingServer({ seed, startAt: start });
      const seen: string[] = [];
      server.onTicks(['EURUSD', 'BTCUSD'], (tick) => seen.push(`${tick.symbol} ${tick.time.toISOString()} ${tick.bid} ${tick.ask}`));
      for (const ms of steps) await server.advanceTo(new Date(start.getTime() + ms));
      return seen;
    };
    const inOneGo = await collect(42, [60_000]);
    const inPieces = await collect(42, [1_500, 20_000, 20_001, 59_999, 60_000]);
    expect(inOneGo).toHaveLength(122);
    expect(inPieces).toEqual(inOneGo);
    expect(await collect(43, [60_000])).not.toEqual(inOneGo);
  });

  it('quotes realistic spreads on the symbol grid', async () => {
    const server = new SimulatedTradingServer({ seed: 7, startAt: start });
    await server.advanceTo(new Date(start.getTime() + 3_600_000));
    for (const spec of server.symbols()) {
      const tick = server.lastTick(spec.symbol)!;
      expect(tick.ask.gt(tick.bid)).toBe(true);
      expect(tick.bid.decimalPlaces()).toBeLessThanOrEqual(spec.digits);
    }
    const eurusd = server.lastTick('EURUSD')!;
    const spreadPips = eurusd.ask.minus(eurusd.bid).times(10_000).toNumber();
    expect(spreadPips).toBeGreaterThanOrEqual(1.2);
    expect(spreadPips).toBeLessThan(5);
    expect(eurusd.bid.toNumber()).toBeGreaterThan(1.0);
    expect(eurusd.bid.toNumber()).toBeLessThan(1.2);
  });

  it('replays a recorded tick list up to the instant asked for', async () => {
    const ticks: Tick[] = [
      { symbol: 'EURUSD', bid: d('1.1'), ask: d('1.10012'), time: new Date(start.getTime() + 1_000) },
      { symbol: 'EURUSD', bid: d('1.2'), ask: d('1.20012'), time: new Date(start.getTime() + 2_000) },
    ];
    const server = new SimulatedTradingServer({ startAt: start, replay: ticks });
    await server.advanceTo(new Date(start.getTime() + 1_500));
    expect(server.lastTick('EURUSD')!.bid.toString()).toBe('1.1');
    await server.advanceTo(new Date(start.getTime() + 5_000));
    expect(server.lastTick('EURUSD')!.bid.toString()).toBe('1.2');
    expect(server.now().getTime()).toBe(start.getTime() + 5_000);
  });

  it('lets a consumer subscribe per symbol and unsubscribe', async () => {
    const server = new SimulatedTradingServer({ seed: 1, startAt: start });
    const seen: string[] = [];
    const subscription = server.onTicks(['USDJPY'], (tick) => seen.push(tick.symbol));
    await server.advanceTo(new Date(start.getTime() + 2_000));
    expect(seen).toEqual(['USDJPY', 'USDJPY', 'USDJPY']);
    subscription.unsubscribe();
    subscription.unsubscribe();
    await server.advanceTo(new Date(start.getTime() + 5_000));
    expect(seen).toHaveLength(3);
  });
});
