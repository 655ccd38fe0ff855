import { describeTradingPlatformContract } from '../testing/trading-platform-contract.js';
import { FakeMt5Server } from '../testing/fake-mt5-server.js';
import { Mt5TradingPlatform } from './mt5-trading-platform.js';
import { Mt5WebApiConnection } from './web-api-connection.js';

describeTradingPlatformContract('MT5 Web API adapter against the fake server', async () => {
  const fake = await FakeMt5Server.start({ managerLogin: '1000', managerPassword: 'Manager#2024', serverUtcOffsetHours: 2 });
  const connection = new Mt5WebApiConnection({ baseUrl: fake.url, login: '1000', password: 'Manager#2024' });
  const platform = new Mt5TradingPlatform(connection, { serverTime: { timeZone: 'UTC', shiftHours: 2 }, dealPollIntervalMs: 20 });
  return {
    platform,
    openPosition: async (login, side) =>
      fake.seedPosition(login, { symbol: 'EURUSD', side, volume: '1', openPrice: '1.10012', currentPrice: '1.10000', profit: '-12.00', margin: '1100.12' }),
    now: () => new Date(),
    close: async () => {
      connection.close();
      await fake.close();
    },
  };
});
