import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { CLOCK, PRICE_FEED, TRADING_PLATFORM, type PriceFeed } from '@tradesense/application';
import { Mt5PriceFeed } from '../mt5/mt5-price-feed.js';
import { Mt5TradingPlatform } from '../mt5/mt5-trading-platform.js';
import type { Mt5WebApiConnection } from '../mt5/web-api-connection.js';
import { SimulatedPriceFeed } from '../simulator/simulated-price-feed.js';
import { SimulatedTradingPlatform } from '../simulator/simulated-trading-platform.js';
import type { SimulatedTradingServer } from '../simulator/simulated-trading-server.js';
import { MT5_WEB_API_CONNECTION, mt5TradingModule } from './mt5-trading-module.js';
import { SIMULATED_TRADING_SERVER, simulatedTradingModule } from './simulated-trading-module.js';

describe('container modules', () => {
  it('binds the simulated platform and feed to one server', async () => {
    const container = new Container();
    await container.load(simulatedTradingModule({ seed: 9, startAt: new Date('2024-06-11T12:00:00Z') }));
    const server = container.get<SimulatedTradingServer>(SIMULATED_TRADING_SERVER);
    await server.advanceTo(new Date('2024-06-11T12:00:01Z'));
    expect(container.get(TRADING_PLATFORM)).toBeInstanceOf(SimulatedTradingPlatform);
    const feed = container.get<PriceFeed>(PRICE_FEED);
    expect(feed).toBeInstanceOf(SimulatedPriceFeed);
    expect((await feed.lastTick('EURUSD'))?.time.toISOString()).toBe('2024-06-11T12:00:01.000Z');
  });

  it('binds the MT5 platform and feed over one lazily opened session', async () => {
    const container = new Container();
    container.bind(CLOCK).toConstantValue({ now: () => new Date('2024-06-11T12:00:00Z') });
    await container.load(mt5TradingModule({ baseUrl: 'https://mt5.invalid:443', login: '1000', password: 'x', symbols: ['EURUSD'] }));
    expect(container.get(TRADING_PLATFORM)).toBeInstanceOf(Mt5TradingPlatform);
    expect(container.get(PRICE_FEED)).toBeInstanceOf(Mt5PriceFeed);
    const connection = container.get<Mt5WebApiConnection>(MT5_WEB_API_CONNECTION);
    expect(connection.authenticated).toBe(false);
    connection.close();
  });
});
