import { err, ok, replayStoredVerdict, type BreachRecordData, type DomainError, type DrawdownVerdictData, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { fundingErrors } from '../funding-errors.js';

export interface ReplayFundedVerdictInput {
  readonly requester: Requester;
  readonly fundedAccountId: string;
  /** A stored verdict of the account; the latest when absent. */
  readonly verdictId?: string;
}

export interface FundedVerdictReplay {
  readonly fundedAccountId: string;
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
 * Re-evaluates a funded account's stored breach verdict from its stored
 * inputs (rule book section 4: any past verdict can be replayed), also one
 * an admin has since set aside. A trader may replay only their own account's
 * verdicts.
 */
export class ReplayFundedVerdict {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ReplayFundedVerdictInput): Promise<Result<FundedVerdictReplay, DomainError>> {
    return this.uow.run(async (tx) => {
      const account = await tx.fundedAccounts.findById(input.fundedAccountId);
      if (!account || (input.requester.role !== 'admin' && account.traderId !== input.requester.userId)) {
        return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
      }
      const verdicts = await tx.fundedBreachVerdicts.listByFundedAccount(account.id);
      const verdict = input.verdictId ? verdicts.find((v) => v.id === input.verdictId) : verdicts[0];
      if (!verdict) return err(fundingErrors.noVerdict(account.id));
      const replay = replayStoredVerdict(verdict);
      if (!replay.ok) return replay;
      return ok({
        fundedAccountId: account.id,
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
