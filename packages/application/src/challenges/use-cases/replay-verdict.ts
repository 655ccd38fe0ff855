import {
  err,
  ok,
  replayStoredVerdict,
  type BreachRecordData,
  type DomainError,
  type DrawdownVerdictData,
  type Result,
} from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { challengesErrors } from '../challenges-errors.js';

export interface ReplayVerdictInput {
  readonly requester: Requester;
  readonly challengeId: string;
  /** A stored verdict of the challenge; the latest when absent. */
  readonly verdictId?: string;
}

export interface VerdictReplay {
  readonly challengeId: string;
  readonly verdictId: string;
  readonly stored: BreachRecordData;
  readonly replayed: DrawdownVerdictData;
  /** SHA-256 of the stored inputs, as recorded with the breach. */
  readonly storedHash: string;
  readonly replayedHash: string;
  /** The replay found the same breach from the same inputs. */
  readonly matches: boolean;
}

/**
 * Re-evaluates a stored breach verdict from its stored inputs (rule book
 * section 4: any past verdict can be replayed). A trader may replay only
 * their own challenge's verdicts.
 */
export class ReplayVerdict {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ReplayVerdictInput): Promise<Result<VerdictReplay, DomainError>> {
    return this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findById(input.challengeId);
      if (!challenge || (input.requester.role !== 'admin' && challenge.traderId !== input.requester.userId)) {
        return err(challengesErrors.notFound(input.challengeId));
      }
      const verdicts = await tx.breachVerdicts.listByChallenge(challenge.id);
      const verdict = input.verdictId ? verdicts.find((v) => v.id === input.verdictId) : verdicts[0];
      if (!verdict) return err(challengesErrors.noVerdict(challenge.id));
      const replay = replayStoredVerdict(verdict);
      if (!replay.ok) return replay;
      return ok({
        challengeId: challenge.id,
        verdictId: verdict.id,
        stored: verdict.breach,
        replayed: replay.value.replayed,
        storedHash: verdict.inputHash,
        replayedHash: replay.value.replayedHash,
        matches: replay.value.matches,
      });
    });
  }
}
