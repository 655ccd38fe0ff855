import { Decimal } from 'decimal.js';
import {
  SIGNAL_DISCLAIMER,
  type Candle,
  type Clock,
  type SignalDirection,
  type SignalProvider,
  type TradingSignal,
} from '@tradesense/application';
import { domainError } from '@tradesense/domain';
import { atr } from './indicators/atr.js';
import { rsi } from './indicators/rsi.js';
import { sma } from './indicators/sma.js';

export const INDICATOR_PROVIDER = 'indicators';

export interface IndicatorSettings {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly rsiPeriod: number;
  readonly atrPeriod: number;
  /** Stop distance from the entry in ATRs. */
  readonly stopAtr: Decimal;
  /** Target distance from the entry in ATRs (twice the stop: a 1:2 risk/reward). */
  readonly targetAtr: Decimal;
  /** RSI at or above which a buy is not confirmed (the move is stretched). */
  readonly overbought: Decimal;
  /** RSI at or below which a sell is not confirmed. */
  readonly oversold: Decimal;
}

export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = {
  fastPeriod: 9,
  slowPeriod: 21,
  rsiPeriod: 14,
  atrPeriod: 14,
  stopAtr: new Decimal('1.5'),
  targetAtr: new Decimal(3),
  overbought: new Decimal(70),
  oversold: new Decimal(30),
};

/** The snapshot a signal is decided from; also given to the Gemini prompt as context. */
export interface IndicatorSnapshot {
  readonly close: Decimal;
  readonly fast: Decimal;
  readonly slow: Decimal;
  readonly previousFast: Decimal;
  readonly previousSlow: Decimal;
  readonly rsi: Decimal;
  readonly atr: Decimal;
}

const FIFTY = new Decimal(50);

/**
 * The built-in provider: trend from a fast/slow SMA crossover, confirmed by
 * RSI momentum on the same side of 50 without being overbought/oversold;
 * stop and target at multiples of ATR from the last close.
 */
export class IndicatorSignalProvider implements SignalProvider {
  constructor(
    private readonly clock: Clock,
    private readonly settings: IndicatorSettings = DEFAULT_INDICATOR_SETTINGS,
  ) {
    if (settings.fastPeriod >= settings.slowPeriod) {
      throw new RangeError('The fast SMA period must be shorter than the slow one');
    }
  }

  /** Candles needed for a full reading; fewer give a neutral signal. */
  get requiredCandles(): number {
    const { slowPeriod, rsiPeriod, atrPeriod } = this.settings;
    // The crossover compares with the bar before, so the slow SMA needs one extra bar.
    return Math.max(slowPeriod + 1, rsiPeriod + 1, atrPeriod + 1);
  }

  snapshot(candles: readonly Candle[]): IndicatorSnapshot | null {
    if (candles.length < this.requiredCandles) return null;
    const closes = candles.map((candle) => candle.close);
    const previous = closes.slice(0, -1);
    const { fastPeriod, slowPeriod } = this.settings;
    return {
      close: closes[closes.length - 1] as Decimal,
      fast: sma(closes, fastPeriod),
      slow: sma(closes, slowPeriod),
      previousFast: sma(previous, fastPeriod),
      previousSlow: sma(previous, slowPeriod),
      rsi: rsi(closes, this.settings.rsiPeriod),
      atr: atr(candles, this.settings.atrPeriod),
    };
  }

