import { PayoutErrorCode, domainError, err, ok, type DomainError, type PayoutView, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { TradingAccountWriter } from '../../trading-accounts/ports/trading-account-owner-reactions.js';
import { bookOnTradingAccount } from '../shared/book-on-trading-account.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundingLinks } from '../shared/funding-links.js';
import { payoutStatusEmail } from '../shared/payout-status-email.js';
import { traderProfile } from '../shared/trader-profile.js';

export interface RejectPayoutInput {
  readonly adminId: string;
  readonly payoutId: string;
  readonly reason: string;
}

/** Client operation id of the deposit that gives a rejected payout's withdrawal back. */
export const payoutReversalOperationId = (payoutId: string): string => `${payoutId}:reversal`;

/**
 * An admin rejects a requested or approved payout, with a reason. The profit
 * withdrawn at the request goes back to the trading account as a deposit
 * (client operation id = payout id + ":reversal"), booked inside the
 * transaction that records the rejection: a refused deposit rolls it back,
 * and a retry is replayed by the platform instead of depositing twice.
 */
export class RejectPayout {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly tradingAccounts: TradingAccountWriter,
    private readonly clock: Clock,
    private readonly links: FundingLinks,
  ) {}

  async execute(input: RejectPayoutInput): Promise<Result<PayoutView, DomainError>> {
    const reason = input.reason.trim();
    if (reason === '') return err(fundingErrors.reasonRequired('PAYOUT.REASON_REQUIRED'));
    const at = this.clock.now();
    return orExternalFailure(() =>
      retryOnConflict(() =>
        this.uow.run(async (tx): Promise<Result<PayoutView, DomainError>> => {
          const admin = await requireAdmin(tx, input.adminId, 'payout.reject');
          if (!admin.ok) return admin;
          const account = await tx.fundedAccounts.findByPayoutId(input.payoutId, { lock: true });
          if (!account) return err(domainError(PayoutErrorCode.NOT_FOUND, 'No such payout', { payoutId: input.payoutId }));
          const trader = await traderProfile(tx, account.traderId);
          if (!trader) return err(sharedErrors.userNotFound(account.traderId));
          const rejected = account.rejectPayout({ payoutId: input.payoutId, actor: input.adminId, at, reason });
          if (!rejected.ok) return rejected;
          const payout = rejected.value;
          const login = account.toState().tradingAccountId;
          await tx.fundedAccounts.save(account);
          await tx.audit.append({
            at,
            actorId: input.adminId,
            actorRole: 'admin',
            action: 'payout.rejected',
            subjectType: 'payout',
            subjectId: payout.id,
            details: { fundedAccountId: account.id, traderId: account.traderId, reason, profitReturned: payout.profit.toFixed() },
          });
          await tx.outbox.add([
            ...eventsToOutbox('funded_account', account.pullEvents()),
            payoutStatusEmail(payout, account.id, trader, this.links, at),
          ]);
          const reversal = { cause: 'payout_reversal', amount: payout.profit, at, allocation: null } as const;
          const booked = await bookOnTradingAccount(tx, this.tradingAccounts, login, reversal);
          if (!booked.ok) return booked;
          const operationId = payoutReversalOperationId(payout.id);
          const deposit = await this.platform.balanceOperation({
            login,
            kind: 'deposit',
            amount: payout.profit.amount,
            clientOperationId: operationId,
            comment: `Payout ${payout.number} rejected`,
          });
          await tx.fundedBalanceOperations.record({
            clientOperationId: operationId,
            fundedAccountId: account.id,
            login,
            kind: 'payout_reversal',
            amount: deposit.amount,
            dealId: deposit.dealId,
            bookedAt: at,
          });
          return ok(payout);
        }),
      ),
    );
  }
}
