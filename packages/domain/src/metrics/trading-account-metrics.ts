import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { drawdownStateFromData } from '../drawdown/drawdown-state.js';
import type { TradingAccountOwner } from '../trading-account/trading-account-owner.js';
import type { TradingAccountState, TradingAccountStatus } from '../trading-account/trading-account-state.js';
import { drawdownMetrics, profitMetrics, type DrawdownMetrics, type LiveFigures } from './loss-limit-metrics.js';

/** The loss-limit view of docs/rules.md §4 for one trading account, whatever it belongs to, as plain JSON. */
export interface TradingAccountMetrics extends DrawdownMetrics {
  readonly login: string;
  readonly owner: TradingAccountOwner;
  readonly status: TradingAccountStatus;
  /** balance − the balance the limits are stated against. */
  readonly profit: { readonly amount: string; readonly percent: string };
  readonly openPositions: number;
}

/**
 * The metrics of a trading account at `now` with its balance and equity: the
 * same view for a challenge phase, a funded account and a competition entry.
 * While it trades, the figures are observed as the engine would; an ended
 * account shows its state as it ended, with the full breach record.
 */
export function tradingAccountMetrics(account: TradingAccountState, live: LiveFigures): TradingAccountMetrics {
  const snapshot = RuleSnapshot.restore(account.rules);
  const stored = drawdownStateFromData(account.drawdown);
  const trading = account.status === 'active' && !stored.breach;
  return {
    login: account.login,
    owner: account.owner,
    status: account.status,
    ...drawdownMetrics(snapshot, stored, trading, live),
    profit: profitMetrics(live.balance, snapshot.initialBalance.amount),
    openPositions: account.openPositions.length,
  };
}
