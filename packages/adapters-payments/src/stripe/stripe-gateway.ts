import {
  PaymentGatewayError,
  WebhookError,
  type CheckoutRequest,
  type CheckoutSession,
  type Clock,
  type OffSessionChargeRequest,
  type OffSessionChargeResult,
  type PaymentGateway,
  type PaymentNotice,
  type RefundRequest,
  type RefundResult,
  type WebhookRequest,
} from '@tradesense/application';
import Stripe from 'stripe';
import { headerValue } from '../shared/headers.js';
import { fromMinorUnits, toMinorUnits } from '../shared/minor-units.js';
import { createStripeClient, stripeFailure, type StripeGatewayConfig } from './stripe-client.js';
import { StripeEventMapper } from './stripe-event-mapper.js';

const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Card payments through the official Stripe SDK: a hosted Checkout Session
 * per order (order id in metadata), a card saved for off-session use when a
 * trial starts, off-session PaymentIntents when it ends, refunds, and
 * webhooks verified by `stripe.webhooks.constructEvent` over the raw body.
 */
export class StripeGateway implements PaymentGateway {
  readonly id = 'stripe' as const;
  private readonly stripe: Stripe;
  private readonly mapper: StripeEventMapper;
  private readonly tolerance: number;

  constructor(
    private readonly config: StripeGatewayConfig,
    private readonly clock: Clock,
  ) {
    this.stripe = createStripeClient(config);
    this.mapper = new StripeEventMapper(this.stripe);
    this.tolerance = config.webhookToleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const currency = request.currency.toLowerCase();
    const amount = toMinorUnits(request.amount, request.currency);
    const save = request.savePaymentMethod === true;
    if (amount === 0 && !save) {
      throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', 'A checkout without a saved card must charge something', {
        orderId: request.orderId,
      });
    }
    const metadata = { order_id: request.orderId, user_id: request.customer.id };
    try {
      // A saved card must belong to a customer to be charged later, so one is created up front.
      const customer = save
        ? await this.stripe.customers.create(
            { email: request.customer.email, metadata: { user_id: request.customer.id } },
            { idempotencyKey: `customer:${request.orderId}` },
          )
        : null;
      const common = {
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        client_reference_id: request.orderId,
        metadata,
        ...(customer ? { customer: customer.id } : { customer_email: request.customer.email }),
      };
      const params: Stripe.Checkout.SessionCreateParams =
        amount === 0
          ? { ...common, mode: 'setup', currency, setup_intent_data: { metadata, description: request.description } }
          : {
              ...common,
              mode: 'payment',
              line_items: [
                { quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: request.description } } },
              ],
              payment_intent_data: {
                metadata,
                description: request.description,
                ...(save && { setup_future_usage: 'off_session' as const }),
              },
            };
      const session = await this.stripe.checkout.sessions.create(params, { idempotencyKey: `checkout:${request.orderId}` });
      if (!session.url) {
        throw new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', 'Stripe returned a Checkout Session without a URL', {
          sessionId: session.id,
        });
      }
      return { providerReference: session.id, redirectUrl: session.url, clientParameters: {} };
    } catch (error) {
      throw stripeFailure(error, 'checkout');
    }
  }

  async parseWebhook(request: WebhookRequest): Promise<PaymentNotice> {
    const signature = headerValue(request.headers, 'stripe-signature');
    if (!signature) throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'Missing Stripe-Signature header', { provider: 'stripe' });
    const now = this.clock.now().getTime();
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(request.rawBody, signature, this.config.webhookSecret, this.tolerance, undefined, now);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
        throw new WebhookError('WEBHOOK.MALFORMED', 'Stripe webhook body is not an event', { provider: 'stripe' });
      }
      throw this.classifyRefusal(request.rawBody, signature, now);
    }
    return this.mapper.map(event);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    try {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: request.providerPaymentId,
          ...(request.amount && { amount: toMinorUnits(request.amount, request.currency) }),
          metadata: { idempotency_key: request.idempotencyKey },
        },
        { idempotencyKey: `refund:${request.idempotencyKey}` },
      );
      const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
      return { providerRefundId: refund.id, status, amount: fromMinorUnits(refund.amount, refund.currency) };
    } catch (error) {
      throw stripeFailure(error, 'refund');
    }
  }

  async chargeOffSession(request: OffSessionChargeRequest): Promise<OffSessionChargeResult> {
    const amount = toMinorUnits(request.amount, request.currency);
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount,
          currency: request.currency.toLowerCase(),
          customer: request.customerRef,
          payment_method: request.paymentMethodRef,
          off_session: true,
          confirm: true,
          metadata: { order_id: request.orderId },
          ...(request.description && { description: request.description }),
        },
        { idempotencyKey: `off-session:${request.idempotencyKey}` },
      );
      if (intent.status === 'succeeded') {
        return {
          status: 'succeeded',
          providerPaymentId: intent.id,
          amount: fromMinorUnits(intent.amount_received, intent.currency),
          currency: intent.currency.toUpperCase(),
        };
      }
      if (intent.status === 'processing') return { status: 'pending', providerPaymentId: intent.id };
      // Off-session, nobody is there to authenticate: a 3-D Secure request is a decline.
      const reason =
        intent.status === 'requires_action'
          ? 'authentication_required'
          : (intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? intent.status);
      return { status: 'declined', reason, providerPaymentId: intent.id };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        return {
          status: 'declined',
          reason: error.decline_code ?? error.code ?? 'card_declined',
          providerPaymentId: error.payment_intent?.id ?? null,
        };
      }
      throw stripeFailure(error, 'off-session charge');
    }
  }

  /**
   * constructEvent refuses a stale event and a forged one alike. Checking the
   * signature again without the age limit tells them apart, so a replayed
   * genuine event is reported as such (the signature stays the SDK's check).
   */
  private classifyRefusal(rawBody: Buffer, signature: string, now: number): WebhookError {
    try {
      this.stripe.webhooks.constructEvent(rawBody, signature, this.config.webhookSecret, 0, undefined, now);
    } catch {
      return new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'Stripe webhook signature does not verify', { provider: 'stripe' });
    }
    return new WebhookError('WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE', 'Stripe webhook is older than the tolerance', {
      provider: 'stripe',
      toleranceSeconds: this.tolerance,
    });
  }
}
