import type { OutboxHandler } from '../../ports/outbox-handler.js';
import type { StoredOutboxMessage } from '../../ports/outbox.js';
import type { FulfilOrder } from '../use-cases/fulfil-order.js';

/**
 * Delivers the `OrderPaid` event by fulfilling the order, so a paid order is
 * fulfilled even when the call right after the payment failed (platform
 * down, process died): the outbox retries with backoff until the fulfilment
 * completes. Fulfilment is idempotent, so a delivery after success is a no-op.
 */
export class FulfilPaidOrders implements OutboxHandler {
  readonly topics = ['OrderPaid'] as const;

  constructor(private readonly fulfilOrder: FulfilOrder) {}

  async handle(message: StoredOutboxMessage): Promise<void> {
    const orderId = message.aggregateId;
    if (!orderId) return;
    const result = await this.fulfilOrder.execute({ orderId });
    if (result.ok) {
      // Another attempt holds the account claim: look again later in case it died.
      if (result.value.outcome === 'in_progress') throw new Error(`Fulfilment of order ${orderId} is still in progress`);
      return;
    }
    // Refunded or cancelled orders are settled; only a platform failure is worth retrying.
    if (result.error.code === 'ORDER.PROVISIONING_FAILED') throw result.error;
  }
}
