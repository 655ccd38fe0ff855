import {
  AffiliateErrorCode,
  domainError,
  err,
  ok,
  type DomainError,
  type Result,
  type TradingCalendar,
} from '@tradesense/domain';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { communityErrors } from '../community-errors.js';
import { parseMoney } from '../shared/decimal-input.js';

export interface EarnAffiliateCommissionInput {
  readonly orderId: string;
  readonly buyerId: string;
  /** The commissionable amount: the order's price without the gateway fee. */
  readonly amount: string;
  readonly currency: string;
  readonly paidAt: Date;
  /** Card or wallet fingerprint of the payment, when the gateway gives one. */
  readonly paymentFingerprint?: string | null;
}

export interface EarnedCommissionView {
  readonly commissionId: string;
  readonly orderId: string;
  readonly tierId: string;
  /** Percentage points in force when the order was paid. */
  readonly rate: string;
  readonly amount: string;
  readonly currency: string;
  /** True when this order had already earned it (a re-delivered event). */
  readonly replayed: boolean;
}

/**
 * On a paid order: the affiliate who referred the buyer earns the tier rate
 * in force at payment time, on the buyer's first paid order only, and never
 * on a self-referral (same user, e-mail or payment fingerprint). The payment
 * fingerprint is remembered for the buyer first, in its own transaction, so
 * the buyer's own referrals are checked against it later.
 */
export class EarnAffiliateCommission {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(input: EarnAffiliateCommissionInput): Promise<Result<EarnedCommissionView, DomainError>> {
    const orderAmount = parseMoney(input.amount, input.currency);
    if (!orderAmount) return err(communityErrors.invalidOrderAmount(input.amount));
    const fingerprint = input.paymentFingerprint?.trim() || null;
    if (fingerprint) {
      await this.uow.run((tx) => tx.knownPaymentFingerprints.remember(input.buyerId, fingerprint, input.paidAt));
    }
    return retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const affiliate = await tx.affiliates.findByReferredUser(input.buyerId);
        if (!affiliate) {
          return err(domainError(AffiliateErrorCode.NOT_REFERRED, 'The buyer was not referred by an affiliate', { buyerId: input.buyerId }));
        }
        const buyer = await tx.users.findById(input.buyerId);
        if (!buyer) return err(sharedErrors.userNotFound(input.buyerId));
        const replayed = affiliate.commissions().some((c) => c.orderId === input.orderId);
        const earned = affiliate.earnCommission(
          {
            commissionId: this.ids.newId(),
            orderId: input.orderId,
            referredUserId: input.buyerId,
            orderAmount,
            buyer: { userId: buyer.id, email: buyer.email, paymentFingerprints: fingerprint ? [fingerprint] : [] },
            affiliatePaymentFingerprints: await tx.knownPaymentFingerprints.ofUser(affiliate.userId),
            paidAt: input.paidAt,
          },
          this.calendar,
          await tx.affiliateTiers.table(),
        );
        if (!earned.ok) return earned;
        if (!replayed) {
          await tx.affiliates.save(affiliate);
          await tx.outbox.add(eventsToOutbox('affiliate', affiliate.pullEvents()));
        }
        const c = earned.value;
        return ok({
          commissionId: c.id,
          orderId: c.orderId,
          tierId: c.tierId,
          rate: c.rate.points.toFixed(),
          amount: c.amount.toFixed(),
          currency: c.amount.currency,
          replayed,
        });
      }),
    );
  }
}
