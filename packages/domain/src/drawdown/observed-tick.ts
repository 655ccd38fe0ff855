import { Decimal } from '../money/decimal.js';

/** The price tick that moved a held symbol, as the breach record keeps it. */
export interface ObservedTick {
  readonly symbol: string;
  readonly bid: Decimal;
  readonly ask: Decimal;
  readonly time: Date;
}

export interface ObservedTickData {
  readonly symbol: string;
  readonly bid: string;
  readonly ask: string;
  /** UTC ISO-8601. */
  readonly time: string;
}

export const tickToData = (tick: ObservedTick): ObservedTickData => ({
  symbol: tick.symbol,
  bid: tick.bid.toFixed(),
  ask: tick.ask.toFixed(),
  time: tick.time.toISOString(),
});

export const tickFromData = (data: ObservedTickData): ObservedTick => ({
  symbol: data.symbol,
  bid: new Decimal(data.bid),
  ask: new Decimal(data.ask),
  time: new Date(data.time),
});
