import {
  err,
  ok,
  replayStoredVerdict,
  type BreachRecordData,
  type DomainError,
  type DrawdownVerdictData,
  type Result,
  type TradingAccountOwner,
} from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface ReplayAccountVerdictInput {
  readonly requester: Requester;
  readonly login: string;
  /** A stored verdict of the account; the latest when absent. */
  readonly verdictId?: string;
}

export interface AccountVerdictReplay {
  readonly login: string;
  readonly owner: TradingAccountOwner;
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
 * Re-evaluates a stored breach verdict from its stored inputs (docs/rules.md
 * §4: any past verdict replays to the cent), also one an admin has since set
 * aside, for every kind of account. A trader may replay only their own
 * account's verdicts; another's answers as if it did not exist.
 */
export class ReplayAccountVerdict {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ReplayAccountVerdictInput): Promise<Result<AccountVerdictReplay, DomainError>> {
    return this.uow.run(async (tx) => {
      const account = await tx.tradingAccounts.find(input.login);
      if (!account || (input.requester.role !== 'admin' && account.traderId !== input.requester.userId)) {
        return err(tradingAccountsErrors.notFound(input.login));
      }
      const verdicts = await tx.tradingAccountVerdicts.listByLogin(account.login);
      const verdict = input.verdictId ? verdicts.find((v) => v.id === input.verdictId) : verdicts[0];
      if (!verdict) return err(tradingAccountsErrors.noVerdict(account.login));
      const replay = replayStoredVerdict(verdict);
      if (!replay.ok) return replay;
      return ok({
        login: account.login,
        owner: account.owner,
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
