import type { PaymentEvent, PaymentEventKind, PaymentNotice } from '@tradesense/application';
import type { Decimal } from 'decimal.js';
import {
  arrayAt,
  asObject,
  dateAt,
  decimalAt,
  objectAt,
  optionalObjectAt,
  optionalStringAt,
  PayloadError,
  stringAt,
  type JsonObject,
} from '../shared/json-reader.js';

interface Amount {
  readonly value: Decimal;
  readonly currency: string;
}

const amountOf = (money: JsonObject): Amount => ({
  value: decimalAt(money, 'value'),
  currency: stringAt(money, 'currency_code').toUpperCase(),
});

/** PayPal refund resources link back to their capture with rel "up". */
function captureIdOfRefund(refund: JsonObject): string {
  for (const entry of arrayAt(refund, 'links')) {
    const link = asObject(entry, 'link');
    const match = /\/v2\/payments\/captures\/([^/?#]+)/.exec(optionalStringAt(link, 'href') ?? '');
    if (optionalStringAt(link, 'rel') === 'up' && match?.[1]) return match[1];
  }
  throw new PayloadError('refund has no link to its capture');
}

/**
 * Maps a verified PayPal webhook envelope (Orders v2 and Payments v2 events)
 * to the platform's event. The order id travels as the purchase unit's
 * `custom_id`, which PayPal copies onto the capture.
 */
export function mapPayPalEnvelope(envelope: JsonObject): PaymentNotice {
  const eventId = stringAt(envelope, 'id');
  const type = stringAt(envelope, 'event_type');
  const resource = objectAt(envelope, 'resource');
  const occurredAt = dateAt(envelope, 'create_time');
  const emit = (
    kind: PaymentEventKind,
    fields: { orderId: string | null; providerPaymentId: string; amount: Amount; failureReason?: string | null; fingerprint?: string | null },
  ): PaymentNotice => {
    const event: PaymentEvent = {
      provider: 'paypal',
      providerEventId: eventId,
      kind,
      orderId: fields.orderId,
      providerPaymentId: fields.providerPaymentId,
      amount: fields.amount.value,
      currency: fields.amount.currency,
      paymentMethodFingerprint: fields.fingerprint ?? null,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: fields.failureReason ?? null,
      occurredAt,
      rawType: type,
    };
    return { outcome: 'event', event };
  };

  switch (type) {
    case 'CHECKOUT.ORDER.APPROVED': {
      const unit = asObject(arrayAt(resource, 'purchase_units')[0], 'purchase unit');
      const payer = optionalObjectAt(resource, 'payer');
      return emit('checkout_approved', {
        orderId: optionalStringAt(unit, 'custom_id') ?? optionalStringAt(unit, 'reference_id'),
        providerPaymentId: stringAt(resource, 'id'),
        amount: amountOf(objectAt(unit, 'amount')),
        fingerprint: payerFingerprint(payer),
      });
    }
    case 'PAYMENT.CAPTURE.COMPLETED':
      return emit('payment_succeeded', {
        orderId: optionalStringAt(resource, 'custom_id'),
        providerPaymentId: stringAt(resource, 'id'),
        amount: amountOf(objectAt(resource, 'amount')),
      });
    case 'PAYMENT.CAPTURE.DENIED':
      return emit('payment_failed', {
        orderId: optionalStringAt(resource, 'custom_id'),
        providerPaymentId: stringAt(resource, 'id'),
        amount: amountOf(objectAt(resource, 'amount')),
        failureReason: optionalStringAt(optionalObjectAt(resource, 'status_details') ?? {}, 'reason') ?? 'DENIED',
      });
    case 'PAYMENT.CAPTURE.REFUNDED': {
      const breakdown = optionalObjectAt(resource, 'seller_payable_breakdown');
      const total = breakdown ? optionalObjectAt(breakdown, 'total_refunded_amount') : null;
      return emit('refunded', {
        orderId: optionalStringAt(resource, 'custom_id'),
        providerPaymentId: captureIdOfRefund(resource),
        amount: amountOf(total ?? objectAt(resource, 'amount')),
      });
    }
    case 'CUSTOMER.DISPUTE.CREATED': {
      const transaction = asObject(arrayAt(resource, 'disputed_transactions')[0], 'disputed transaction');
      return emit('disputed', {
        orderId: optionalStringAt(transaction, 'custom'),
        providerPaymentId: stringAt(transaction, 'seller_transaction_id'),
        amount: amountOf(objectAt(resource, 'dispute_amount')),
        failureReason: optionalStringAt(resource, 'reason'),
      });
    }
    default:
      return { outcome: 'ignored', provider: 'paypal', providerEventId: eventId, rawType: type };
  }
}

/** The PayPal account that paid stands in for a card fingerprint in the self-referral check. */
export function payerFingerprint(payer: JsonObject | null): string | null {
  const payerId = payer ? optionalStringAt(payer, 'payer_id') : null;
  return payerId ? `paypal:${payerId}` : null;
}
