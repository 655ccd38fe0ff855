import { WebhookError, type PaymentEvent, type PaymentEventKind, type PaymentNotice } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import type Stripe from 'stripe';
import { fromMinorUnits } from '../shared/minor-units.js';
import { stripeFailure } from './stripe-client.js';

interface SavedMethod {
  readonly customerRef: string | null;
  readonly paymentMethodRef: string | null;
  readonly fingerprint: string | null;
}

const NO_METHOD: SavedMethod = { customerRef: null, paymentMethodRef: null, fingerprint: null };

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === 'string' ? value : value.id;

function methodOf(
  customer: string | { id: string } | null | undefined,
  method: string | Stripe.PaymentMethod | null | undefined,
): SavedMethod {
  return {
    customerRef: idOf(customer),
    paymentMethodRef: idOf(method),
    fingerprint: method && typeof method !== 'string' ? (method.card?.fingerprint ?? null) : null,
  };
}

/**
 * Turns a verified Stripe event into the platform's event. Webhook objects
 * carry only ids for the payment method, so the card fingerprint (needed for
 * the self-referral check) and the saved method are read back from the API.
 */
export class StripeEventMapper {
  constructor(private readonly stripe: Stripe) {}

  async map(event: Stripe.Event): Promise<PaymentNotice> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        return this.sessionCompleted(event, event.data.object);
      case 'checkout.session.async_payment_failed': {
        const session = event.data.object;
        return this.emit(event, 'payment_failed', {
          orderId: orderIdOfSession(session),
          providerPaymentId: this.required(idOf(session.payment_intent) ?? session.id),
          amount: fromMinorUnits(session.amount_total ?? 0, session.currency ?? 'usd'),
          currency: session.currency ?? 'usd',
          method: NO_METHOD,
          failureReason: 'async_payment_failed',
        });
      }
      case 'payment_intent.succeeded': {
        const intent = event.data.object;
        return this.emit(event, 'payment_succeeded', {
          orderId: intent.metadata?.['order_id'] ?? null,
          providerPaymentId: intent.id,
          amount: fromMinorUnits(intent.amount_received, intent.currency),
          currency: intent.currency,
          method: await this.methodById(intent.customer, intent.payment_method),
          failureReason: null,
        });
      }
      case 'payment_intent.payment_failed': {
        const intent = event.data.object;
        const error = intent.last_payment_error;
        return this.emit(event, 'payment_failed', {
          orderId: intent.metadata?.['order_id'] ?? null,
          providerPaymentId: intent.id,
          amount: fromMinorUnits(intent.amount, intent.currency),
          currency: intent.currency,
          method: methodOf(intent.customer, intent.payment_method),
          failureReason: error?.decline_code ?? error?.code ?? 'payment_failed',
        });
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        return this.emit(event, 'refunded', {
          orderId: charge.metadata?.['order_id'] ?? null,
          providerPaymentId: idOf(charge.payment_intent) ?? charge.id,
          amount: fromMinorUnits(charge.amount_refunded, charge.currency),
          currency: charge.currency,
          method: {
            customerRef: idOf(charge.customer),
            paymentMethodRef: charge.payment_method ?? null,
            fingerprint: charge.payment_method_details?.card?.fingerprint ?? null,
          },
          failureReason: null,
        });
      }
      case 'charge.dispute.created': {
        const dispute = event.data.object;
        return this.emit(event, 'disputed', {
          orderId: null,
          providerPaymentId: idOf(dispute.payment_intent) ?? this.required(idOf(dispute.charge)),
          amount: fromMinorUnits(dispute.amount, dispute.currency),
          currency: dispute.currency,
          method: NO_METHOD,
          failureReason: dispute.reason,
        });
      }
      default:
        return { outcome: 'ignored', provider: 'stripe', providerEventId: event.id, rawType: event.type };
    }
  }

  private async sessionCompleted(event: Stripe.Event, session: Stripe.Checkout.Session): Promise<PaymentNotice> {
    if (session.mode === 'setup') {
      const setupIntentId = this.required(idOf(session.setup_intent));
      const setupIntent = await this.call('setup intent look-up', () =>
        this.stripe.setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] }),
      );
      return this.emit(event, 'payment_method_saved', {
        orderId: orderIdOfSession(session),
        providerPaymentId: setupIntent.id,
        amount: new Decimal(0),
        currency: session.currency ?? 'usd',
        method: methodOf(setupIntent.customer ?? session.customer, setupIntent.payment_method),
        failureReason: null,
      });
    }
    // An unpaid completion is a delayed method (bank debit); its outcome comes as async_payment_*.
    if (session.mode !== 'payment' || session.payment_status !== 'paid') {
      return { outcome: 'ignored', provider: 'stripe', providerEventId: event.id, rawType: event.type };
    }
    const intentId = this.required(idOf(session.payment_intent));
    const intent = await this.call('payment intent look-up', () =>
      this.stripe.paymentIntents.retrieve(intentId, { expand: ['payment_method'] }),
    );
    return this.emit(event, 'payment_succeeded', {
      orderId: orderIdOfSession(session),
      providerPaymentId: intentId,
      amount: fromMinorUnits(this.required(session.amount_total), this.required(session.currency)),
      currency: this.required(session.currency),
      method: methodOf(intent.customer ?? session.customer, intent.payment_method),
      failureReason: null,
    });
  }

  private async methodById(
    customer: string | { id: string } | null,
    method: string | Stripe.PaymentMethod | null,
  ): Promise<SavedMethod> {
    const methodId = idOf(method);
    if (methodId === null) return methodOf(customer, null);
    const paymentMethod = await this.call('payment method look-up', () => this.stripe.paymentMethods.retrieve(methodId));
    return methodOf(customer ?? paymentMethod.customer, paymentMethod);
  }

  private emit(
    event: Stripe.Event,
    kind: PaymentEventKind,
    fields: {
      orderId: string | null;
      providerPaymentId: string;
      amount: Decimal;
      currency: string;
      method: SavedMethod;
      failureReason: string | null;
    },
  ): PaymentNotice {
    const normalized: PaymentEvent = {
      provider: 'stripe',
      providerEventId: event.id,
      kind,
      orderId: fields.orderId,
      providerPaymentId: fields.providerPaymentId,
      amount: fields.amount,
      currency: fields.currency.toUpperCase(),
      paymentMethodFingerprint: fields.method.fingerprint,
      customerRef: fields.method.customerRef,
      paymentMethodRef: fields.method.paymentMethodRef,
      failureReason: fields.failureReason,
      occurredAt: new Date(event.created * 1000),
      rawType: event.type,
    };
    return { outcome: 'event', event: normalized };
  }

  private required<T>(value: T | null | undefined): T {
    if (value === null || value === undefined) {
      throw new WebhookError('WEBHOOK.MALFORMED', 'Stripe event lacks a field it always carries', { provider: 'stripe' });
    }
    return value;
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw stripeFailure(error, operation);
    }
  }
}

function orderIdOfSession(session: Stripe.Checkout.Session): string | null {
  return session.metadata?.['order_id'] ?? session.client_reference_id ?? null;
}
