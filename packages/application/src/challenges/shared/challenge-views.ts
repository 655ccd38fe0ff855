import { breachToData, type BreachRecordData, type Challenge, type ChallengeStatus } from '@tradesense/domain';
import type { DealEntry, DealKind, DealReason } from '../../ports/trading-platform.js';
import type { RecordedDeal } from '../../trading-accounts/ports/account-feed-repositories.js';

/** A challenge in a listing (amounts as cent strings, instants as UTC ISO-8601). */
export interface ChallengeSummary {
  readonly id: string;
  readonly traderId: string;
  readonly status: ChallengeStatus;
  readonly phase: number;
  readonly phaseCount: number;
  readonly phasePassed: boolean;
  readonly trial: boolean;
  readonly attempt: number;
  readonly modelId: string;
  readonly modelName: string;
  readonly modelVersion: number;
  readonly initialBalance: string;
  readonly currency: string;
  readonly account: string | null;
  readonly createdAt: string;
  readonly activatedAt: string | null;
  readonly endedAt: string | null;
  readonly breach: BreachRecordData | null;
}

export function challengeSummary(challenge: Challenge): ChallengeSummary {
  const state = challenge.toState();
  return {
    id: state.id,
    traderId: state.traderId,
    status: state.status,
    phase: state.phase,
    phaseCount: challenge.rules.phaseCount,
    phasePassed: state.phasePassed,
    trial: state.trial,
    attempt: state.attempt,
    modelId: challenge.rules.modelId,
    modelName: challenge.rules.modelName,
    modelVersion: challenge.rules.modelVersion,
    initialBalance: challenge.rules.initialBalance.amount.toFixed(2),
    currency: challenge.rules.currency,
    account: state.account,
    createdAt: state.createdAt.toISOString(),
    activatedAt: state.activatedAt?.toISOString() ?? null,
    endedAt: state.endedAt?.toISOString() ?? null,
    breach: challenge.breach ? breachToData(challenge.breach) : null,
  };
}

/** One line of a trading history. */
export interface DealView {
  readonly dealId: string;
  readonly login: string;
  readonly phase: number;
  readonly attempt: number;
  readonly time: string;
  readonly kind: DealKind;
  readonly entry: DealEntry | null;
  readonly reason: DealReason;
  readonly symbol: string | null;
  readonly positionId: string | null;
  readonly volume: string;
  readonly price: string;
  readonly profit: string;
  readonly swap: string;
  readonly commission: string;
  readonly comment: string;
  readonly balanceAfter: string;
}

export function dealView(deal: RecordedDeal): DealView {
  return {
    dealId: deal.dealId,
    login: deal.login,
    // A challenge's deals are taken in under its phase and attempt (docs/rules.md §3).
    phase: deal.owner.kind === 'challenge_phase' ? deal.owner.phase : 0,
    attempt: deal.owner.kind === 'challenge_phase' ? deal.owner.attempt : 0,
    time: deal.time.toISOString(),
    kind: deal.kind,
    entry: deal.entry,
    reason: deal.reason,
    symbol: deal.symbol,
    positionId: deal.positionId,
    volume: deal.volume.toFixed(),
    price: deal.price.toFixed(),
    profit: deal.profit.toFixed(2),
    swap: deal.swap.toFixed(2),
    commission: deal.commission.toFixed(2),
    comment: deal.comment,
    balanceAfter: deal.balanceAfter.toFixed(2),
  };
}
