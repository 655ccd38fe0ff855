import { Decimal } from 'decimal.js';
import type { SymbolSpecification } from '../ports/price-feed.js';
import type { PositionSide } from '../ports/trading-platform.js';
import type { ConversionRoute } from '../shared-kernel/conversion-routes.js';
import { decimalToFloat } from './decimal-to-float.js';
import type { LiveQuote } from './live-quote.js';
import { floatingProfit, type BidAsk, type ValuedPosition } from './position-valuation.js';

/** An open position as the risk engine is told about it (the platform's `OpenPosition` fits). */
export interface BookPositionInput {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: PositionSide;
  /** Lots. */
  readonly volume: Decimal;
  readonly openPrice: Decimal;
  /** Swap accrued, in the account currency. */
  readonly swap: Decimal;
  /**
   * Commission charged on the position but not yet in the balance. MetaTrader
   * (and the simulator) book commissions into the balance with each deal, so
   * platforms that do report none here.
   */
  readonly commission?: Decimal;
}

const ZERO = new Decimal(0);

/**
 * One open position in the risk engine's book: exact figures for verdicts,
 * float copies for the pre-check, and direct references to the live quotes
 * of its symbol and of its cross rate, so valuing it needs no look-up.
 */
export class BookPosition implements ValuedPosition {
  readonly positionId: string;
  readonly symbol: string;
  side: PositionSide;
  volume: Decimal;
  openPrice: Decimal;
  swap: Decimal;
  commission: Decimal;
  readonly contractSize: Decimal;
  /** +1 for a buy, −1 for a sell. */
  sign = 1;
  /** How the float pre-check converts: 0 no conversion, 1 multiply by the rate, 2 divide by it. */
  readonly conversion: 0 | 1 | 2;
  /** Float copies: lots × contract size, open price, swap + commission. */
  units = 0;
  open = 0;
  carry = 0;

  constructor(
    input: BookPositionInput,
    spec: SymbolSpecification,
    readonly route: ConversionRoute | null,
    readonly quote: LiveQuote,
    readonly rate: LiveQuote | null,
  ) {
    this.positionId = input.positionId;
    this.symbol = input.symbol;
    this.side = input.side;
    this.volume = input.volume;
    this.openPrice = input.openPrice;
    this.swap = input.swap;
    this.commission = input.commission ?? ZERO;
    this.contractSize = spec.contractSize;
    this.conversion = route === null ? 0 : route.direct ? 1 : 2;
    this.refresh();
  }

  get priced(): boolean {
    return this.quote.priced && (this.rate === null || this.rate.priced);
  }

  /** Symbols whose ticks move this position's value. */
  get drivers(): readonly string[] {
    return this.rate ? [this.quote.symbol, this.rate.symbol] : [this.quote.symbol];
  }

  /** Exact floating P/L + swap + commission; `previousOf` is valued at its quote before the latest tick. */
  exactValue(previousOf: LiveQuote | null): Decimal {
    const quote: BidAsk = this.quote === previousOf ? this.quote.previous : this.quote;
    const rate: BidAsk | null = this.rate === null ? null : this.rate === previousOf ? this.rate.previous : this.rate;
    return floatingProfit(this, quote, rate).plus(this.swap).plus(this.commission);
  }

  /** Recomputes the float copies after the exact figures changed. */
  refresh(): void {
    this.sign = this.side === 'buy' ? 1 : -1;
    this.units = decimalToFloat(this.volume.times(this.contractSize));
    this.open = decimalToFloat(this.openPrice);
    this.carry = decimalToFloat(this.swap.plus(this.commission));
  }
}
