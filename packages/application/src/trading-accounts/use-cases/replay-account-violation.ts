import {
  err,
  ok,
  replayStoredViolation,
  type DomainError,
  type RestrictionViolationData,
  type Result,
  type TradingAccountOwner,
} from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface ReplayAccountViolationInput {
  readonly requester: Requester;
  readonly login: string;
  /** A stored violation of the account; the latest when absent. */
  readonly violationId?: string;
}

export interface AccountViolationReplay {
  readonly login: string;
  readonly owner: TradingAccountOwner;
  readonly violationId: string;
  readonly status: 'open' | 'cleared';
  readonly stored: RestrictionViolationData;
  /** Null when the stored inputs no longer make a violation. */
  readonly replayed: RestrictionViolationData | null;
  /** `sha256:` of the stored inputs, as recorded with the violation. */
  readonly storedHash: string;
  readonly replayedHash: string;
  /** The replay found the same violation from inputs with the same hash. */
  readonly matches: boolean;
}

/**
 * Judges a stored restriction violation again from its stored inputs
 * (docs/rules.md §14), also one an admin has since cleared. A trader may
 * replay only their own account's violations; another's answers as if it
 * did not exist.
 */
export class ReplayAccountViolation {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ReplayAccountViolationInput): Promise<Result<AccountViolationReplay, DomainError>> {
    return this.uow.run(async (tx) => {
      const account = await tx.tradingAccounts.find(input.login);
      if (!account || (input.requester.role !== 'admin' && account.traderId !== input.requester.userId)) {
        return err(tradingAccountsErrors.notFound(input.login));
      }
      const stored = input.violationId
        ? await tx.tradingAccountViolations.find(account.login, input.violationId)
        : ((await tx.tradingAccountViolations.listByLogin(account.login))[0] ?? null);
      if (!stored) return err(tradingAccountsErrors.noViolation(account.login));
      const replay = replayStoredViolation(stored);
      if (!replay.ok) return replay;
      return ok({
        login: account.login,
        owner: account.owner,
        violationId: stored.id,
        status: stored.status,
        stored: stored.violation,
        replayed: replay.value.replayed,
        storedHash: stored.inputHash,
        replayedHash: replay.value.replayedHash,
        matches: replay.value.matches,
      });
    });
  }
}
