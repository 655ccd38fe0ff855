import { createHash } from 'node:crypto';
import {
  PaymentGatewayError,
  WebhookError,
  type CheckoutRequest,
  type CheckoutSession,
  type CompleteCheckoutRequest,
  type PaymentEvent,
  type PaymentEventKind,
  type PaymentGateway,
  type PaymentNotice,
  type RefundRequest,
  type RefundResult,
  type WebhookRequest,
} from '@tradesense/application';
import type Razorpay from 'razorpay';
import { constantTimeEqual, hmacHex } from '../shared/constant-time.js';
import { headerValue } from '../shared/headers.js';
import {
  asObject,
  integerAt,
  objectAt,
  optionalObjectAt,
  optionalStringAt,
  parseJsonObject,
  readResponse,
  readWebhook,
  stringAt,
  type JsonObject,
} from '../shared/json-reader.js';
import { fromMinorUnits, toMinorUnits } from '../shared/minor-units.js';
import { createRazorpayClient, razorpayFailure, type RazorpayApiConfig } from './razorpay-client.js';

export interface RazorpayGatewayConfig extends RazorpayApiConfig {
  /** The secret set on the webhook in Razorpay's dashboard (not the key secret). */
  readonly webhookSecret: string;
  /** The platform page that opens Razorpay Checkout for an order (it receives `razorpay_order_id`). */
  readonly checkoutPageUrl: string;
}

type Entity = JsonObject;

/**
 * UPI payments through Razorpay with the official SDK: an order per purchase
 * (order id in notes and receipt), paid in Razorpay Checkout on the
 * platform's page; the browser's return is verified with Razorpay's checkout
 * signature (HMAC-SHA256 of `order_id|payment_id` with the key secret) and
 * webhooks with `X-Razorpay-Signature` (HMAC-SHA256 of the raw body with the
 * webhook secret). UPI settles in rupees only.
 */
export class RazorpayGateway implements PaymentGateway {
  readonly id = 'upi' as const;
  private readonly client: Razorpay;

  constructor(private readonly config: RazorpayGatewayConfig) {
    this.client = createRazorpayClient(config);
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    if (request.currency.toUpperCase() !== 'INR') {
      throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', 'UPI payments are in INR only', { currency: request.currency });
    }
    const amount = toMinorUnits(request.amount, 'INR');
    if (amount === 0) throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', 'UPI checkouts must charge something', {});
    let order: { id: string };
    try {
      order = await this.client.orders.create({
        amount,
        currency: 'INR',
        // Razorpay caps receipts at 40 characters; the full id travels in notes.
        receipt: request.orderId.slice(0, 40),
        notes: { order_id: request.orderId, customer_id: request.customer.id },
      });
    } catch (error) {
      throw razorpayFailure(error, 'order creation');
    }
    const page = new URL(this.config.checkoutPageUrl);
    page.searchParams.set('razorpay_order_id', order.id);
    return {
      providerReference: order.id,
      redirectUrl: page.href,
      clientParameters: {
        key: this.config.keyId,
        order_id: order.id,
        amount: String(amount),
        currency: 'INR',
        description: request.description,
        method: 'upi',
        prefill_email: request.customer.email,
        callback_url: request.successUrl,
        cancel_url: request.cancelUrl,
      },
    };
  }

  async parseWebhook(request: WebhookRequest): Promise<PaymentNotice> {
    const received = headerValue(request.headers, 'x-razorpay-signature');
    const expected = hmacHex('sha256', this.config.webhookSecret, request.rawBody);
    if (!received || !constantTimeEqual(expected, received.toLowerCase())) {
      throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'Razorpay webhook signature does not verify', { provider: 'upi' });
    }
    // Razorpay names each event in a header, unchanged across re-deliveries.
    const eventId = headerValue(request.headers, 'x-razorpay-event-id');
    if (!eventId) throw new WebhookError('WEBHOOK.MALFORMED', 'Razorpay webhook has no X-Razorpay-Event-Id', { provider: 'upi' });
    return readWebhook('Razorpay', () => mapRazorpayEvent(eventId, parseJsonObject(request.rawBody)));
  }

  /**
   * Razorpay Checkout hands the page `razorpay_order_id`,
   * `razorpay_payment_id` and `razorpay_signature`. A valid signature proves
   * the pair came from Razorpay; the amount is then read from Razorpay itself,
   * and an authorised payment is captured.
   */
  async completeCheckout(request: CompleteCheckoutRequest): Promise<PaymentNotice> {
    const { razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: signature } = request.parameters;
    const invalid = (reason: string) => new PaymentGatewayError('PAYMENT.CHECKOUT_INVALID', `Razorpay checkout return refused: ${reason}`, { provider: 'upi' });
    if (!orderId || !paymentId || !signature) throw invalid('missing parameters');
    if (request.providerReference !== undefined && request.providerReference !== orderId) throw invalid('another order');
    const expected = hmacHex('sha256', this.config.keySecret, `${orderId}|${paymentId}`);
    if (!constantTimeEqual(expected, signature.toLowerCase())) throw invalid('signature does not verify');

    let payment = await this.call('payment look-up', () => this.client.payments.fetch(paymentId));
    if (payment.order_id !== orderId) throw invalid('payment belongs to another order');
    if (payment.status === 'authorized') {
      payment = await this.call('capture', () => this.client.payments.capture(paymentId, payment.amount, payment.currency));
    }
    const entity = asObject(payment, 'payment');
    const providerEventId = `checkout:${paymentId}`;
    if (payment.status === 'captured' || payment.status === 'refunded') {
      return readResponse('Razorpay', () => paymentNotice(providerEventId, 'payment_succeeded', entity, 'checkout.captured'));
    }
    if (payment.status === 'failed') {
      return readResponse('Razorpay', () => paymentNotice(providerEventId, 'payment_failed', entity, 'checkout.failed'));
    }
    return { outcome: 'ignored', provider: 'upi', providerEventId, rawType: `checkout.${payment.status}` };
  }

  /** Razorpay refunds take no idempotency key, so the key is kept in the refund's notes and looked for first. */
  async refund(request: RefundRequest): Promise<RefundResult> {
    const previous = await this.call('refund look-up', () => this.client.payments.fetchMultipleRefund(request.providerPaymentId, { count: 100 }));
    const existing = previous.items.find((refund) => refund.notes?.['idempotency_key'] === request.idempotencyKey);
    const refund =
      existing ??
      (await this.call('refund', () =>
        this.client.payments.refund(request.providerPaymentId, {
          ...(request.amount && { amount: toMinorUnits(request.amount, request.currency) }),
          speed: 'normal',
          receipt: request.idempotencyKey.slice(0, 40),
          notes: { idempotency_key: request.idempotencyKey },
        }),
      ));
    const status = refund.status === 'processed' ? 'succeeded' : refund.status === 'failed' ? 'failed' : 'pending';
    return { providerRefundId: refund.id, status, amount: fromMinorUnits(refund.amount ?? 0, refund.currency ?? request.currency) };
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw razorpayFailure(error, operation);
    }
  }
}

