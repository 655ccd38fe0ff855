import type { AssetClass } from '@tradesense/application';
import type { Mt5PlatformOptions } from './mt5-trading-platform.js';
import type { Mt5ConnectionConfig } from './web-api-connection.js';

/** Everything the MT5 adapter needs; secrets come from the environment via bootstrap. */
export interface Mt5TradingConfig extends Mt5ConnectionConfig, Omit<Mt5PlatformOptions, 'clock'> {
  /** Symbols the price feed quotes. */
  readonly symbols: readonly string[];
  readonly tickPollIntervalMs?: number;
  readonly assetClasses?: Readonly<Record<string, AssetClass>>;
}
