import {
  AffiliateErrorCode,
  domainError,
  err,
  ok,
  type DomainError,
  type Result,
  type ReversalReason,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';

export interface ReverseAffiliateCommissionInput {
  readonly orderId: string;
  readonly reason: ReversalReason;
  /** When the refund or chargeback happened; default now. */
  readonly at?: Date;
}

/**
 * On a refund or chargeback: the commission the order earned is reversed,
 * exactly once (a second reversal is refused with
 * AFFILIATE.COMMISSION_ALREADY_REVERSED; an order that earned nothing with
 * AFFILIATE.COMMISSION_NOT_FOUND).
 */
export class ReverseAffiliateCommission {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(
    input: ReverseAffiliateCommissionInput,
  ): Promise<Result<{ commissionId: string; amount: string; currency: string }, DomainError>> {
    const at = input.at ?? this.clock.now();
    return retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const affiliate = await tx.affiliates.findByCommissionOrder(input.orderId);
        if (!affiliate) {
          return err(
            domainError(AffiliateErrorCode.COMMISSION_NOT_FOUND, 'No commission for this order', { orderId: input.orderId }),
          );
        }
        const reversed = affiliate.reverseCommission(
          { orderId: input.orderId, reason: input.reason, at },
          this.calendar,
          await tx.affiliateTiers.table(),
        );
        if (!reversed.ok) return reversed;
        await tx.affiliates.save(affiliate);
        await tx.outbox.add(eventsToOutbox('affiliate', affiliate.pullEvents()));
        return ok({ commissionId: reversed.value.id, amount: reversed.value.amount.toFixed(), currency: reversed.value.amount.currency });
      }),
    );
  }
}
