import {
  CaptureStatus,
  CheckoutPaymentIntent,
  PaypalExperienceUserAction,
  PaypalWalletContextShippingPreference,
  RefundStatus,
  type Order,
} from '@paypal/paypal-server-sdk';
import {
  PaymentGatewayError,
  type CheckoutRequest,
  type CheckoutSession,
  type Clock,
  type CompleteCheckoutRequest,
  type PaymentGateway,
  type PaymentNotice,
  type RefundRequest,
  type RefundResult,
  type WebhookRequest,
} from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { parseJsonObject, readWebhook } from '../shared/json-reader.js';
import { toMajorString } from '../shared/minor-units.js';
import { PayPalApi, paypalFailure, paypalIssue, type PayPalApiConfig } from './paypal-api.js';
import { httpsCertificateFetcher, type CertificateFetcher } from './paypal-certificates.js';
import { mapPayPalEnvelope } from './paypal-event-mapper.js';
import {
  ApiPayPalWebhookVerifier,
  OfflinePayPalWebhookVerifier,
  type PayPalWebhookVerifier,
} from './paypal-webhook-verifier.js';

export interface PayPalGatewayConfig extends PayPalApiConfig {
  /** The id PayPal gave the webhook subscription; it is part of every signed message. */
  readonly webhookId: string;
  /** `offline`: RSA check against PayPal's certificate; `api`: ask PayPal's verify-webhook-signature endpoint. */
  readonly webhookVerification: 'offline' | 'api';
  /** How the offline check gets certificates (default: HTTPS download, cached). */
  readonly certificateFetcher?: CertificateFetcher;
  /** Shown on PayPal's approval page. */
  readonly brandName?: string;
}

/**
 * PayPal wallet payments through Orders v2 with the official server SDK: an
 * order per purchase (order id as `custom_id`), capture when the buyer comes
 * back approved, refunds of captures, and webhooks verified offline or
 * through PayPal's API as configured.
 */
export class PayPalGateway implements PaymentGateway {
  readonly id = 'paypal' as const;
  private readonly api: PayPalApi;
  private readonly verifier: PayPalWebhookVerifier;
  private readonly brandName: string | undefined;

  constructor(
    config: PayPalGatewayConfig,
    private readonly clock: Clock,
  ) {
    this.api = new PayPalApi(config);
    this.verifier =
      config.webhookVerification === 'api'
        ? new ApiPayPalWebhookVerifier(config.webhookId, this.api)
        : new OfflinePayPalWebhookVerifier(config.webhookId, config.certificateFetcher ?? httpsCertificateFetcher(), clock);
    this.brandName = config.brandName;
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const value = toMajorString(request.amount, request.currency);
    if (request.amount.isZero()) {
      throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', 'PayPal checkouts must charge something', { orderId: request.orderId });
    }
    try {
      const { result } = await this.api.orders.createOrder({
        body: {
          intent: CheckoutPaymentIntent.Capture,
          purchaseUnits: [
            {
              referenceId: request.orderId,
              customId: request.orderId,
              description: request.description.slice(0, 127),
              amount: { currencyCode: request.currency.toUpperCase(), value },
            },
          ],
          paymentSource: {
            paypal: {
              emailAddress: request.customer.email,
              experienceContext: {
                returnUrl: request.successUrl,
                cancelUrl: request.cancelUrl,
                userAction: PaypalExperienceUserAction.PayNow,
                shippingPreference: PaypalWalletContextShippingPreference.NoShipping,
                ...(this.brandName && { brandName: this.brandName }),
              },
            },
          },
        },
        paypalRequestId: `checkout:${request.orderId}`,
        prefer: 'return=minimal',
      });
      const approval = result.links?.find((link) => link.rel === 'payer-action' || link.rel === 'approve');
      if (!result.id || !approval) {
        throw new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', 'PayPal order has no approval link', { orderId: request.orderId });
      }
      return { providerReference: result.id, redirectUrl: approval.href, clientParameters: {} };
    } catch (error) {
      throw paypalFailure(error, 'order creation');
    }
  }

  async parseWebhook(request: WebhookRequest): Promise<PaymentNotice> {
    await this.verifier.verify(request);
    return readWebhook('PayPal', () => mapPayPalEnvelope(parseJsonObject(request.rawBody)));
  }

