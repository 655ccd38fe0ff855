import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { drawdownStateFromData } from '../drawdown/drawdown-state.js';
import type { FundedAccountState, FundedAccountStatus } from '../funded/funded-account.js';
import { drawdownMetrics, profitMetrics, type DrawdownMetrics, type LiveFigures } from './loss-limit-metrics.js';

/** The transparency view of rule book section 4 for a funded account, as plain JSON. */
export interface FundedAccountMetrics extends DrawdownMetrics {
  readonly fundedAccountId: string;
  readonly status: FundedAccountStatus;
  /** The trader's share of profit, in percent. */
  readonly split: string;
  /** balance − allocation (no target: a funded account has none). */
  readonly profit: { readonly amount: string; readonly percent: string };
}

/**
 * The account metrics of a funded account at `now` with its balance and
 * equity: the same loss-limit view as a challenge's (`drawdownMetrics`,
 * limits stated against the current allocation), its split and profit.
 * While it trades, the figures are observed as the engine would; a breached
 * account shows its state as it ended, with the full breach record.
 */
export function fundedAccountMetrics(account: FundedAccountState, live: LiveFigures): FundedAccountMetrics {
  const snapshot = RuleSnapshot.restore(account.rules);
  const stored = drawdownStateFromData(account.drawdown);
  const trading = account.status === 'active' && !stored.breach;
  const { breach, ...limits } = drawdownMetrics(snapshot, stored, trading, live);
  return {
    fundedAccountId: account.id,
    status: account.status,
    split: account.split,
    ...limits,
    profit: profitMetrics(live.balance, snapshot.initialBalance.amount),
    breach,
  };
}
