import type { Candle, PriceFeed, Subscription, SymbolSpecification, Tick, TickListener } from '@tradesense/application';
import type { SimulatedTradingServer } from './simulated-trading-server.js';

/** The `PriceFeed` port over the simulated server's quotes. */
export class SimulatedPriceFeed implements PriceFeed {
  constructor(private readonly server: SimulatedTradingServer) {}

  async symbols(): Promise<readonly SymbolSpecification[]> {
    return this.server.symbols();
  }

  async symbol(name: string): Promise<SymbolSpecification | null> {
    return this.server.symbol(name);
  }

  async lastTick(symbol: string): Promise<Tick | null> {
    return this.server.lastTick(symbol);
  }

  async recentCandles(symbol: string, count: number): Promise<readonly Candle[]> {
    return this.server.recentCandles(symbol, count);
  }

  subscribe(symbols: readonly string[], listener: TickListener): Subscription {
    return this.server.onTicks(symbols, listener);
  }
}
