import { err, ok, type ChallengeStatus, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { challengesErrors } from '../challenges-errors.js';

export interface ChallengeAccountLoginInput {
  readonly requester: Requester;
  readonly challengeId: string;
  /**
   * `current`: the current phase's login (the one an override clears);
   * `verdict`: the login of a stored verdict of the challenge (`verdictId`,
   * else the latest), or the current login when it has none;
   * `trading`: the current phase's login, the one its trades, positions and
   * history go to; a challenge not yet paid has none (`CHALLENGE.NO_ACCOUNT`).
   */
  readonly purpose: 'current' | 'verdict' | 'trading';
  readonly verdictId?: string;
}

export interface ChallengeAccountLogin {
  readonly challengeId: string;
  readonly login: string;
  /** The challenge's own status, which its routes have always reported in a trading refusal. */
  readonly status: ChallengeStatus;
}

/**
 * The login a challenge route acts on, for the routes that address a
 * challenge by its id but act on one of its phase accounts (verdict replay,
 * breach override), as `/v1/accounts/:login/…` does. A trader resolves only
 * their own challenges; any other id is `CHALLENGE.NOT_FOUND`, so the
 * challenge routes keep disclosing nothing.
 */
export class ChallengeAccountLoginQuery {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ChallengeAccountLoginInput): Promise<Result<ChallengeAccountLogin, DomainError>> {
    return this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findById(input.challengeId);
      if (!challenge || (input.requester.role !== 'admin' && challenge.traderId !== input.requester.userId)) {
        return err(challengesErrors.notFound(input.challengeId));
      }
      if (input.purpose === 'verdict') {
        const verdicts = await tx.tradingAccountVerdicts.listByOwner({ kind: 'challenge_phase', id: challenge.id });
        const verdict = input.verdictId ? verdicts.find((v) => v.id === input.verdictId) : verdicts[0];
        if (verdict) return ok({ challengeId: challenge.id, login: verdict.login, status: challenge.status });
        if (input.verdictId) return err(challengesErrors.noVerdict(challenge.id));
      }
      if (!challenge.account) {
        return err(input.purpose === 'trading' ? challengesErrors.noAccount(challenge.id) : challengesErrors.noVerdict(challenge.id));
      }
      return ok({ challengeId: challenge.id, login: challenge.account, status: challenge.status });
    });
  }
}
