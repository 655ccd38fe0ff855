import { Decimal } from 'decimal.js';
import { PayoutErrorCode, domainError, err, ok, type DomainError, type PayoutView, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { followUp } from '../../shared-kernel/follow-up.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundingLinks } from '../shared/funding-links.js';
import { payoutStatusEmail } from '../shared/payout-status-email.js';
import { traderProfile } from '../shared/trader-profile.js';
import type { AwardCertificates } from './award-certificates.js';
import type { ReviewScaling } from './review-scaling.js';

export interface MarkPayoutPaidInput {
  readonly adminId: string;
  readonly payoutId: string;
  /** The bank or wallet reference of the transfer. */
  readonly paymentReference: string;
}

/**
 * An admin records that an approved payout was paid. Paid at most once: a
 * retry gets `PAYOUT.ALREADY_PAID` and changes nothing. Paid after the
 * 24-hour deadline, the payout carries the $1,000 compensation; the
 * guarantee ledger takes one entry per payout, so when the scheduled
 * guarantee check granted it already, no second entry (or event) is made.
 * Each payout is a moment to review scaling and certificates (Crown Trader).
 */
export class MarkPayoutPaid {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly links: FundingLinks,
    private readonly scaling: ReviewScaling,
    private readonly certificates: AwardCertificates,
  ) {}

  async execute(input: MarkPayoutPaidInput): Promise<Result<PayoutView, DomainError>> {
    const reference = input.paymentReference.trim();
    if (reference === '') return err(fundingErrors.paymentReferenceRequired());
    const at = this.clock.now();
    const paid = await retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const admin = await requireAdmin(tx, input.adminId, 'payout.mark_paid');
        if (!admin.ok) return admin;
        const account = await tx.fundedAccounts.findByPayoutId(input.payoutId, { lock: true });
        if (!account) return err(domainError(PayoutErrorCode.NOT_FOUND, 'No such payout', { payoutId: input.payoutId }));
        const trader = await traderProfile(tx, account.traderId);
        if (!trader) return err(sharedErrors.userNotFound(account.traderId));
        const marked = account.markPayoutPaid({ payoutId: input.payoutId, actor: input.adminId, at, paymentReference: reference });
        if (!marked.ok) return marked;
        const payout = marked.value;
        let events = account.pullEvents();
        if (payout.compensation.isPositive()) {
          const granted = await tx.payoutCompensations.grant({
            payoutId: payout.id,
            fundedAccountId: account.id,
            traderId: account.traderId,
            currency: account.currency,
            amount: new Decimal(payout.compensation.amount),
            cause: 'paid_late',
            grantedAt: at,
          });
          if (!granted) events = events.filter((event) => event.type !== 'PayoutCompensationGranted');
        }
        await tx.fundedAccounts.save(account);
        await tx.audit.append({
          at,
          actorId: input.adminId,
          actorRole: 'admin',
          action: 'payout.paid',
          subjectType: 'payout',
          subjectId: payout.id,
          details: {
            fundedAccountId: account.id,
            traderId: account.traderId,
            paymentReference: reference,
            total: payout.total.toFixed(),
            compensation: payout.compensation.toFixed(),
          },
        });
        const followUps: OutboxMessage[] = [
          { topic: 'funding.review_scaling', aggregateType: 'funded_account', aggregateId: account.id, payload: { fundedAccountId: account.id }, occurredAt: at },
          { topic: 'funding.award_certificates', aggregateType: 'user', aggregateId: account.traderId, payload: { userId: account.traderId }, occurredAt: at },
        ];
        await tx.outbox.add([
          ...eventsToOutbox('funded_account', events),
          payoutStatusEmail(payout, account.id, trader, this.links, at),
          ...followUps,
        ]);
        return ok({ payout, fundedAccountId: account.id, traderId: account.traderId });
      }),
    );
    if (!paid.ok) return paid;
    await followUp(() => this.scaling.execute({ fundedAccountId: paid.value.fundedAccountId }));
    await followUp(() => this.certificates.execute({ userId: paid.value.traderId }));
    return ok(paid.value.payout);
  }
}
