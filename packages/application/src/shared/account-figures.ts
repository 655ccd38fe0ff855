import type { Decimal } from 'decimal.js';
import type { TradingLogin, TradingPlatform } from '../ports/trading-platform.js';

/** An account's balance and equity, as the metrics views show them. */
export interface BalanceAndEquity {
  readonly balance: Decimal;
  readonly equity: Decimal;
}

/** The platform's figures now, or null when it is out of reach: the metrics must not vanish with it. */
export async function platformFigures(platform: TradingPlatform, login: TradingLogin): Promise<BalanceAndEquity | null> {
  try {
    const account = await platform.getAccount(login);
    return { balance: account.balance, equity: account.equity };
  } catch {
    return null;
  }
}

/**
 * What the firm recorded last: the account's figures (written with every
 * evaluation and every deal taken in, so also the positions a breach closed),
 * or the engine's last evaluated figures, or the initial balance. The
 * evaluated figures stop at the breach; the account's final balance comes
 * later, from the deals that closed it.
 */
export function storedFigures(
  drawdown: { readonly lastBalance: Decimal; readonly lastEquity: Decimal } | null,
  feed: BalanceAndEquity | null,
  initial: Decimal,
): BalanceAndEquity {
  if (feed) return { balance: feed.balance, equity: feed.equity };
  if (drawdown) return { balance: drawdown.lastBalance, equity: drawdown.lastEquity };
  return { balance: initial, equity: initial };
}
