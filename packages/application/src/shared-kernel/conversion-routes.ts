// Shared: built from the price feed alone; the risk engine values positions with it, challenges show account activity.
import type { SymbolSpecification } from '../ports/price-feed.js';

/** The symbol whose price turns an amount in one currency into the account currency. */
export interface ConversionRoute {
  readonly currency: string;
  readonly symbol: string;
  /** true: the symbol is CCY/ACCOUNT (multiply by its price); false: ACCOUNT/CCY (divide). */
  readonly direct: boolean;
}

/**
 * How every currency the feed quotes profits in reaches one account
 * currency: through CCY/ACCOUNT when it is quoted, else ACCOUNT/CCY (the
 * cross-rate routes a MetaTrader server uses). A currency with neither has
 * no route, and positions valued in it cannot be valued.
 */
export class ConversionRoutes {
  private readonly routes = new Map<string, ConversionRoute>();

  constructor(
    readonly accountCurrency: string,
    specs: readonly SymbolSpecification[],
  ) {
    const names = new Set(specs.map((spec) => spec.symbol));
    for (const spec of specs) {
      for (const currency of [spec.profitCurrency, spec.marginCurrency]) {
        if (currency === accountCurrency || this.routes.has(currency)) continue;
        if (names.has(currency + accountCurrency)) {
          this.routes.set(currency, { currency, symbol: currency + accountCurrency, direct: true });
        } else if (names.has(accountCurrency + currency)) {
          this.routes.set(currency, { currency, symbol: accountCurrency + currency, direct: false });
        }
      }
    }
  }

  /** null for the account currency itself; undefined when the currency cannot be converted. */
  route(currency: string): ConversionRoute | null | undefined {
    if (currency === this.accountCurrency) return null;
    return this.routes.get(currency);
  }
}
