import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import type { TradingAccountWriter } from '../ports/trading-account-owner-reactions.js';
import type { StoredTradingAccountViolation } from '../ports/trading-account-violation-repository.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface ClearAccountViolationInput {
  readonly adminId: string;
  readonly login: string;
  readonly violationId: string;
  readonly reason: string;
}

/**
 * An admin clears a restriction violation with a reason (docs/rules.md §14).
 * In one transaction, under the account's row lock and its version: the
 * account records the clearing (the violation stays as found, an excluded
 * amount counts again, the action is not undone), the writer marks the stored
 * violation cleared, and the audit entry keeps the admin, the reason and the
 * original violation. A second clearing is refused by the account
 * (`TRADING_ACCOUNT.VIOLATION_ALREADY_CLEARED`) and changes nothing.
 */
export class ClearAccountViolation {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: TradingAccountWriter,
    private readonly clock: Clock,
  ) {}

  async execute(input: ClearAccountViolationInput): Promise<Result<StoredTradingAccountViolation, DomainError>> {
    return retryOnConflict(() =>
      this.uow.run(async (tx): Promise<Result<StoredTradingAccountViolation, DomainError>> => {
        const account = await tx.tradingAccounts.find(input.login, { lock: true });
        if (!account) return err(tradingAccountsErrors.notFound(input.login));
        const login = account.login;
        const stored = await tx.tradingAccountViolations.find(login, input.violationId, { lock: true });
        if (!stored) return err(tradingAccountsErrors.violationNotFound(login, input.violationId));
        const at = this.clock.now();
        const cleared = account.clearViolation({ violationId: input.violationId, adminId: input.adminId, reason: input.reason, at });
        if (!cleared.ok) return cleared;
        await this.writer.save(tx, account, at);
        const reason = cleared.value.cleared?.reason ?? input.reason.trim();
        await tx.audit.append({
          at,
          actorId: input.adminId,
          actorRole: 'admin',
          action: 'trading_account.violation_cleared',
          subjectType: 'trading_account',
          subjectId: login,
          details: { owner: account.owner, violationId: stored.id, reason, original: stored.violation, tradingDay: stored.tradingDay },
        });
        return ok({ ...stored, status: 'cleared' as const, cleared: { adminId: input.adminId, reason, at } });
      }),
    );
  }
}
