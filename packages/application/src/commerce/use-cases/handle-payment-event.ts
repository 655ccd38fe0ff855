import { OrderErrorCode, domainError, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import { isPaymentGatewayError, type PaymentEvent, type PaymentGatewayRegistry } from '../../ports/payment-gateway.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CommerceLinks } from '../shared/commerce-links.js';
import { findOrderForEvent } from '../shared/find-order-for-event.js';
import { recordTrialChargeFailure } from '../shared/trial-outcomes.js';
import type { ActivateTrial, TrialActivation } from './activate-trial.js';
import type { ConfirmPayment, PaymentConfirmation } from './confirm-payment.js';
import type { RefundOrder, RefundOutcome } from './refund-order.js';

export type PaymentEventOutcome =
  | { readonly kind: 'payment_confirmed'; readonly confirmation: PaymentConfirmation }
  | { readonly kind: 'refund'; readonly refund: RefundOutcome }
  | { readonly kind: 'trial_activated'; readonly activation: TrialActivation }
  /** A failed payment attempt; an end-of-trial charge the provider had accepted is recorded as declined. */
  | { readonly kind: 'payment_failed'; readonly orderId: string | null; readonly trialChargeDeclined: boolean }
  /** The approved checkout was captured but the money is not final yet; the provider's event follows. */
  | { readonly kind: 'checkout_pending' };

/**
 * Routes one verified payment event (from a webhook or a checkout return):
 * a payment → `confirmPayment` (then fulfilment); a refund or chargeback →
 * `refundOrder`; an approved checkout → capture through the gateway's
 * `completeCheckout` (unless the order is no longer awaiting payment), then
 * the resulting payment; a saved payment method →
 * the trial starts. Every path de-duplicates by the provider's event id.
 */
export class HandlePaymentEvent {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateways: PaymentGatewayRegistry,
    private readonly confirmPayment: ConfirmPayment,
    private readonly refundOrder: RefundOrder,
    private readonly activateTrial: ActivateTrial,
    private readonly clock: Clock,
    private readonly links: CommerceLinks,
  ) {}

  async execute(event: PaymentEvent): Promise<Result<PaymentEventOutcome, DomainError>> {
    switch (event.kind) {
      case 'payment_succeeded': {
        const confirmation = await this.confirmPayment.execute(event);
        return confirmation.ok ? ok({ kind: 'payment_confirmed', confirmation: confirmation.value }) : confirmation;
      }
      case 'refunded':
      case 'disputed': {
        const refund = await this.refundOrder.execute(event);
        return refund.ok ? ok({ kind: 'refund', refund: refund.value }) : refund;
      }
      case 'payment_method_saved': {
        const activation = await this.activateTrial.execute(event);
        return activation.ok ? ok({ kind: 'trial_activated', activation: activation.value }) : activation;
      }
      case 'checkout_approved':
        return this.capture(event);
      case 'payment_failed':
        return this.paymentFailed(event);
    }
  }

  private async capture(event: PaymentEvent): Promise<Result<PaymentEventOutcome, DomainError>> {
    const gateway = this.gateways.find(event.provider);
    if (!gateway?.completeCheckout) {
      return err(domainError('PAYMENT.UNSUPPORTED', `${event.provider} has no checkout to complete`, { provider: event.provider }));
    }
    // A re-delivered approval finds the order paid (or closed): the provider is not asked again.
    const order = await this.uow.run((tx) => findOrderForEvent(tx, event));
    if (order && order.status !== 'pending_payment') {
      if (order.status === 'cancelled') {
        return err(domainError(OrderErrorCode.CANCELLED, 'The order was cancelled; its approved checkout is not captured', { orderId: order.id }));
      }
      return ok({ kind: 'payment_confirmed', confirmation: { orderId: order.id, outcome: 'duplicate', fulfilment: null, fulfilmentError: null } });
    }
    let notice;
    try {
      // The capture is idempotent at the provider too, so approvals delivered side by side capture once.
      notice = await gateway.completeCheckout({ providerReference: event.providerPaymentId, parameters: {} });
    } catch (error) {
      if (!isPaymentGatewayError(error)) throw error;
      return err(domainError(error.code, error.message, { ...error.details, provider: event.provider }));
    }
    // Only the captured payment itself is taken further (never another approval).
    if (notice.outcome === 'ignored' || notice.event.kind === 'checkout_approved') return ok({ kind: 'checkout_pending' });
    const outcome = await this.execute(notice.event);
    if (outcome.ok) await this.uow.run((tx) => tx.webhookInbox.record(event.provider, event.providerEventId, event.kind, this.clock.now()));
    return outcome;
  }

  private async paymentFailed(event: PaymentEvent): Promise<Result<PaymentEventOutcome, DomainError>> {
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const order = await findOrderForEvent(tx, event);
      if (!(await tx.webhookInbox.record(event.provider, event.providerEventId, event.kind, at)) || !order) {
        return ok({ kind: 'payment_failed', orderId: order?.id ?? null, trialChargeDeclined: false });
      }
      await tx.audit.append({
        at,
        actorId: null,
        actorRole: 'system',
        action: 'payment.failed',
        subjectType: 'order',
        subjectId: order.id,
        details: { provider: event.provider, providerPaymentId: event.providerPaymentId, reason: event.failureReason },
      });
      const trial = await tx.trials.findByConversionOrder(order.id);
      const pending = trial ? await tx.trials.pendingCharge(trial.id) : null;
      // Only a charge the provider had accepted as pending is settled here; a
      // decline answered at once was recorded by the charging job already.
      const declined =
        trial !== null && pending === event.providerPaymentId
          ? await recordTrialChargeFailure(tx, trial, event.failureReason ?? 'payment_failed', at, this.links)
          : false;
      return ok({ kind: 'payment_failed', orderId: order.id, trialChargeDeclined: declined });
    });
  }
}
