import { Decimal } from 'decimal.js';
import {
  ChallengeErrorCode,
  DrawdownRules,
  breachToData,
  openDrawdownState,
  err,
  ok,
  type BreachRecordData,
  type ChallengeEvent,
  type DomainError,
  type LossLimitName,
  type ObservedTick,
  type Result,
  type VerdictKind,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { challengesErrors } from '../challenges-errors.js';
import type { ChallengeFollowUps, FollowUpOutcome } from '../shared/challenge-follow-ups.js';
import type { ChallengeWriter } from '../shared/challenge-writer.js';

export interface EvaluateAccountEquityInput {
  /** The trading login of the challenge's current phase. */
  readonly login: string;
  readonly balance: Decimal | string;
  /** balance + floating P/L + open swaps + open commissions, as the platform reports it. */
  readonly equity: Decimal | string;
  /** When the figures held; defaults to now. */
  readonly at?: Date;
  /** The tick that moved a held symbol (absent for a balance change). */
  readonly tick?: ObservedTick | null;
}

export interface EquityEvaluation {
  readonly challengeId: string;
  readonly verdict: VerdictKind;
  readonly dailyLossFloor: string;
  readonly maxLossFloor: string;
  /** The early warnings this observation raised (each once per limit per trading day). */
  readonly warnings: readonly LossLimitName[];
  /** The breach record once the account is breached (now or before). */
  readonly breach: BreachRecordData | null;
  /** What followed after commit: the breach handled, or the next phase started. */
  readonly followUp: FollowUpOutcome;
}

/**
 * The breach check of one account from one balance/equity observation
 * (rule book section 4), through the challenge's own evaluation. The risk
 * monitor calls it for the accounts a tick moved; the deal feed calls it for
 * balance changes. A breach is stored with its inputs, then handled.
 */
export class EvaluateAccountEquity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: ChallengeWriter,
    private readonly followUps: ChallengeFollowUps,
    private readonly clock: Clock,
  ) {}

  async execute(input: EvaluateAccountEquityInput): Promise<Result<EquityEvaluation, DomainError>> {
    const at = input.at ?? this.clock.now();
    const balance = new Decimal(input.balance);
    const equity = new Decimal(input.equity);
    const outcome = await this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findByAccountLogin(input.login, { lock: true });
      if (!challenge || challenge.account !== input.login) return err(challengesErrors.accountNotFound(input.login));
      const evaluated = challenge.evaluateEquity({ balance, equity, at, tick: input.tick ?? null });
      if (!evaluated.ok) {
        // A breach found before and not yet handled: report it and let the handling be retried.
        if (evaluated.error.code === ChallengeErrorCode.ALREADY_BREACHED && challenge.breach) {
          const floors = DrawdownRules.of(challenge.rules).floors(challenge.drawdown ?? openDrawdownState(challenge.rules, at));
          return ok({
            challengeId: challenge.id,
            pendingBreach: challenge.status === 'active',
            evaluation: {
              verdict: 'breach' as const,
              dailyLossFloor: floors.dailyLoss.floor.toFixed(2),
              maxLossFloor: floors.maxLoss.floor.toFixed(2),
              warnings: [],
              breach: breachToData(challenge.breach),
            },
            events: [] as ChallengeEvent[],
          });
        }
        return evaluated;
      }
      await tx.accountEquity.update(input.login, { balance, equity, at });
      const events = await this.writer.save(tx, challenge, at);
      const verdict = evaluated.value;
      return ok({
        challengeId: challenge.id,
        pendingBreach: false,
        evaluation: {
          verdict: verdict.verdict,
          dailyLossFloor: verdict.floors.dailyLoss.floor.toFixed(2),
          maxLossFloor: verdict.floors.maxLoss.floor.toFixed(2),
          warnings: verdict.warnings.map((warning) => warning.limit),
          breach: challenge.breach ? breachToData(challenge.breach) : null,
        },
        events,
      });
    });
    if (!outcome.ok) return outcome;
    const { challengeId, pendingBreach, evaluation, events } = outcome.value;
    const followUp = pendingBreach
      ? await this.followUps.handlePendingBreach(challengeId)
      : await this.followUps.after(challengeId, events);
    return ok({ challengeId, ...evaluation, followUp });
  }
}