const KINDS: Readonly<Record<string, PaymentEventKind>> = {
  'payment.captured': 'payment_succeeded',
  'payment.failed': 'payment_failed',
  'refund.processed': 'refunded',
  'payment.dispute.created': 'disputed',
};

function mapRazorpayEvent(eventId: string, body: JsonObject): PaymentNotice {
  const type = stringAt(body, 'event');
  const kind = KINDS[type];
  if (!kind) return { outcome: 'ignored', provider: 'upi', providerEventId: eventId, rawType: type };
  const payload = objectAt(body, 'payload');
  const payment = entityOf(payload, 'payment');
  const occurredAt = new Date(integerAt(body, 'created_at') * 1000);
  if (kind === 'payment_succeeded' || kind === 'payment_failed') {
    return paymentNotice(eventId, kind, required(payment, 'payment'), type, occurredAt);
  }
  const subject = required(entityOf(payload, kind === 'refunded' ? 'refund' : 'dispute'), kind);
  const currency = stringAt(subject, 'currency');
  // The payment's amount_refunded is the running total; a refund entity alone only knows itself.
  const amount = kind === 'refunded' && payment?.['amount_refunded'] !== undefined ? integerAt(payment, 'amount_refunded') : integerAt(subject, 'amount');
  return eventNotice({
    providerEventId: eventId,
    kind,
    orderId: payment ? orderIdOf(payment) : null,
    providerPaymentId: stringAt(subject, 'payment_id'),
    amount: fromMinorUnits(amount, currency),
    currency,
    fingerprint: payment ? fingerprintOf(payment) : null,
    failureReason: kind === 'disputed' ? optionalStringAt(subject, 'reason_code') : null,
    occurredAt,
    rawType: type,
  });
}

function paymentNotice(providerEventId: string, kind: PaymentEventKind, payment: Entity, rawType: string, occurredAt?: Date): PaymentNotice {
  const currency = stringAt(payment, 'currency');
  return eventNotice({
    providerEventId,
    kind,
    orderId: orderIdOf(payment),
    providerPaymentId: stringAt(payment, 'id'),
    amount: fromMinorUnits(integerAt(payment, 'amount'), currency),
    currency,
    fingerprint: fingerprintOf(payment),
    failureReason: kind === 'payment_failed' ? (optionalStringAt(payment, 'error_reason') ?? optionalStringAt(payment, 'error_code') ?? 'failed') : null,
    occurredAt: occurredAt ?? new Date(integerAt(payment, 'created_at') * 1000),
    rawType,
  });
}

function eventNotice(fields: Omit<PaymentEvent, 'provider' | 'customerRef' | 'paymentMethodRef' | 'paymentMethodFingerprint'> & { fingerprint: string | null }): PaymentNotice {
  const { fingerprint, ...rest } = fields;
  return {
    outcome: 'event',
    event: {
      provider: 'upi',
      ...rest,
      currency: rest.currency.toUpperCase(),
      paymentMethodFingerprint: fingerprint,
      customerRef: null,
      paymentMethodRef: null,
    },
  };
}

function entityOf(payload: JsonObject, name: string): Entity | null {
  const wrapper = optionalObjectAt(payload, name);
  return wrapper ? objectAt(wrapper, 'entity') : null;
}

function required(entity: Entity | null, name: string): Entity {
  if (!entity) throw new WebhookError('WEBHOOK.MALFORMED', `Razorpay event lacks its ${name}`, { provider: 'upi' });
  return entity;
}

function orderIdOf(payment: Entity): string | null {
  const notes = payment['notes'];
  // Razorpay sends empty notes as [] rather than {}.
  return typeof notes === 'object' && notes !== null && !Array.isArray(notes) ? optionalStringAt(notes as JsonObject, 'order_id') : null;
}

/** The payer's UPI id (VPA), hashed: stable per account for the self-referral check without keeping the address. */
function fingerprintOf(payment: Entity): string | null {
  const vpa = optionalStringAt(payment, 'vpa');
  return vpa ? `upi:${createHash('sha256').update(vpa.trim().toLowerCase()).digest('hex')}` : null;
}
