import { breachToData, err, ok, type ChallengeStatus, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { challengesErrors } from '../challenges-errors.js';
import type { ChallengeWriter } from '../shared/challenge-writer.js';

export interface OverrideBreachInput {
  readonly adminId: string;
  readonly challengeId: string;
  readonly reason: string;
}

export interface BreachOverridden {
  readonly challengeId: string;
  readonly status: ChallengeStatus;
  /** The login trading was re-enabled on. */
  readonly account: string | null;
}

/**
 * An admin clears a false breach (rule book section 4): the challenge trades
 * again and trading is re-enabled on its account; the original verdict stays
 * in the challenge's override record, in the stored verdicts and in the
 * audit log.
 */
export class OverrideBreach {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly writer: ChallengeWriter,
    private readonly clock: Clock,
  ) {}

  async execute(input: OverrideBreachInput): Promise<Result<BreachOverridden, DomainError>> {
    const at = this.clock.now();
    const outcome = await this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findById(input.challengeId, { lock: true });
      if (!challenge) return err(challengesErrors.notFound(input.challengeId));
      const original = challenge.breach ? breachToData(challenge.breach) : null;
      const previousStatus = challenge.status;
      const overridden = challenge.overrideBreach(input.adminId, input.reason.trim(), at);
      if (!overridden.ok) return overridden;
      await this.writer.save(tx, challenge, at);
      await tx.audit.append({
        at,
        actorId: input.adminId,
        actorRole: 'admin',
        action: 'challenge.breach_overridden',
        subjectType: 'challenge',
        subjectId: challenge.id,
        details: { reason: input.reason.trim(), previousStatus, original, account: challenge.account },
      });
      return ok({ challengeId: challenge.id, status: challenge.status, account: challenge.account });
    });
    // Only once the override is committed may the account trade again.
    if (outcome.ok && outcome.value.account) await this.platform.enableTrading(outcome.value.account);
    return outcome;
  }
}
