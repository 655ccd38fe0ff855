import { Decimal } from 'decimal.js';
import { TradingPlatformError, type SymbolSpecification, type Tick } from '@tradesense/application';

/**
 * Which side of the conversion market an amount crosses: `sell` gives the
 * foreign currency away for account currency (a profit being paid out), `buy`
 * acquires it (a loss, a margin requirement). Each side uses the price a
 * trader would actually get, so rounding never favours the trader.
 */
export type ConversionSide = 'sell' | 'buy';

export interface ApproxQuote {
  readonly bid: number;
  readonly ask: number;
}

interface ConversionRoute {
  readonly symbol: string;
  /** true: the symbol is CCY/ACCOUNT (multiply); false: ACCOUNT/CCY (divide). */
  readonly direct: boolean;
}

/** Converts amounts into the account currency through the quoted cross rates. */
export class CurrencyConverter {
  readonly #routes = new Map<string, ConversionRoute>();

  constructor(
    readonly accountCurrency: string,
    specs: readonly SymbolSpecification[],
    private readonly quote: (symbol: string) => Tick | undefined,
  ) {
    const names = new Set(specs.map((spec) => spec.symbol));
    const currencies = new Set(specs.flatMap((spec) => [spec.profitCurrency, spec.marginCurrency]));
    for (const currency of currencies) {
      if (currency === accountCurrency) continue;
      if (names.has(currency + accountCurrency)) this.#routes.set(currency, { symbol: currency + accountCurrency, direct: true });
      else if (names.has(accountCurrency + currency)) this.#routes.set(currency, { symbol: accountCurrency + currency, direct: false });
      else throw new Error(`No ${currency}${accountCurrency} or ${accountCurrency}${currency} symbol to convert ${currency} amounts`);
    }
  }

  /** The symbol whose price converts `currency`, or null for the account currency. */
  routeSymbol(currency: string): string | null {
    return this.#routes.get(currency)?.symbol ?? null;
  }

  convert(amount: Decimal, currency: string, side: ConversionSide): Decimal {
    if (currency === this.accountCurrency) return amount;
    const route = this.#routes.get(currency);
    if (!route) throw new Error(`Unknown currency ${currency}`);
    const tick = this.quote(route.symbol);
    if (!tick) throw new TradingPlatformError('PLATFORM.NO_PRICE', `No price for ${route.symbol} to convert ${currency}`);
    if (route.direct) return amount.times(side === 'sell' ? tick.bid : tick.ask);
    return amount.dividedBy(side === 'sell' ? tick.ask : tick.bid);
  }

  /** A float estimate of `convert`, for screening only (never for booking). */
  approximate(amount: number, currency: string, side: ConversionSide, quote: (symbol: string) => ApproxQuote | undefined): number {
    if (currency === this.accountCurrency) return amount;
    const route = this.#routes.get(currency);
    const tick = route ? quote(route.symbol) : undefined;
    if (!route || !tick) return Number.NaN;
    if (route.direct) return amount * (side === 'sell' ? tick.bid : tick.ask);
    return amount / (side === 'sell' ? tick.ask : tick.bid);
  }

  /** Profit and swap: gains convert at the selling rate, losses at the buying rate. */
  signed(amount: Decimal, currency: string): Decimal {
    return this.convert(amount, currency, amount.isNegative() ? 'buy' : 'sell');
  }
}
