import type { Order } from '@tradesense/domain';
import type { OutboxMessage } from '../../ports/outbox.js';

/**
 * Integration messages other contexts listen to (the affiliate commission
 * and its reversal). Amounts are cent strings; `price` is the commission
 * base (without the gateway fee).
 */
export const ORDER_PAID_TOPIC = 'order.paid';
export const ORDER_REFUNDED_TOPIC = 'order.refunded';

export function orderPaidMessage(order: Order, input: { paymentMethodFingerprint: string | null; trial: boolean; at: Date }): OutboxMessage {
  const s = order.toState();
  return {
    topic: ORDER_PAID_TOPIC,
    aggregateType: 'order',
    aggregateId: s.id,
    payload: {
      orderId: s.id,
      buyerId: s.buyerId,
      gatewayId: s.gatewayId,
      providerPaymentId: s.payment?.providerPaymentId ?? null,
      currency: s.currency,
      price: order.price.toFixed(),
      total: order.total.toFixed(),
      paymentMethodFingerprint: input.paymentMethodFingerprint,
      trialConversion: input.trial,
      paidAt: input.at.toISOString(),
    },
    occurredAt: input.at,
  };
}

export function orderRefundedMessage(order: Order, input: { kind: 'refund' | 'chargeback'; at: Date }): OutboxMessage {
  const s = order.toState();
  return {
    topic: ORDER_REFUNDED_TOPIC,
    aggregateType: 'order',
    aggregateId: s.id,
    payload: {
      orderId: s.id,
      buyerId: s.buyerId,
      kind: input.kind,
      // `cancelled`: refunded before fulfilment; `refunded`: the challenge was refunded.
      orderStatus: s.status,
      challengeId: s.fulfilment?.challengeId ?? null,
      currency: s.currency,
      price: order.price.toFixed(),
      total: order.total.toFixed(),
      refundedAt: input.at.toISOString(),
    },
    occurredAt: input.at,
  };
}
