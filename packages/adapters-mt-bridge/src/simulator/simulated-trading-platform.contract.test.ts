import { Decimal } from 'decimal.js';
import { describeTradingPlatformContract } from '../testing/trading-platform-contract.js';
import { SimulatedTradingPlatform } from './simulated-trading-platform.js';
import { SimulatedTradingServer } from './simulated-trading-server.js';

describeTradingPlatformContract('simulated trading server', async () => {
  const server = new SimulatedTradingServer({ seed: 'contract', startAt: new Date('2024-06-11T12:00:00Z') });
  await server.advanceTo(new Date('2024-06-11T12:00:05Z'));
  return {
    platform: new SimulatedTradingPlatform(server),
    openPosition: async (login, side) => (await server.placeMarketOrder({ login, symbol: 'EURUSD', side, volume: new Decimal(1) })).positionId,
    now: () => server.now(),
    close: async () => server.stopLive(),
  };
});
