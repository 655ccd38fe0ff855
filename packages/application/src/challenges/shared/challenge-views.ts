import { breachToData, type BreachRecordData, type Challenge, type ChallengeStatus } from '@tradesense/domain';

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

// One line of a trading history: every kind of account shows its deals alike.
export { dealView, type DealView } from '../../shared/deal-view.js';
