import { GatewayErrorCode, OrderErrorCode, domainError, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import { isPaymentGatewayId, type PaymentEvent } from '../../ports/payment-gateway.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { commerceErrors } from '../commerce-errors.js';
import type { RefundOrder, RefundOutcome } from './refund-order.js';

export interface RecordRefundInput {
  readonly actorId: string;
  readonly orderId: string;
  /** `refund`: the whole payment was given back at the provider; `chargeback`: the buyer's bank took it back. */
  readonly kind: 'refund' | 'chargeback';
  /** Why, and where it was done (kept in the audit log). */
  readonly note: string;
}

/**
 * Admin: records a full refund or a chargeback made at the payment provider
 * when the provider sends no notice of it (Coinbase Commerce refunds from its
 * dashboard, or a notice that never came). Nothing is sent to the provider;
 * the order is then treated exactly as on the provider's notice (section 9:
 * the order and its challenge refunded, trading off, the affiliate
 * commission reversed), once: recording the same kind again changes nothing.
 */
export class RecordRefund {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly refundOrder: RefundOrder,
    private readonly clock: Clock,
  ) {}

  async execute(input: RecordRefundInput): Promise<Result<RefundOutcome, DomainError>> {
    const note = input.note.trim();
    if (note === '') return err(domainError('ORDER.REFUND_NOTE_REQUIRED', 'Say why and where the refund was made', {}));
    const at = this.clock.now();
    const found = await this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'order.refund_recorded');
      if (!admin.ok) return admin;
      const order = await tx.orders.findById(input.orderId);
      if (!order) return err(commerceErrors.orderNotFound(input.orderId));
      const state = order.toState();
      if (!state.payment) return err(domainError(OrderErrorCode.NOT_PAID, 'Nothing was paid on this order', { orderId: order.id, status: state.status }));
      const provider = state.gatewayId;
      if (!isPaymentGatewayId(provider)) return err(domainError(GatewayErrorCode.UNKNOWN, `Unknown payment gateway: ${provider}`, { gatewayId: provider }));
      return ok({ state, provider, payment: state.payment, charge: order.charge });
    });
    if (!found.ok) return found;
    const { state, provider, payment, charge } = found.value;
    const kind = input.kind === 'chargeback' ? 'disputed' : 'refunded';
    const event: PaymentEvent = {
      provider,
      // One record per order and kind, so a repeated request is a duplicate.
      providerEventId: `admin:${kind}:${state.id}`,
      kind,
      orderId: state.id,
      providerPaymentId: payment.providerPaymentId,
      // The whole charge went back, in the currency the gateway collected.
      amount: charge.amount,
      currency: charge.currency,
      paymentMethodFingerprint: null,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: kind === 'disputed' ? note : null,
      occurredAt: at,
      rawType: 'admin.refund_recorded',
    };
    return this.refundOrder.execute(event, { actorId: input.actorId, note });
  }
}
