import type { Order } from '@tradesense/domain';
import type { PaymentEvent } from '../../ports/payment-gateway.js';
import type { TransactionScope } from '../../ports/unit-of-work.js';

/**
 * The order a provider event is about: by the order id the checkout carried
 * when the provider echoes it, else by the payment it recorded, else by the
 * checkout reference (some providers name the payment after the checkout).
 * Locked for the transaction, so events about one order are applied one at a
 * time.
 */
export async function findOrderForEvent(tx: TransactionScope, event: PaymentEvent): Promise<Order | null> {
  if (event.orderId) {
    const order = await tx.orders.findById(event.orderId, { forUpdate: true });
    if (order) return order;
  }
  const byPayment = await tx.orders.findByPayment(event.provider, event.providerPaymentId);
  const match = byPayment ?? (await tx.orders.findByCheckoutReference(event.provider, event.providerPaymentId));
  return match ? tx.orders.findById(match.id, { forUpdate: true }) : null;
}
