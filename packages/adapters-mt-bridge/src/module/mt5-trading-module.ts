import { ContainerModule } from 'inversify';
import { CLOCK, PRICE_FEED, TRADING_PLATFORM, token, type Token } from '@tradesense/application';
import type { Mt5TradingConfig } from '../mt5/mt5-config.js';
import { Mt5PriceFeed } from '../mt5/mt5-price-feed.js';
import { Mt5TradingPlatform } from '../mt5/mt5-trading-platform.js';
import { Mt5WebApiConnection } from '../mt5/web-api-connection.js';

/** The shared Web API session, for shutdown (`close()`) and monitoring (`stats`). */
export const MT5_WEB_API_CONNECTION: Token<Mt5WebApiConnection> = token<Mt5WebApiConnection>('Mt5WebApiConnection');

/**
 * Binds `TRADING_PLATFORM` and `PRICE_FEED` to the MT5 Web API over one
 * session. The clock is taken from `CLOCK` when the container has one.
 */
export function mt5TradingModule(config: Mt5TradingConfig): ContainerModule {
  return new ContainerModule((options) => {
    options.bind(MT5_WEB_API_CONNECTION).toDynamicValue(() => new Mt5WebApiConnection(config)).inSingletonScope();
    options
      .bind(TRADING_PLATFORM)
      .toDynamicValue(
        (context) =>
          new Mt5TradingPlatform(context.get(MT5_WEB_API_CONNECTION), {
            ...config,
            clock: context.get(CLOCK, { optional: true }),
          }),
      )
      .inSingletonScope();
    options
      .bind(PRICE_FEED)
      .toDynamicValue(
        (context) =>
          new Mt5PriceFeed(context.get(MT5_WEB_API_CONNECTION), {
            symbols: config.symbols,
            serverTime: config.serverTime,
            tickPollIntervalMs: config.tickPollIntervalMs,
            assetClasses: config.assetClasses,
            clock: context.get(CLOCK, { optional: true }),
          }),
      )
      .inSingletonScope();
  });
}
