import { PayoutErrorCode, domainError, err, ok, type DomainError, type PayoutView, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { FundingLinks } from '../shared/funding-links.js';
import { payoutStatusEmail } from '../shared/payout-status-email.js';
import { traderProfile } from '../shared/trader-profile.js';

export interface ApprovePayoutInput {
  readonly adminId: string;
  readonly payoutId: string;
}

/**
 * An admin approves a requested payout. The account row is locked while
 * deciding, so of two concurrent approvals one wins and the other reloads and
 * gets the domain's refusal (`PAYOUT.NOT_REQUESTED`).
 */
export class ApprovePayout {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly links: FundingLinks,
  ) {}

  async execute(input: ApprovePayoutInput): Promise<Result<PayoutView, DomainError>> {
    const at = this.clock.now();
    return retryOnConflict(() =>
      this.uow.run(async (tx): Promise<Result<PayoutView, DomainError>> => {
        const admin = await requireAdmin(tx, input.adminId, 'payout.approve');
        if (!admin.ok) return admin;
        const account = await tx.fundedAccounts.findByPayoutId(input.payoutId, { lock: true });
        if (!account) return err(domainError(PayoutErrorCode.NOT_FOUND, 'No such payout', { payoutId: input.payoutId }));
        const trader = await traderProfile(tx, account.traderId);
        if (!trader) return err(sharedErrors.userNotFound(account.traderId));
        const approved = account.approvePayout({ payoutId: input.payoutId, actor: input.adminId, at });
        if (!approved.ok) return approved;
        await tx.fundedAccounts.save(account);
        await tx.audit.append({
          at,
          actorId: input.adminId,
          actorRole: 'admin',
          action: 'payout.approved',
          subjectType: 'payout',
          subjectId: input.payoutId,
          details: { fundedAccountId: account.id, traderId: account.traderId, profit: approved.value.profit.toFixed() },
        });
        await tx.outbox.add([
          ...eventsToOutbox('funded_account', account.pullEvents()),
          payoutStatusEmail(approved.value, account.id, trader, this.links, at),
        ]);
        return ok(approved.value);
      }),
    );
  }
}