  async signalFor(symbol: string, candles: readonly Candle[]): Promise<TradingSignal> {
    const last = candles[candles.length - 1];
    if (!last) {
      throw domainError('SIGNAL.NO_PRICE_HISTORY', `No candles for ${symbol}: a signal needs price history`, { symbol });
    }
    const generatedAt = this.clock.now();
    const snapshot = this.snapshot(candles);
    if (!snapshot) {
      return neutral(symbol, last.close, generatedAt,
        `Not enough price history for the indicators (${candles.length} candles, ${this.requiredCandles} needed).`);
    }
    const direction = this.directionOf(snapshot);
    const reading = indicatorReading(snapshot, this.settings);
    if (direction === 'neutral') {
      return neutral(symbol, snapshot.close, generatedAt, `No confirmed setup. ${reading}`);
    }
    const stopDistance = snapshot.atr.times(this.settings.stopAtr);
    const targetDistance = snapshot.atr.times(this.settings.targetAtr);
    const long = direction === 'buy';
    return {
      symbol,
      direction,
      entry: snapshot.close,
      stopLoss: long ? snapshot.close.minus(stopDistance) : snapshot.close.plus(stopDistance),
      takeProfit: long ? snapshot.close.plus(targetDistance) : snapshot.close.minus(targetDistance),
      confidence: confidenceOf(snapshot),
      rationale:
        `${long ? 'Uptrend' : 'Downtrend'}: SMA(${this.settings.fastPeriod}) is ${long ? 'above' : 'below'} ` +
        `SMA(${this.settings.slowPeriod})${freshCross(snapshot) ? ' after crossing on the last bar' : ''}, ` +
        `confirmed by RSI. ${reading} Stop ${this.settings.stopAtr.toString()}×ATR, target ${this.settings.targetAtr.toString()}×ATR.`,
      provider: INDICATOR_PROVIDER,
      generatedAt,
      disclaimer: SIGNAL_DISCLAIMER,
    };
  }

  private directionOf(snapshot: IndicatorSnapshot): SignalDirection {
    const { overbought, oversold } = this.settings;
    if (snapshot.fast.greaterThan(snapshot.slow) && snapshot.rsi.greaterThan(FIFTY) && snapshot.rsi.lessThan(overbought)) {
      return 'buy';
    }
    if (snapshot.fast.lessThan(snapshot.slow) && snapshot.rsi.lessThan(FIFTY) && snapshot.rsi.greaterThan(oversold)) {
      return 'sell';
    }
    return 'neutral';
  }
}

function freshCross(snapshot: IndicatorSnapshot): boolean {
  const before = snapshot.previousFast.comparedTo(snapshot.previousSlow);
  const now = snapshot.fast.comparedTo(snapshot.slow);
  return now !== 0 && before !== now;
}

/**
 * 0.5 for a confirmed trend, up to +0.25 for RSI momentum (distance from 50,
 * full at 20 points) and +0.25 when the cross happened on the last bar.
 */
function confidenceOf(snapshot: IndicatorSnapshot): number {
  // Only called for confirmed signals, whose RSI is already on the side of the trend.
  const momentum = Decimal.min(snapshot.rsi.minus(FIFTY).abs().dividedBy(20), 1);
  const score = new Decimal('0.5').plus(momentum.times('0.25')).plus(freshCross(snapshot) ? '0.25' : 0);
  return Decimal.min(score, 1).toDecimalPlaces(2, Decimal.ROUND_DOWN).toNumber();
}

function indicatorReading(snapshot: IndicatorSnapshot, settings: IndicatorSettings): string {
  const price = (value: Decimal): string => value.toSignificantDigits(8).toString();
  return (
    `SMA(${settings.fastPeriod}) ${price(snapshot.fast)}, SMA(${settings.slowPeriod}) ${price(snapshot.slow)}, ` +
    `RSI(${settings.rsiPeriod}) ${snapshot.rsi.toFixed(1)}, ATR(${settings.atrPeriod}) ${price(snapshot.atr)}.`
  );
}

function neutral(symbol: string, entry: Decimal, generatedAt: Date, rationale: string): TradingSignal {
  return {
    symbol,
    direction: 'neutral',
    entry,
    stopLoss: null,
    takeProfit: null,
    confidence: 0,
    rationale,
    provider: INDICATOR_PROVIDER,
    generatedAt,
    disclaimer: SIGNAL_DISCLAIMER,
  };
}
