import type { PriceFeed, Subscription } from '../../ports/price-feed.js';
import type { TradingLogin, TradingPlatform } from '../../ports/trading-platform.js';
import { ConversionRoutes } from '../../shared-kernel/conversion-routes.js';

/**
 * What moves one account's live figures, for pushing its metrics as they
 * change: deals booked on it, and ticks of the symbols its open positions are
 * valued with (each position's own symbol and the cross rate that turns its
 * profit into the account currency).
 */
export class AccountActivity {
  constructor(
    private readonly platform: TradingPlatform,
    private readonly feed: PriceFeed,
  ) {}

  /** The symbols whose ticks change the account's equity now, sorted. */
  async priceDrivers(login: TradingLogin): Promise<string[]> {
    const [account, positions] = await Promise.all([this.platform.getAccount(login), this.platform.openPositions(login)]);
    if (positions.length === 0) return [];
    const specs = await this.feed.symbols();
    const routes = new ConversionRoutes(account.currency, specs);
    const drivers = new Set<string>();
    for (const position of positions) {
      drivers.add(position.symbol);
      const spec = specs.find((candidate) => candidate.symbol === position.symbol);
      const route = spec ? routes.route(spec.profitCurrency) : null;
      if (route) drivers.add(route.symbol);
    }
    return [...drivers].sort();
  }

  /**
   * Called for each deal booked on the account. Deals booked before the call
   * may be announced once as well; a listener that re-reads the figures
   * loses nothing by that.
   */
  onDeal(login: TradingLogin, listener: () => void): Subscription {
    return this.platform.subscribeDeals(login, null, () => listener());
  }
}
