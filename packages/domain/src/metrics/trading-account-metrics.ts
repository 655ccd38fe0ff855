import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { drawdownStateFromData } from '../drawdown/drawdown-state.js';
import type { TradingAccountOwner } from '../trading-account/trading-account-owner.js';
import type { TradingAccountState, TradingAccountStatus } from '../trading-account/trading-account-state.js';
import { drawdownMetrics, profitMetrics, type DrawdownMetrics, type LiveFigures } from './loss-limit-metrics.js';

/** balance − the balance the limits are stated against, in money and in %. */
export interface ProfitMetrics {
  readonly amount: string;
  readonly percent: string;
}

/** The loss limits and profit of one account: the part every owner's view shows as its own. */
export interface LossLimitView extends DrawdownMetrics {
  readonly profit: ProfitMetrics;
}

/** The loss-limit view of docs/rules.md §4 for one trading account, whatever it belongs to, as plain JSON. */
export interface TradingAccountMetrics extends LossLimitView {
  readonly login: string;
  readonly owner: TradingAccountOwner;
  readonly status: TradingAccountStatus;
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

/**
 * The loss limits and profit of a trading account's metrics without what
 * names the account (login, owner, its own status, its positions): an owner
 * shows them under its own id and status.
 */
export function lossLimitView(metrics: TradingAccountMetrics): LossLimitView {
  const { login: _login, owner: _owner, status: _status, openPositions: _open, ...limits } = metrics;
  return limits;
}
