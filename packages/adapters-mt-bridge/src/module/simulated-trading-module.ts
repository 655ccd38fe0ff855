import { ContainerModule } from 'inversify';
import { ORDER_EXECUTION, PRICE_FEED, TRADING_PLATFORM, token, type Token } from '@tradesense/application';
import { SimulatedPriceFeed } from '../simulator/simulated-price-feed.js';
import { SimulatedOrderExecution } from '../simulator/simulated-order-execution.js';
import { SimulatedTradingPlatform } from '../simulator/simulated-trading-platform.js';
import { SimulatedTradingServer, type SimulatedTradingServerOptions } from '../simulator/simulated-trading-server.js';

/** The embedded server itself, for the runtime that starts and stops its live mode. */
export const SIMULATED_TRADING_SERVER: Token<SimulatedTradingServer> = token<SimulatedTradingServer>('SimulatedTradingServer');

/**
 * Binds `TRADING_PLATFORM`, `PRICE_FEED` and in-app `ORDER_EXECUTION` to one simulated server. Pass a
 * server to share it (tests drive it), or options to build one.
 */
export function simulatedTradingModule(source: SimulatedTradingServer | SimulatedTradingServerOptions): ContainerModule {
  const server = source instanceof SimulatedTradingServer ? source : new SimulatedTradingServer(source);
  return new ContainerModule((options) => {
    options.bind(SIMULATED_TRADING_SERVER).toConstantValue(server);
    options.bind(TRADING_PLATFORM).toConstantValue(new SimulatedTradingPlatform(server));
    options.bind(PRICE_FEED).toConstantValue(new SimulatedPriceFeed(server));
    options.bind(ORDER_EXECUTION).toConstantValue(new SimulatedOrderExecution(server));
  });
}
