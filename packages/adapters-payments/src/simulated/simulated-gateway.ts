import { randomUUID } from 'node:crypto';
import {
  PaymentGatewayError,
  WebhookError,
  type CheckoutRequest,
  type CheckoutSession,
  type Clock,
  type CompleteCheckoutRequest,
  type OffSessionChargeRequest,
  type OffSessionChargeResult,
  type PaymentGateway,
  type PaymentNotice,
  type RefundRequest,
  type RefundResult,
  type WebhookRequest,
} from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { hmacHex } from '../shared/constant-time.js';
import { toMinorUnits } from '../shared/minor-units.js';
import { checkCheckoutToken, issueCheckoutToken, type SimulatedCheckout, type TokenCheck } from './simulated-checkout-token.js';

export interface SimulatedGatewayConfig {
  /** Signs the confirm links (HMAC-SHA256); at least 32 characters. */
  readonly secret: string;
  /** The platform endpoint the confirm link points at (it calls `completeCheckout` with the query). */
  readonly confirmUrl: string;
  /** How long a confirm link works; default one day. */
  readonly linkTtlSeconds?: number;
}

/** A saved simulated card with this marker attaches fine but declines off-session, like a real card that ran dry. */
const DECLINING = 'declining';

/**
 * The embedded default: no provider, no network. A checkout is a link to the
 * platform carrying an HMAC-signed token; following it yields the same kind of
 * verified event a real gateway's webhook would. Parameters on the link let a
 * tester choose the outcome: `outcome=fail` declines the payment,
 * `card=<anything>` picks the card (the same card gives the same
 * fingerprint), and `card=declining` saves a card that declines later.
 */
export class SimulatedGateway implements PaymentGateway {
  readonly id = 'simulated' as const;
  private readonly ttl: number;

  constructor(
    private readonly config: SimulatedGatewayConfig,
    private readonly clock: Clock,
  ) {
    if (config.secret.length < 32) throw new RangeError('The simulated gateway secret must be at least 32 characters');
    this.ttl = config.linkTtlSeconds ?? 86_400;
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const save = request.savePaymentMethod === true;
    if (toMinorUnits(request.amount, request.currency) === 0 && !save) {
      throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', 'A checkout without a saved card must charge something', { orderId: request.orderId });
    }
    const checkout: SimulatedCheckout = {
      ref: `sim_${randomUUID()}`,
      orderId: request.orderId,
      amount: request.amount.toString(),
      currency: request.currency.toUpperCase(),
      customerId: request.customer.id,
      save,
      expiresAt: this.nowSeconds() + this.ttl,
    };
    const link = new URL(this.config.confirmUrl);
    link.searchParams.set('token', issueCheckoutToken(this.config.secret, checkout));
    return { providerReference: checkout.ref, redirectUrl: link.href, clientParameters: {} };
  }

  /** The buyer followed the confirm link; the query string is the parameters. */
  async completeCheckout(request: CompleteCheckoutRequest): Promise<PaymentNotice> {
    const check = checkCheckoutToken(this.config.secret, request.parameters['token'] ?? '', this.nowSeconds());
    if (!check.valid) {
      throw new PaymentGatewayError('PAYMENT.CHECKOUT_INVALID', `Simulated checkout link refused (${check.reason})`, {
        provider: 'simulated',
        reason: check.reason,
      });
    }
    if (request.providerReference !== undefined && request.providerReference !== check.checkout.ref) {
      throw new PaymentGatewayError('PAYMENT.CHECKOUT_INVALID', 'Simulated checkout link is for another checkout', { provider: 'simulated' });
    }
    return this.notice(check.checkout, request.parameters);
  }

