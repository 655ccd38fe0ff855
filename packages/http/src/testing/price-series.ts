import { Decimal } from 'decimal.js';
import type { SimulatedTradingServer } from '@tradesense/bootstrap/testing';

const MINUTE_MS = 60_000;

/**
 * Thirty one-minute bars of a 5-digit symbol ending at `end` (exclusive),
 * built from real ticks: the close rises 3 pips and falls 2 in turn (net
 * +17 pips over the series), and every bar spans exactly 10 pips around the
 * previous and the new close, so each true range, and the ATR, is 0.00100.
 * Returns the last close.
 */
export async function chartZigZagUptrend(server: SimulatedTradingServer, symbol: string, base: string, end: Date): Promise<string> {
  const pip = new Decimal('0.0001');
  const start = end.getTime() - 30 * MINUTE_MS;
  const quote = (offsetMs: number, bid: Decimal): Promise<void> =>
    server.pushTick({ symbol, bid, ask: bid.plus('0.00015'), time: new Date(start + offsetMs) });
  let close = new Decimal(base);
  for (let bar = 0; bar < 30; bar++) {
    const previous = close;
    if (bar > 0) close = close.plus(pip.times(bar % 2 === 1 ? 3 : -2));
    const low = Decimal.min(previous, close).minus(pip.times(3));
    const at = bar * MINUTE_MS;
    await quote(at, previous);
    await quote(at + 15_000, low.plus(pip.times(10)));
    await quote(at + 30_000, low);
    await quote(at + 45_000, close);
  }
  return close.toFixed(5);
}