  /**
   * Captures the order the buyer approved (PayPal appends `token=<order id>`
   * to the return URL). The capture request id is derived from the order, so
   * a reloaded return page cannot capture twice; an order captured earlier is
   * read back instead.
   */
  async completeCheckout(request: CompleteCheckoutRequest): Promise<PaymentNotice> {
    const token = request.parameters['token'];
    const orderId = request.providerReference ?? token;
    if (!orderId || (token !== undefined && request.providerReference !== undefined && token !== request.providerReference)) {
      throw new PaymentGatewayError('PAYMENT.CHECKOUT_INVALID', 'The PayPal return does not name this checkout', { provider: 'paypal' });
    }
    let order: Order;
    try {
      order = (await this.api.orders.captureOrder({ id: orderId, paypalRequestId: `capture:${orderId}`, prefer: 'return=representation' }))
        .result;
    } catch (error) {
      const issue = paypalIssue(error);
      if (issue === 'ORDER_NOT_APPROVED' || issue === 'PAYER_ACTION_REQUIRED') {
        throw new PaymentGatewayError('PAYMENT.CHECKOUT_NOT_APPROVED', 'The buyer has not approved the PayPal order', { orderId });
      }
      if (issue === 'RESOURCE_NOT_FOUND' || issue === 'INVALID_RESOURCE_ID') {
        throw new PaymentGatewayError('PAYMENT.CHECKOUT_INVALID', 'No such PayPal order', { orderId });
      }
      if (issue !== 'ORDER_ALREADY_CAPTURED') throw paypalFailure(error, 'capture');
      order = await this.readOrder(orderId);
    }
    return this.captureNotice(order);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    try {
      const { result } = await this.api.payments.refundCapturedPayment({
        captureId: request.providerPaymentId,
        paypalRequestId: `refund:${request.idempotencyKey}`,
        prefer: 'return=representation',
        body: request.amount
          ? { amount: { currencyCode: request.currency.toUpperCase(), value: toMajorString(request.amount, request.currency) } }
          : {},
      });
      if (!result.id) throw new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', 'PayPal refund has no id', {});
      const status =
        result.status === RefundStatus.Completed
          ? 'succeeded'
          : result.status === RefundStatus.Failed || result.status === RefundStatus.Cancelled
            ? 'failed'
            : 'pending';
      return { providerRefundId: result.id, status, amount: result.amount ? new Decimal(result.amount.value) : null };
    } catch (error) {
      throw paypalFailure(error, 'refund');
    }
  }

  private async readOrder(orderId: string): Promise<Order> {
    try {
      return (await this.api.orders.getOrder({ id: orderId })).result;
    } catch (error) {
      throw paypalFailure(error, 'order look-up');
    }
  }

  private captureNotice(order: Order): PaymentNotice {
    const unit = order.purchaseUnits?.[0];
    const capture = unit?.payments?.captures?.[0];
    if (!unit || !capture?.id || !capture.amount) {
      throw new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', 'PayPal capture answer has no capture', { orderId: order.id });
    }
    const providerEventId = `capture:${capture.id}`;
    if (capture.status === CaptureStatus.Pending) {
      // The money is not final (e.g. an e-check); PAYMENT.CAPTURE.COMPLETED follows.
      return { outcome: 'ignored', provider: 'paypal', providerEventId, rawType: 'CAPTURE.PENDING' };
    }
    const succeeded =
      capture.status === CaptureStatus.Completed ||
      capture.status === CaptureStatus.PartiallyRefunded ||
      capture.status === CaptureStatus.Refunded;
    const payerId = order.payer?.payerId;
    return {
      outcome: 'event',
      event: {
        provider: 'paypal',
        providerEventId,
        kind: succeeded ? 'payment_succeeded' : 'payment_failed',
        orderId: capture.customId ?? unit.customId ?? unit.referenceId ?? null,
        providerPaymentId: capture.id,
        amount: new Decimal(capture.amount.value),
        currency: capture.amount.currencyCode.toUpperCase(),
        paymentMethodFingerprint: payerId ? `paypal:${payerId}` : null,
        customerRef: null,
        paymentMethodRef: null,
        failureReason: succeeded ? null : (capture.statusDetails?.reason ?? capture.status ?? 'FAILED'),
        occurredAt: capture.createTime ? new Date(capture.createTime) : this.clock.now(),
        rawType: `CAPTURE.${capture.status ?? 'UNKNOWN'}`,
      },
    };
  }
}
