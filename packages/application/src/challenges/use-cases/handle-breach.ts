import {
  ChallengeErrorCode,
  breachFromData,
  breachToData,
  domainError,
  err,
  ok,
  replayVerdict,
  type BreachRecordData,
  type DomainError,
  type Result,
  type VerdictInputs,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { challengesErrors } from '../challenges-errors.js';
import type { ChallengeWriter } from '../shared/challenge-writer.js';

export interface HandleBreachInput {
  readonly challengeId: string;
  /**
   * A breach found outside the aggregate (the risk monitor's in-memory
   * evaluation), with the inputs it was found from. Without it, the breach
   * the challenge itself detected is handled.
   */
  readonly detected?: { readonly breach: BreachRecordData; readonly inputs: VerdictInputs };
}

export interface BreachHandled {
  readonly challengeId: string;
  /** False when the breach had already been handled: a second detection changes nothing. */
  readonly handled: boolean;
  readonly breach: BreachRecordData;
}

/**
 * Handles a breach once (rule book section 4), in the order the rule book
 * gives: trading is disabled on the platform first, so the trader cannot
 * trade while the rest happens; then open positions are closed at the
 * market; only then is the challenge failed, with its verdict stored and the
 * trader notified, in one transaction. Both platform calls are idempotent, so
 * a retry or a concurrent second handler repeats them harmlessly, and the row
 * lock makes exactly one of them fail the challenge.
 */
export class HandleBreach {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: ChallengeWriter,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: HandleBreachInput): Promise<Result<BreachHandled, DomainError>> {
    const found = await this.uow.run(async (tx) => tx.challenges.findById(input.challengeId));
    if (!found) return err(challengesErrors.notFound(input.challengeId));
    const stored = found.breach ? breachToData(found.breach) : null;
    if (found.status === 'failed' && stored) return ok({ challengeId: found.id, handled: false, breach: stored });

    const breach = stored ?? input.detected?.breach ?? null;
    if (!breach) {
      return err(domainError(ChallengeErrorCode.NOT_BREACHED, 'No breach to handle', { challengeId: found.id }));
    }
    if (input.detected && !stored) {
      const checked = checkDetected(found.id, input.detected);
      if (!checked.ok) return checked;
    }
    const login = found.account;
    if (!login || found.status !== 'active') {
      return err(
        domainError(ChallengeErrorCode.INVALID_TRANSITION, `Cannot fail a challenge that is ${found.status}`, {
          challengeId: found.id,
          status: found.status,
        }),
      );
    }

    await this.platform.disableTrading(login);
    await this.platform.closeAllPositions(login, 'breach');

    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findById(input.challengeId, { lock: true });
      if (!challenge) return err(challengesErrors.notFound(input.challengeId));
      if (challenge.status === 'failed' && challenge.breach) {
        return ok({ challengeId: challenge.id, handled: false, breach: breachToData(challenge.breach) });
      }
      const failed = challenge.fail(input.detected ? breachFromData(input.detected.breach) : null, at);
      if (!failed.ok) return failed;
      const record = challenge.breach ? breachToData(challenge.breach) : breach;
      await this.writer.save(tx, challenge, at);
      if (input.detected && input.detected.breach.inputHash === record.inputHash) {
        await tx.breachVerdicts.add({
          id: this.ids.newId(),
          challengeId: challenge.id,
          login,
          phase: challenge.phase,
          attempt: challenge.attempt,
          breach: record,
          inputs: input.detected.inputs,
          inputHash: record.inputHash,
          recordedAt: at,
        });
      }
      await tx.audit.append({
        at,
        actorId: null,
        actorRole: 'system',
        action: 'challenge.breach_handled',
        subjectType: 'challenge',
        subjectId: challenge.id,
        details: { login, breach: record, order: ['disable_trading', 'close_positions', 'fail'] },
      });
      return ok({ challengeId: challenge.id, handled: true, breach: record });
    });
  }
}

/** A breach reported from outside must be what its inputs give: replayed, it carries the same hash. */
function checkDetected(
  challengeId: string,
  detected: NonNullable<HandleBreachInput['detected']>,
): Result<void, DomainError> {
  const replayed = replayVerdict(detected.inputs);
  if (!replayed.ok) return replayed;
  const again = replayed.value.breach;
  if (!again || again.inputHash !== detected.breach.inputHash || again.at.toISOString() !== detected.breach.at) {
    return err(challengesErrors.verdictMismatch(challengeId, detected.breach.inputHash, again?.inputHash ?? 'none'));
  }
  return ok(undefined);
}
