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

/** The figures a metrics view shows, and where they came from. */
export interface FiguresNow {
  readonly figures: BalanceAndEquity;
  readonly source: 'platform' | 'stored';
}

/**
 * A watched account's figures for its metrics (docs/rules.md §4), the same
 * for every owner: the platform's while the account trades (and the platform
 * answers), else what the firm recorded last (`recorded`, when the owner
 * keeps a better ledger, or `storedFigures`).
 */
export async function figuresNow(
  platform: TradingPlatform,
  account: { readonly login: TradingLogin; readonly drawdown: { readonly lastBalance: Decimal; readonly lastEquity: Decimal } } | null,
  trading: boolean,
  stored: { readonly feed: BalanceAndEquity | null; readonly initial: Decimal; readonly recorded?: BalanceAndEquity | null },
): Promise<FiguresNow> {
  const live = trading && account ? await platformFigures(platform, account.login) : null;
  if (live) return { figures: live, source: 'platform' };
  return { figures: stored.recorded ?? storedFigures(account?.drawdown ?? null, stored.feed, stored.initial), source: 'stored' };
}
