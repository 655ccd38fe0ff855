import type { Decimal } from 'decimal.js';
import { token, type Token } from './token.js';

/** One price bar, oldest first in any series handed to a provider. */
export interface Candle {
  readonly time: Date;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
}

export type SignalDirection = 'buy' | 'sell' | 'neutral';

/** Every signal carries this text; the rule book requires that signals say they are not advice. */
export const SIGNAL_DISCLAIMER =
  'This signal is generated automatically for information only and is not financial advice. ' +
  'Trading involves risk; you are responsible for your own decisions.';

export interface TradingSignal {
  readonly symbol: string;
  readonly direction: SignalDirection;
  /** Reference price the levels are computed from (normally the last close). */
  readonly entry: Decimal;
  /** Null when the direction is neutral: there is no trade to protect. */
  readonly stopLoss: Decimal | null;
  /** Null when the direction is neutral. */
  readonly takeProfit: Decimal | null;
  /** 0..1; a model score, not money, so a plain number. */
  readonly confidence: number;
  readonly rationale: string;
  /** Which provider produced the signal: "indicators", "gemini", or a fallback such as "indicators (fallback from gemini: timeout)". */
  readonly provider: string;
  readonly generatedAt: Date;
  readonly disclaimer: string;
}

export interface SignalProvider {
  /** A signal for `symbol` from its recent candles (oldest first). */
  signalFor(symbol: string, candles: readonly Candle[]): Promise<TradingSignal>;
}

export const SIGNAL_PROVIDER: Token<SignalProvider> = token<SignalProvider>('SignalProvider');
