import { HUNDRED, ZERO, dec, maxDecimal, minDecimal, toCents, type DecimalInput } from '../money/decimal.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { openDrawdownState } from '../drawdown/drawdown-state.js';
import { PhasePassPolicy } from '../challenge/phase-pass-policy.js';
import type { ChallengeState } from '../challenge/challenge-state.js';
import type { ChallengeStatus } from '../challenge/challenge-status.js';
import { drawdownMetrics, percentText, profitMetrics } from './loss-limit-metrics.js';
import { lossLimitView, type LossLimitView, type ProfitMetrics, type TradingAccountMetrics } from './trading-account-metrics.js';

/** The challenge's own part of its metrics: where it stands in its phases, against the phase's target and trading days. */
export interface ChallengeProgress {
  readonly challengeId: string;
  readonly status: ChallengeStatus;
  readonly phase: number;
  readonly phaseCount: number;
  readonly trial: boolean;
  readonly target: {
    readonly targetBalance: string;
    readonly targetPercent: string;
    /** Share of the target profit reached, clamped to 0–100. */
    readonly progressPercent: string;
  };
  readonly tradingDays: { readonly done: number; readonly needed: number };
}

/** The transparency view of rule book section 4 for a challenge, as plain JSON. */
export interface AccountMetrics extends LossLimitView, Omit<ChallengeProgress, 'target'> {
  /** balance − initial, with the phase's target. */
  readonly profit: ProfitMetrics & ChallengeProgress['target'];
}

/**
 * Where a challenge stands with `balance` in its current phase: the phase's
 * profit target and how much of it is reached, and its trading days. The
 * loss limits are not the challenge's: its phase's trading account has them.
 */
export function challengeProgress(challenge: ChallengeState, balance: DecimalInput): ChallengeProgress {
  const snapshot = RuleSnapshot.restore(challenge.rules);
  const policy = PhasePassPolicy.of(snapshot, challenge.phase);
  const initial = snapshot.initialBalance.amount;
  const targetBalance = policy.profitTarget.targetBalance;
  const targetProfit = targetBalance.minus(initial);
  const progress = targetProfit.isZero() ? ZERO : dec(balance).minus(initial).dividedBy(targetProfit).times(HUNDRED);
  return {
    challengeId: challenge.id,
    status: challenge.status,
    phase: challenge.phase,
    phaseCount: snapshot.phaseCount,
    trial: challenge.trial,
    target: {
      targetBalance: toCents(targetBalance),
      targetPercent: percentText(policy.profitTarget.targetPercent.points),
      progressPercent: percentText(minDecimal(maxDecimal(progress, ZERO), HUNDRED)),
    },
    tradingDays: { done: challenge.tradingDays.length, needed: policy.minTradingDays.required },
  };
}

/**
 * The account metrics of a challenge at `now`: its current phase's trading
 * account metrics (`tradingAccountMetrics`, the view every kind has) with the
 * challenge's progress in the phase. Before the phase's account opens
 * (pending payment) the limits are a fresh day at the initial balance.
 * Pure: the same state and metrics give the same view.
 */
export function accountMetrics(challenge: ChallengeState, account: TradingAccountMetrics | null, now: Date): AccountMetrics {
  const { profit, breach, ...limits } = account ? lossLimitView(account) : unopenedAccount(challenge, now);
  const { target, tradingDays, ...progress } = challengeProgress(challenge, limits.balance);
  return { ...progress, ...limits, profit: { ...profit, ...target }, tradingDays, breach };
}

/** The loss limits of a phase account not opened yet: nothing traded, the day starts at the initial balance. */
function unopenedAccount(challenge: ChallengeState, now: Date): LossLimitView {
  const snapshot = RuleSnapshot.restore(challenge.rules);
  const initial = snapshot.initialBalance.amount;
  const live = { now, balance: initial, equity: initial };
  return { ...drawdownMetrics(snapshot, openDrawdownState(snapshot, now), false, live), profit: profitMetrics(initial, initial) };
}
