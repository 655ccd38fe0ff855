import { HUNDRED, ZERO, dec, maxDecimal, minDecimal, toCents } from '../money/decimal.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { drawdownStateFromData, openDrawdownState, type DrawdownState } from '../drawdown/drawdown-state.js';
import { PhasePassPolicy } from '../challenge/phase-pass-policy.js';
import type { ChallengeState } from '../challenge/challenge-state.js';
import type { ChallengeStatus } from '../challenge/challenge-status.js';
import type { TradingAccountState } from '../trading-account/trading-account-state.js';
import { drawdownMetrics, percentText, profitMetrics, type DrawdownMetrics, type LiveFigures } from './loss-limit-metrics.js';

/** The transparency view of rule book section 4 for a challenge, as plain JSON. */
export interface AccountMetrics extends DrawdownMetrics {
  readonly challengeId: string;
  readonly status: ChallengeStatus;
  readonly phase: number;
  readonly phaseCount: number;
  readonly trial: boolean;
  readonly profit: {
    /** balance − initial. */
    readonly amount: string;
    readonly percent: string;
    readonly targetBalance: string;
    readonly targetPercent: string;
    /** Share of the target profit reached, clamped to 0–100. */
    readonly progressPercent: string;
  };
  readonly tradingDays: { readonly done: number; readonly needed: number };
}

/**
 * The account metrics of a challenge at `now` with the platform's live
 * balance and equity: the loss limits of its current phase's trading account
 * (`drawdownMetrics`, with the calendar frozen in the rule snapshot) plus the phase's profit target
 * and trading days. Pure: the same state and figures give the same view.
 * The live figures are observed as the engine would while the phase
 * account trades; otherwise the stored state is shown as it ended.
 */
export function accountMetrics(challenge: ChallengeState, account: TradingAccountState | null, live: LiveFigures): AccountMetrics {
  const snapshot = RuleSnapshot.restore(challenge.rules);
  // The current phase's trading account holds the loss limits; before it opens, a fresh day at the initial balance.
  const stored: DrawdownState = account ? drawdownStateFromData(account.drawdown) : openDrawdownState(snapshot, live.now);
  const trading = challenge.status === 'active' && !challenge.phasePassed && account?.status === 'active' && !stored.breach;
  const { breach, ...limits } = drawdownMetrics(snapshot, stored, trading, live);
  const initial = snapshot.initialBalance.amount;

  const policy = PhasePassPolicy.of(snapshot, challenge.phase);
  const targetBalance = policy.profitTarget.targetBalance;
  const profit = dec(live.balance).minus(initial);
  const targetProfit = targetBalance.minus(initial);
  const progress = targetProfit.isZero() ? ZERO : profit.dividedBy(targetProfit).times(HUNDRED);

  return {
    challengeId: challenge.id,
    status: challenge.status,
    phase: challenge.phase,
    phaseCount: snapshot.phaseCount,
    trial: challenge.trial,
    ...limits,
    profit: {
      ...profitMetrics(live.balance, initial),
      targetBalance: toCents(targetBalance),
      targetPercent: percentText(policy.profitTarget.targetPercent.points),
      progressPercent: percentText(minDecimal(maxDecimal(progress, ZERO), HUNDRED)),
    },
    tradingDays: { done: challenge.tradingDays.length, needed: policy.minTradingDays.required },
    breach,
  };
}
