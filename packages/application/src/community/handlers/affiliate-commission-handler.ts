import { AffiliateErrorCode, type DomainError, type ReversalReason } from '@tradesense/domain';
import { ORDER_PAID_TOPIC, ORDER_REFUNDED_TOPIC } from '../../commerce/events/order-messages.js';
import type { OutboxHandler } from '../../ports/outbox-handler.js';
import type { StoredOutboxMessage } from '../../ports/outbox.js';
import type { EarnAffiliateCommission } from '../use-cases/earn-affiliate-commission.js';
import type { ReverseAffiliateCommission } from '../use-cases/reverse-affiliate-commission.js';

/*
 * The messages commerce writes (see commerce/events/order-messages.ts):
 * `order.paid` carries `orderId`, `buyerId`, `price` (the commission base,
 * without the gateway fee), `currency`, `paidAt` and
 * `paymentMethodFingerprint`; `order.refunded` carries `orderId`, `kind`
 * (`refund` | `chargeback`) and `refundedAt`.
 */

/** Refusals that are final for a message: retrying would change nothing. */
const SETTLED = new Set<string>([
  AffiliateErrorCode.NOT_REFERRED,
  AffiliateErrorCode.SELF_REFERRAL,
  AffiliateErrorCode.ALREADY_CONVERTED,
  AffiliateErrorCode.COMMISSION_NOT_FOUND,
  AffiliateErrorCode.COMMISSION_ALREADY_REVERSED,
]);

/** Thrown for a message that cannot be processed as it is (the dispatcher retries, then parks it). */
export class UnprocessableOrderMessage extends Error {
  override readonly name = 'UnprocessableOrderMessage';
}

/**
 * Earns the affiliate commission when an order is paid and reverses it when
 * the order is refunded or charged back. Delivery is at-least-once; both use
 * cases are idempotent per order (a second delivery earns or reverses
 * nothing), and concurrent deliveries are serialised by the affiliate's
 * version.
 */
export class AffiliateCommissionHandler implements OutboxHandler {
  readonly topics: readonly string[] = [ORDER_PAID_TOPIC, ORDER_REFUNDED_TOPIC];

  constructor(
    private readonly earn: EarnAffiliateCommission,
    private readonly reverse: ReverseAffiliateCommission,
  ) {}

  async handle(message: StoredOutboxMessage): Promise<void> {
    const result = message.topic === ORDER_PAID_TOPIC ? await this.onPaid(message) : await this.onRefunded(message);
    if (!result.ok && !SETTLED.has(result.error.code)) {
      throw new UnprocessableOrderMessage(`${message.topic} ${message.id}: ${result.error.code} ${result.error.message}`);
    }
  }

  private onPaid(message: StoredOutboxMessage): Promise<{ ok: true } | { ok: false; error: DomainError }> {
    const p = message.payload;
    return this.earn.execute({
      orderId: requireText(p, 'orderId', message.aggregateId, message),
      buyerId: requireText(p, 'buyerId', undefined, message),
      amount: requireText(p, 'price', undefined, message),
      currency: requireText(p, 'currency', undefined, message),
      paidAt: instant(p['paidAt'], message.occurredAt, message),
      paymentFingerprint: typeof p['paymentMethodFingerprint'] === 'string' ? p['paymentMethodFingerprint'] : null,
    });
  }

  private onRefunded(message: StoredOutboxMessage): Promise<{ ok: true } | { ok: false; error: DomainError }> {
    const p = message.payload;
    const kind = p['kind'] ?? 'refund';
    if (kind !== 'refund' && kind !== 'chargeback') throw new UnprocessableOrderMessage(`${message.topic} ${message.id}: unknown kind ${String(kind)}`);
    return this.reverse.execute({
      orderId: requireText(p, 'orderId', message.aggregateId, message),
      reason: kind as ReversalReason,
      at: instant(p['refundedAt'], message.occurredAt, message),
    });
  }
}

function requireText(
  payload: Readonly<Record<string, unknown>>,
  field: string,
  fallback: string | undefined,
  message: StoredOutboxMessage,
): string {
  const value = payload[field] ?? fallback;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UnprocessableOrderMessage(`${message.topic} ${message.id}: missing ${field}`);
  }
  return value;
}

function instant(value: unknown, fallback: Date, message: StoredOutboxMessage): Date {
  if (value === undefined || value === null) return fallback;
  const at = typeof value === 'string' ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) throw new UnprocessableOrderMessage(`${message.topic} ${message.id}: bad instant ${String(value)}`);
  return at;
}

/** The handler the worker registers for `order.paid` and `order.refunded`. */
export function affiliateCommissionHandler(useCases: {
  readonly earnCommission: EarnAffiliateCommission;
  readonly reverseCommission: ReverseAffiliateCommission;
}): OutboxHandler {
  return new AffiliateCommissionHandler(useCases.earnCommission, useCases.reverseCommission);
}