  /**
   * The same confirmation posted as a webhook: body `{"token": "...",
   * "outcome"?: "fail" | "refund" | "dispute", "card"?: "..."}`. `refund` and
   * `dispute` report the checkout's payment refunded in full or charged back,
   * as a provider tells of a refund made in its dashboard; they exist on the
   * webhook only, never on the buyer's confirm link.
   */
  async parseWebhook(request: WebhookRequest): Promise<PaymentNotice> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'Simulated confirmation carries no token', { provider: 'simulated' });
    }
    const parameters = Object.fromEntries(Object.entries(body ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const check: TokenCheck = checkCheckoutToken(this.config.secret, parameters['token'] ?? '', this.nowSeconds());
    if (!check.valid) {
      throw new WebhookError(
        check.reason === 'expired' ? 'WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE' : 'WEBHOOK.SIGNATURE_INVALID',
        `Simulated confirmation refused (${check.reason})`,
        { provider: 'simulated' },
      );
    }
    const outcome = parameters['outcome'];
    if (outcome === 'refund' || outcome === 'dispute') return this.afterPayment(check.checkout, outcome);
    return this.notice(check.checkout, parameters);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    if (request.amount) toMinorUnits(request.amount, request.currency);
    return { providerRefundId: `sim_re_${this.digest(`refund:${request.idempotencyKey}`)}`, status: 'succeeded', amount: request.amount ?? null };
  }

  async chargeOffSession(request: OffSessionChargeRequest): Promise<OffSessionChargeResult> {
    if (toMinorUnits(request.amount, request.currency) === 0) {
      throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', 'An off-session charge must charge something', { orderId: request.orderId });
    }
    // Derived from the idempotency key, so repeating a charge reports the same payment.
    const providerPaymentId = `sim_pay_${this.digest(`charge:${request.idempotencyKey}`)}`;
    if (!request.paymentMethodRef.startsWith('sim_pm_') || !request.customerRef.startsWith('sim_cus_')) {
      return { status: 'declined', reason: 'unknown_payment_method', providerPaymentId: null };
    }
    if (request.paymentMethodRef.startsWith(`sim_pm_${DECLINING}_`)) {
      return { status: 'declined', reason: 'card_declined', providerPaymentId };
    }
    return { status: 'succeeded', providerPaymentId, amount: request.amount, currency: request.currency.toUpperCase() };
  }

  private notice(checkout: SimulatedCheckout, parameters: Readonly<Record<string, string>>): PaymentNotice {
    const failed = parameters['outcome'] === 'fail';
    const amount = new Decimal(checkout.amount);
    const card = parameters['card'] ?? checkout.customerId;
    const saved = checkout.save && !failed;
    const kind = failed ? 'payment_failed' : checkout.save && amount.isZero() ? 'payment_method_saved' : 'payment_succeeded';
    return {
      outcome: 'event',
      event: {
        provider: 'simulated',
        // One event per checkout and outcome: following the same link twice reports the same id.
        providerEventId: `sim_evt_${checkout.ref}_${failed ? 'failed' : 'succeeded'}`,
        kind,
        orderId: checkout.orderId,
        providerPaymentId: checkout.ref,
        amount,
        currency: checkout.currency,
        paymentMethodFingerprint: `sim_fp_${this.digest(`card:${card}`)}`,
        customerRef: saved ? `sim_cus_${checkout.customerId}` : null,
        paymentMethodRef: saved ? `sim_pm_${card === DECLINING ? `${DECLINING}_` : ''}${checkout.ref}` : null,
        failureReason: failed ? 'simulated_decline' : null,
        occurredAt: this.clock.now(),
        rawType: failed ? 'simulated.payment_failed' : 'simulated.payment_confirmed',
      },
    };
  }

  /** The whole payment came back (refund) or was charged back (dispute); one event id per checkout and kind. */
  private afterPayment(checkout: SimulatedCheckout, outcome: 'refund' | 'dispute'): PaymentNotice {
    const kind = outcome === 'refund' ? 'refunded' : 'disputed';
    return {
      outcome: 'event',
      event: {
        provider: 'simulated',
        providerEventId: `sim_evt_${checkout.ref}_${kind}`,
        kind,
        orderId: checkout.orderId,
        providerPaymentId: checkout.ref,
        amount: new Decimal(checkout.amount),
        currency: checkout.currency,
        paymentMethodFingerprint: null,
        customerRef: null,
        paymentMethodRef: null,
        failureReason: kind === 'disputed' ? 'simulated_dispute' : null,
        occurredAt: this.clock.now(),
        rawType: `simulated.payment_${kind}`,
      },
    };
  }

  private digest(value: string): string {
    return hmacHex('sha256', this.config.secret, value).slice(0, 24);
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
