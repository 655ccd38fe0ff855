import type { Decimal } from 'decimal.js';
import { token, type Token } from './token.js';
import type { IgnoredNotice, WebhookRequest } from './webhook.js';

/** The gateways of rule book section 10; `simulated` backs the embedded default. */
export const PAYMENT_GATEWAY_IDS = ['stripe', 'paypal', 'crypto', 'upi', 'tc_pay', 'simulated'] as const;
export type PaymentGatewayId = (typeof PAYMENT_GATEWAY_IDS)[number];

export const isPaymentGatewayId = (value: string): value is PaymentGatewayId =>
  (PAYMENT_GATEWAY_IDS as readonly string[]).includes(value);

export interface CheckoutCustomer {
  /** The trader's user id. */
  readonly id: string;
  readonly email: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

export interface CheckoutRequest {
  /** Travels to the provider (metadata, custom id, receipt) and comes back in every event of this payment. */
  readonly orderId: string;
  /**
   * What the buyer pays: the booked price plus the gateway fee, in `currency`,
   * with no more decimals than the currency has (adapters refuse, never round).
   * Zero together with `savePaymentMethod` collects a card on file without
   * charging (the start of a trial).
   */
  readonly amount: Decimal;
  /** ISO 4217, e.g. "USD". */
  readonly currency: string;
  /** Shown to the buyer on the provider's page. */
  readonly description: string;
  readonly customer: CheckoutCustomer;
  /** Where the provider sends the buyer back after paying / after giving up. */
  readonly successUrl: string;
  readonly cancelUrl: string;
  /** Keep the payment method for later off-session charges (trials). Only gateways with `chargeOffSession` honour it. */
  readonly savePaymentMethod?: boolean;
}

export interface CheckoutSession {
  /**
   * The provider's id of this checkout (Stripe Checkout Session, PayPal order,
   * Coinbase charge, Razorpay order, TC Pay checkout, simulated reference).
   * Store it on the order: `completeCheckout` and support look-ups use it.
   */
  readonly providerReference: string;
  /** Where to send the buyer to pay. */
  readonly redirectUrl: string;
  /**
   * Values a client-side checkout widget needs (Razorpay Checkout: `key`,
   * `order_id`, `amount`, `currency`). Empty for purely hosted pages.
   */
  readonly clientParameters: Readonly<Record<string, string>>;
}

export type PaymentEventKind =
  /** Money was taken. The order may be fulfilled once amount and currency match it. */
  | 'payment_succeeded'
  /** The attempt failed (decline, expiry, underpayment); `failureReason` says why. */
  | 'payment_failed'
  /** Money went back. `amount` is the total refunded on the payment so far (compare with the paid amount to tell full from partial). */
  | 'refunded'
  /** A chargeback was opened; `amount` is the disputed amount. */
  | 'disputed'
  /** The buyer approved but nothing is captured yet (PayPal): call `completeCheckout` to capture. */
  | 'checkout_approved'
  /** A card was saved without a charge (trial start): `customerRef` and `paymentMethodRef` are set; `amount` is zero. */
  | 'payment_method_saved';

/**
 * One verified provider event in the platform's terms. The consumer checks
 * `providerEventId` against the webhook inbox first (a provider re-delivers
 * the same id, and replaying a delivery yields the same id), then checks
 * `amount` and `currency` against the order before acting. A single payment
 * can be reported more than once under different event ids (e.g. Stripe's
 * `checkout.session.completed` and `payment_intent.succeeded`, or a PayPal
 * capture and its webhook); the order's state makes the second one a no-op.
 */
export interface PaymentEvent {
  readonly provider: PaymentGatewayId;
  /** The provider's id of this notification, stable across re-deliveries: the de-duplication key (with `provider`). */
  readonly providerEventId: string;
  readonly kind: PaymentEventKind;
  /** The order id given at checkout, when the provider echoes it back; otherwise find the order by `providerPaymentId`. */
  readonly orderId: string | null;
  /**
   * The provider's id of the money movement: Stripe PaymentIntent, PayPal
   * capture (the order id for `checkout_approved`), Coinbase charge, Razorpay
   * payment, TC Pay payment, simulated reference. Refunds, disputes and
   * off-session charges refer to the payment by this id.
   */
  readonly providerPaymentId: string;
  /** In major units (e.g. 549.00 USD), exact. */
  readonly amount: Decimal;
  /** ISO 4217, upper case. */
  readonly currency: string;
  /** The provider's fingerprint of the card or account, for the affiliate self-referral check; null when the provider gives none. */
  readonly paymentMethodFingerprint: string | null;
  /** The provider's customer id, needed with `paymentMethodRef` for off-session charges. */
  readonly customerRef: string | null;
  /** The saved payment method's id, when one was saved. */
  readonly paymentMethodRef: string | null;
  /** The provider's decline or failure code for `payment_failed`, or its reason code for `disputed`; null otherwise. */
  readonly failureReason: string | null;
  /** When the provider says it happened. */
  readonly occurredAt: Date;
  /** The provider's own event type, for the audit trail (e.g. `checkout.session.completed`). */
  readonly rawType: string;
}

export type PaymentNotice = { readonly outcome: 'event'; readonly event: PaymentEvent } | IgnoredNotice;

export interface CompleteCheckoutRequest {
  /** The checkout's `providerReference`, when the caller has it (e.g. from the order). */
  readonly providerReference?: string;
  /**
   * What the buyer's browser brought back: PayPal `token` (the order id);
   * Razorpay `razorpay_order_id`, `razorpay_payment_id`, `razorpay_signature`;
   * simulated `token` (and optionally `outcome`).
   */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface RefundRequest {
  readonly providerPaymentId: string;
  /** Currency of the payment (needed to express a partial amount in the provider's units). */
  readonly currency: string;
  /** Partial refund in major units; omitted refunds whatever is left. */
  readonly amount?: Decimal;
  /** Repeating a refund with the same key never refunds twice. */
  readonly idempotencyKey: string;
}

export interface RefundResult {
  readonly providerRefundId: string;
  /** `pending`: the provider confirms later with a `refunded` event. */
  readonly status: 'succeeded' | 'pending' | 'failed';
  /** This refund's amount in major units, when the provider reports it. */
  readonly amount: Decimal | null;
}

export interface OffSessionChargeRequest {
  readonly customerRef: string;
  readonly paymentMethodRef: string;
  readonly amount: Decimal;
  readonly currency: string;
  readonly orderId: string;
  /** Repeating the charge with the same key returns the first outcome and never charges twice. */
  readonly idempotencyKey: string;
  readonly description?: string;
}

export type OffSessionChargeResult =
  | {
      readonly status: 'succeeded';
      readonly providerPaymentId: string;
      readonly amount: Decimal;
      readonly currency: string;
    }
  /** Accepted but not final yet; a `payment_succeeded` or `payment_failed` event follows. */
  | { readonly status: 'pending'; readonly providerPaymentId: string }
  /** Refused by the issuer or the provider (the trial schedule retries after 1 and 3 days). */
  | { readonly status: 'declined'; readonly reason: string; readonly providerPaymentId: string | null };

/**
 * One payment provider. Operations that the provider refuses or that fail in
 * transit throw `PaymentGatewayError`; webhooks that fail verification throw
 * `WebhookError` and never produce an event.
 */
export interface PaymentGateway {
  readonly id: PaymentGatewayId;
  /** Creates the provider-side checkout for an order; idempotent per order id where the provider allows. */
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Verifies (signature, timestamp tolerance) and normalises one notification. */
  parseWebhook(request: WebhookRequest): Promise<PaymentNotice>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /**
   * The buyer came back from the provider: verifies what the browser brought
   * and, where the provider needs it, captures (PayPal, an authorised
   * Razorpay payment). Returns the same kind of verified event a webhook
   * would, or `ignored` when the money is not final yet (a pending capture;
   * the webhook follows). Present on `paypal`, `upi` and `simulated`.
   */
  completeCheckout?(request: CompleteCheckoutRequest): Promise<PaymentNotice>;
  /** Charges a saved payment method without the buyer present (trial end). Present on `stripe` and `simulated`. */
  chargeOffSession?(request: OffSessionChargeRequest): Promise<OffSessionChargeResult>;
}

/** The gateways configured in this deployment. */
export interface PaymentGatewayRegistry {
  /** Configured gateway ids in a stable order. */
  ids(): readonly PaymentGatewayId[];
  /** The gateway, or null when it is not configured here (e.g. a webhook for an unknown provider). */
  find(id: string): PaymentGateway | null;
  /** The gateway; throws `PaymentGatewayError` `PAYMENT.GATEWAY_UNKNOWN` when it is not configured. */
  get(id: string): PaymentGateway;
}

export type PaymentGatewayErrorCode =
  /** The gateway id is not configured in this deployment. */
  | 'PAYMENT.GATEWAY_UNKNOWN'
  /** The amount has more decimals than the currency, or is not positive where a charge is required. */
  | 'PAYMENT.INVALID_AMOUNT'
  /** The provider refused the request (4xx); `details` carries its code. Retrying the same request will not help. */
  | 'PAYMENT.PROVIDER_REJECTED'
  /** The provider could not be reached or failed (network, 5xx); retry later with the same idempotency key. */
  | 'PAYMENT.PROVIDER_UNAVAILABLE'
  /** The provider does not offer this operation (e.g. refunds of crypto charges). */
  | 'PAYMENT.UNSUPPORTED'
  /** What the buyer brought back does not verify (forged or expired token, bad signature, unknown checkout). */
  | 'PAYMENT.CHECKOUT_INVALID'
  /** The checkout is genuine but not payable yet (e.g. a PayPal order the buyer has not approved). */
  | 'PAYMENT.CHECKOUT_NOT_APPROVED';

export class PaymentGatewayError extends Error {
  override readonly name = 'PaymentGatewayError';

  constructor(
    readonly code: PaymentGatewayErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isPaymentGatewayError = (error: unknown, code?: PaymentGatewayErrorCode): error is PaymentGatewayError =>
  error instanceof PaymentGatewayError && (code === undefined || error.code === code);

export const PAYMENT_GATEWAYS: Token<PaymentGatewayRegistry> = token<PaymentGatewayRegistry>('PaymentGatewayRegistry');
