import type { Candle } from '@tradesense/application';
import type { IndicatorSnapshot } from '../indicator-signal-provider.js';

/** Enough bars for the model to see the structure, few enough to keep the request small and fast. */
export const PROMPT_CANDLES = 60;

export const SYSTEM_INSTRUCTION =
  'You are a technical analyst. From the OHLC candles given (oldest first) decide one short-term signal: ' +
  'buy, sell or neutral. For buy or sell give a stop loss and a take profit on the correct sides of the entry; ' +
  'for neutral give null for both. Write all prices as decimal strings with the precision of the candles. ' +
  'Confidence is between 0 and 1. Answer only with JSON matching the response schema.';

export function signalPrompt(symbol: string, candles: readonly Candle[], snapshot: IndicatorSnapshot | null): string {
  const rows = candles
    .slice(-PROMPT_CANDLES)
    .map((candle) => [candle.time.toISOString(), candle.open, candle.high, candle.low, candle.close].join(','));
  const context = snapshot
    ? `Indicators at the last close: fast SMA ${snapshot.fast.toSignificantDigits(10).toString()}, ` +
      `slow SMA ${snapshot.slow.toSignificantDigits(10).toString()}, RSI ${snapshot.rsi.toFixed(1)}, ` +
      `ATR ${snapshot.atr.toSignificantDigits(10).toString()}.`
    : 'Too few candles for indicator context.';
  return [
    `Symbol: ${symbol}`,
    `Last close: ${candles[candles.length - 1]?.close.toString() ?? 'unknown'}`,
    context,
    'Candles (time,open,high,low,close):',
    ...rows,
  ].join('\n');
}
