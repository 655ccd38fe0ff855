import type { Decimal } from 'decimal.js';
import type { OpenPosition, Tick } from '@tradesense/application';
import { TradingPlatformError } from '@tradesense/application';
import { toCents, ZERO } from '../shared/money.js';
import type { ApproxQuote, CurrencyConverter } from './currency-converter.js';
import { marginInMarginCurrency } from './margin-calculator.js';
import { profitInProfitCurrency } from './profit-calculator.js';
import type { SimulatedAccount, SimulatedPosition } from './simulated-account.js';

export interface AccountFigures {
  readonly floatingProfit: Decimal;
  readonly swaps: Decimal;
  readonly equity: Decimal;
  readonly margin: Decimal;
  readonly freeMargin: Decimal;
  readonly marginLevel: Decimal | null;
}

/** Values positions and accounts at the current quotes. */
export class AccountValuation {
  constructor(
    private readonly converter: CurrencyConverter,
    private readonly quote: (symbol: string) => Tick | undefined,
    private readonly approxQuote: (symbol: string) => ApproxQuote | undefined,
  ) {}

  /**
   * The margin level in floating point, to skip the exact check for accounts
   * far from stop-out on every tick. NaN when a price is missing.
   */
  approximateMarginLevel(account: SimulatedAccount): number | null {
    let equity = account.balance.toNumber();
    let margin = 0;
    for (const position of account.positions.values()) {
      const spec = position.spec;
      const quote = this.approxQuote(spec.symbol);
      if (!quote) return Number.NaN;
      const close = position.side === 'buy' ? quote.bid : quote.ask;
      const move = position.side === 'buy' ? close - position.approx.openPrice : position.approx.openPrice - close;
      const raw = move * position.approx.units;
      equity += this.converter.approximate(raw, spec.profitCurrency, raw < 0 ? 'buy' : 'sell', this.approxQuote);
      if (!position.swap.isZero()) equity += position.swap.toNumber();
      const own = marginUnits(spec.marginMode, position.approx.units, position.approx.openPrice, account.leverage) * position.approx.marginRate;
      margin += this.converter.approximate(own, spec.marginCurrency, 'buy', this.approxQuote);
    }
    return margin === 0 ? null : (equity / margin) * 100;
  }

  tickOf(symbol: string): Tick {
    const tick = this.quote(symbol);
    if (!tick) throw new TradingPlatformError('PLATFORM.NO_PRICE', `No price for ${symbol}`);
    return tick;
  }

  /** The price a position closes at: bid for buys, ask for sells. */
  closePrice(position: SimulatedPosition): Decimal {
    const tick = this.tickOf(position.spec.symbol);
    return position.side === 'buy' ? tick.bid : tick.ask;
  }

  /** Floating profit in the account currency, to the cent. */
  profit(position: SimulatedPosition): Decimal {
    const raw = profitInProfitCurrency(position.spec, position.side, position.volume, position.openPrice, this.closePrice(position));
    return toCents(this.converter.signed(raw, position.spec.profitCurrency));
  }

  /** Margin in the account currency (unrounded; the account total is rounded). */
  margin(position: SimulatedPosition, leverage: number): Decimal {
    const own = marginInMarginCurrency(position.spec, position.volume, leverage, position.openPrice);
    return this.converter.convert(own, position.spec.marginCurrency, 'buy');
  }

  figures(account: SimulatedAccount): AccountFigures {
    let floating = ZERO;
    let swaps = ZERO;
    let margin = ZERO;
    for (const position of account.positions.values()) {
      floating = floating.plus(this.profit(position));
      swaps = swaps.plus(position.swap);
      margin = margin.plus(this.margin(position, account.leverage));
    }
    margin = toCents(margin);
    const equity = account.balance.plus(floating).plus(swaps);
    return {
      floatingProfit: floating,
      swaps,
      equity,
      margin,
      freeMargin: equity.minus(margin),
      marginLevel: margin.isZero() ? null : equity.dividedBy(margin).times(100).toDecimalPlaces(2),
    };
  }

  describe(position: SimulatedPosition): OpenPosition {
    return {
      positionId: position.positionId,
      login: position.login,
      symbol: position.spec.symbol,
      side: position.side,
      volume: position.volume,
      openPrice: position.openPrice,
      currentPrice: this.closePrice(position),
      stopLoss: position.stopLoss,
      takeProfit: position.takeProfit,
      profit: this.profit(position),
      swap: position.swap,
      openedAt: position.openedAt,
    };
  }
}

function marginUnits(mode: SimulatedPosition['spec']['marginMode'], units: number, openPrice: number, leverage: number): number {
  switch (mode) {
    case 'forex':
      return units / leverage;
    case 'forex_no_leverage':
      return units;
    case 'cfd':
    case 'cfd_index':
      return units * openPrice;
    case 'cfd_leverage':
      return (units * openPrice) / leverage;
  }
}
