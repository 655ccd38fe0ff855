import { domainError, err, ok, type DomainError, type Order, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { PaymentEvent } from '../../ports/payment-gateway.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { commerceErrors } from '../commerce-errors.js';
import { orderRefundedMessage } from '../events/order-messages.js';
import { findOrderForEvent } from '../shared/find-order-for-event.js';
import { disableTradingMessage } from '../shared/platform-commands.js';
import type { ChallengeStore } from '../../challenges/ports/challenge-store.js';

/** An admin who records a refund the provider sends no notice of; the audit entry names them. */
export interface RefundRecorder {
  readonly actorId: string;
  readonly note: string;
}

export interface RefundOutcome {
  readonly orderId: string;
  /**
   * `refunded`: the order was cancelled (not yet fulfilled) or its challenge
   * refunded; `partial`: less than the order's charge came back (or in another currency), recorded only;
   * `duplicate`: already taken in; `ignored`: about another payment than the
   * one that paid the order.
   */
  readonly outcome: 'refunded' | 'partial' | 'duplicate' | 'ignored';
  readonly orderStatus: Order['status'];
}

/**
 * A verified `refunded` or `disputed` event (section 9). A full refund or any
 * chargeback cancels an unfulfilled order, or marks the order and its
 * challenge refunded and switches trading off; `order.refunded` goes to the
 * outbox in the same transaction so the affiliate commission is reversed.
 */
export class RefundOrder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly challenges: ChallengeStore,
  ) {}

  async execute(event: PaymentEvent, recordedBy?: RefundRecorder): Promise<Result<RefundOutcome, DomainError>> {
    if (event.kind !== 'refunded' && event.kind !== 'disputed') {
      return err(domainError('PAYMENT.UNEXPECTED_EVENT', `Not a refund or dispute: ${event.kind}`, { kind: event.kind }));
    }
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const order = await findOrderForEvent(tx, event);
      if (!order) return err(commerceErrors.orderNotFound(event.orderId));
      if (!(await tx.webhookInbox.record(event.provider, event.providerEventId, event.kind, at))) {
        return ok({ orderId: order.id, outcome: 'duplicate', orderStatus: order.status });
      }
      const payment = order.toState().payment;
      const kind = event.kind === 'disputed' ? 'chargeback' : 'refund';
      const note = (action: string) =>
        tx.audit.append({
          at,
          actorId: recordedBy?.actorId ?? null,
          actorRole: recordedBy ? 'admin' : 'system',
          action,
          subjectType: 'order',
          subjectId: order.id,
          details: {
            ...(recordedBy ? { note: recordedBy.note } : {}),
            provider: event.provider,
            providerEventId: event.providerEventId,
            providerPaymentId: event.providerPaymentId,
            amount: event.amount.toFixed(),
            currency: event.currency,
            reason: event.failureReason,
          },
        });
      if (!payment || payment.providerPaymentId !== event.providerPaymentId) {
        await note('payment.refund_unmatched');
        return ok({ orderId: order.id, outcome: 'ignored', orderStatus: order.status });
      }
      // Full means the whole charge, in the currency it was collected in (rupees for UPI).
      const charge = order.charge;
      const full = event.currency.toUpperCase() === charge.currency && event.amount.greaterThanOrEqualTo(charge.amount);
      if (kind === 'refund' && !full) {
        await note('payment.partial_refund');
        return ok({ orderId: order.id, outcome: 'partial', orderStatus: order.status });
      }
      const refunded = order.refund({ kind, providerRefundId: event.providerEventId, at });
      if (!refunded.ok) return err(refunded.error);
      if (!refunded.value.changed) return ok({ orderId: order.id, outcome: 'duplicate', orderStatus: order.status });
      await tx.orders.save(order);
      await tx.outbox.add([...eventsToOutbox('order', order.pullEvents()), orderRefundedMessage(order, { kind, at })]);
      if (order.status === 'refunded') await this.refundChallenge(tx, order, kind, at);
      await note(kind === 'chargeback' ? 'payment.chargeback' : 'payment.refunded');
      return ok({ orderId: order.id, outcome: 'refunded', orderStatus: order.status });
    });
  }

  private async refundChallenge(tx: TransactionScope, order: Order, kind: 'refund' | 'chargeback', at: Date): Promise<void> {
    const challengeId = order.challengeId;
    const challenge = challengeId ? await tx.challenges.findById(challengeId) : null;
    if (!challenge) return;
    const login = challenge.account;
    const refunded = challenge.refund(kind, at);
    if (!refunded.ok) {
      // A funded challenge has moved on to its funded account; support decides.
      await tx.audit.append({
        at,
        actorId: null,
        actorRole: 'system',
        action: 'challenge.refund_skipped',
        subjectType: 'challenge',
        subjectId: challenge.id,
        details: { orderId: order.id, code: refunded.error.code, status: challenge.status },
      });
      return;
    }
    await this.challenges.save(tx, challenge, at);
    if (login) await tx.outbox.add([disableTradingMessage({ login, reason: kind, challengeId: challenge.id, at })]);
  }
}
