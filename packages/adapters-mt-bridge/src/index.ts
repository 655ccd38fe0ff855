export { simulatedTradingModule, SIMULATED_TRADING_SERVER } from './module/simulated-trading-module.js';
export { mt5TradingModule, MT5_WEB_API_CONNECTION } from './module/mt5-trading-module.js';

export { SimulatedTradingServer, type SimulatedTradingServerOptions } from './simulator/simulated-trading-server.js';
export { InMemorySimulatedTradingStore } from './simulator/in-memory-simulated-trading-store.js';
export { AnchoredRandomWalkPriceSource, type AnchoredRandomWalkOptions } from './simulator/anchored-random-walk-price-source.js';
export { SimulatedTradingPlatform } from './simulator/simulated-trading-platform.js';
export { SimulatedPriceFeed } from './simulator/simulated-price-feed.js';
export type { MarketOrder, OrderFill } from './simulator/simulated-account.js';
export { DEFAULT_SYMBOLS, type SimulatedSymbol } from './simulator/symbol-catalog.js';
export { DEFAULT_COMMISSIONS, NO_COMMISSIONS, type CommissionSchedule } from './simulator/commission-schedule.js';
export type { PriceSource } from './simulator/price-source.js';
export { RandomWalkPriceSource, type RandomWalkOptions } from './simulator/random-walk-price-source.js';
export { ReplayPriceSource } from './simulator/replay-price-source.js';
export { NEW_YORK_5PM, nextResetAfter, endingTradingDayWeekday, type TradingDayReset } from './simulator/trading-day.js';

export type { Mt5TradingConfig } from './mt5/mt5-config.js';
export { Mt5WebApiConnection, type Mt5ConnectionConfig } from './mt5/web-api-connection.js';
export { Mt5TradingPlatform, type Mt5PlatformOptions } from './mt5/mt5-trading-platform.js';
export { Mt5PriceFeed, type Mt5PriceFeedOptions } from './mt5/mt5-price-feed.js';
export { UTC_SERVER, type ServerTimeZone } from './mt5/server-time.js';
export { parseRetcode, retcodeError, type Retcode } from './mt5/retcode.js';
export * from './simulator/simulated-order-execution.js';
