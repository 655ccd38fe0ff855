import { Money, domainError, err, ok, toMinorUnitString, type DomainError, type Order, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { PaymentEvent } from '../../ports/payment-gateway.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { commerceErrors } from '../commerce-errors.js';
import { orderPaidMessage } from '../events/order-messages.js';
import { findOrderForEvent } from '../shared/find-order-for-event.js';
import { purchaseReceiptEmail } from '../shared/commerce-emails.js';
import type { CommerceLinks } from '../shared/commerce-links.js';
import { productName } from '../shared/product-name.js';
import { recordTrialChargeSuccess } from '../shared/trial-outcomes.js';
import type { FulfilOrder, FulfilmentOutcome } from './fulfil-order.js';

export interface PaymentConfirmation {
  readonly orderId: string;
  /** `paid`: this event paid the order; `duplicate`: the event (or this payment) was already taken in. */
  readonly outcome: 'paid' | 'duplicate';
  /** The fulfilment that followed, when it succeeded or is under way. */
  readonly fulfilment: FulfilmentOutcome | null;
  /** Why the fulfilment did not complete now (it is retried from the outbox). */
  readonly fulfilmentError: DomainError | null;
}

/**
 * A verified `payment_succeeded` event (section 10). De-duplicated by the
 * provider's event id in the same transaction as its effect, checked against
 * the order's charge, amount and currency (a mismatch is refused, recorded in the
 * audit log, and changes nothing), marks the order paid exactly once, then
 * fulfils it. A repeated event still retries a fulfilment that has not
 * completed.
 */
export class ConfirmPayment {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly fulfilOrder: FulfilOrder,
    private readonly clock: Clock,
    private readonly links: CommerceLinks,
  ) {}

  async execute(event: PaymentEvent): Promise<Result<PaymentConfirmation, DomainError>> {
    if (event.kind !== 'payment_succeeded') {
      return err(domainError('PAYMENT.UNEXPECTED_EVENT', `Not a payment confirmation: ${event.kind}`, { kind: event.kind }));
    }
    const at = this.clock.now();
    const recorded = await this.uow.run((tx) => this.record(tx, event, at));
    if (!recorded.ok) return recorded;
    const { order, outcome } = recorded.value;
    if (order.status !== 'paid') return ok({ orderId: order.id, outcome, fulfilment: null, fulfilmentError: null });
    const fulfilment = await this.fulfilOrder.execute({ orderId: order.id });
    return ok({
      orderId: order.id,
      outcome,
      fulfilment: fulfilment.ok ? fulfilment.value : null,
      fulfilmentError: fulfilment.ok ? null : fulfilment.error,
    });
  }

  private async record(
    tx: TransactionScope,
    event: PaymentEvent,
    at: Date,
  ): Promise<Result<{ order: Order; outcome: 'paid' | 'duplicate' }, DomainError>> {
    const order = await findOrderForEvent(tx, event);
    if (!order) return err(commerceErrors.orderNotFound(event.orderId));
    if (!(await tx.webhookInbox.record(event.provider, event.providerEventId, event.kind, at))) {
      return ok({ order, outcome: 'duplicate' });
    }
    const state = order.toState();
    const refuse = async (error: DomainError) => {
      // Refused on purpose and kept on record: the event id stays processed,
      // the order stays as it was.
      await tx.audit.append({
        at,
        actorId: null,
        actorRole: 'system',
        action: 'payment.refused',
        subjectType: 'order',
        subjectId: order.id,
        details: {
          code: error.code,
          provider: event.provider,
          providerEventId: event.providerEventId,
          providerPaymentId: event.providerPaymentId,
          amount: event.amount.toFixed(),
          currency: event.currency,
          // The charge frozen on the order: the total, or its amount in the gateway's settlement currency.
          expected: { amount: toMinorUnitString(order.charge.amount, state.charge.currency), currency: state.charge.currency, gatewayId: state.gatewayId },
        },
      });
      return err(error);
    };
    if (event.provider !== state.gatewayId) return refuse(commerceErrors.providerMismatch(order.id, state.gatewayId, event.provider));
    const amount = Money.of(event.amount, event.currency.toUpperCase());
    const trial = await tx.trials.findByConversionOrder(order.id);
    if (trial?.status === 'active') {
      const confirmed = await recordTrialChargeSuccess(
        tx,
        trial,
        order,
        { providerPaymentId: event.providerPaymentId, amount, fingerprint: event.paymentMethodFingerprint },
        at,
        this.links,
      );
      if (!confirmed.ok) return refuse(confirmed.error);
      return ok({ order, outcome: confirmed.value.changed ? 'paid' : 'duplicate' });
    }
    const confirmed = order.confirmPayment({ providerPaymentId: event.providerPaymentId, amount, at });
    if (!confirmed.ok) return refuse(confirmed.error);
    if (!confirmed.value.changed) return ok({ order, outcome: 'duplicate' });
    await tx.orders.save(order);
    const buyer = await tx.users.findById(order.buyerId);
    const product = await productName(tx, { ...state, reset: state.resetOfChallengeId !== null });
    await tx.outbox.add([
      ...eventsToOutbox('order', order.pullEvents()),
      orderPaidMessage(order, { paymentMethodFingerprint: event.paymentMethodFingerprint, trial: trial !== null, at }),
      ...(buyer ? [purchaseReceiptEmail({ order, user: buyer, productName: product, dashboardUrl: this.links.dashboard(), at })] : []),
    ]);
    return ok({ order, outcome: 'paid' });
  }
}
