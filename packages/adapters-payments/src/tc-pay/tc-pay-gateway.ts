import {
  PaymentGatewayError,
  WebhookError,
  type CheckoutRequest,
  type CheckoutSession,
  type Clock,
  type PaymentEventKind,
  type PaymentGateway,
  type PaymentNotice,
  type RefundRequest,
  type RefundResult,
  type WebhookRequest,
} from '@tradesense/application';
import { headerValue } from '../shared/headers.js';
import {
  asObject,
  decimalAt,
  integerAt,
  objectAt,
  optionalStringAt,
  parseJsonObject,
  readResponse,
  readWebhook,
  stringAt,
  type JsonObject,
} from '../shared/json-reader.js';
import { toMajorString } from '../shared/minor-units.js';
import { callProvider } from '../shared/provider-http.js';
import { checkTcPayWebhookSignature, tcPayRequestSignature } from './tc-pay-signature.js';

export interface TcPayGatewayConfig {
  readonly merchantId: string;
  /** Signs API requests. */
  readonly apiSecret: string;
  /** Signs webhooks (a different secret from the API one). */
  readonly webhookSecret: string;
  /** e.g. https://api.tcpay.example */
  readonly apiBaseUrl: string;
  readonly webhookToleranceSeconds?: number;
}

const KINDS: Readonly<Record<string, PaymentEventKind>> = {
  'payment.succeeded': 'payment_succeeded',
  'payment.failed': 'payment_failed',
  'payment.refunded': 'refunded',
  'payment.disputed': 'disputed',
};

/**
 * TC Pay, the local hosted-checkout gateway, over the HMAC-signed protocol of
 * docs/payments.md: signed JSON API calls with idempotency keys, a hosted
 * checkout page per order, and webhooks signed with a timestamp (300 s
 * tolerance) and named by a stable event id.
 */
export class TcPayGateway implements PaymentGateway {
  readonly id = 'tc_pay' as const;
  private readonly baseUrl: string;
  private readonly tolerance: number;

  constructor(
    private readonly config: TcPayGatewayConfig,
    private readonly clock: Clock,
  ) {
    this.baseUrl = config.apiBaseUrl.replace(/\/+$/, '');
    this.tolerance = config.webhookToleranceSeconds ?? 300;
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    if (request.amount.isZero()) {
      throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', 'TC Pay checkouts must charge something', { orderId: request.orderId });
    }
    const body = await this.post('/v1/checkouts', `checkout:${request.orderId}`, {
      merchant_reference: request.orderId,
      amount: toMajorString(request.amount, request.currency),
      currency: request.currency.toUpperCase(),
      description: request.description,
      customer: request.customer,
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
    });
    return readResponse('TC Pay', () => {
      const checkout = asObject(body, 'checkout');
      return { providerReference: stringAt(checkout, 'id'), redirectUrl: stringAt(checkout, 'checkout_url'), clientParameters: {} };
    });
  }

  async parseWebhook(request: WebhookRequest): Promise<PaymentNotice> {
    const header = headerValue(request.headers, 'x-tcpay-signature');
    const check = header ? checkTcPayWebhookSignature(this.config.webhookSecret, header, request.rawBody) : null;
    if (!check?.valid) {
      throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'TC Pay webhook signature does not verify', { provider: 'tc_pay' });
    }
    const age = Math.abs(this.clock.now().getTime() / 1000 - check.timestamp);
    if (age > this.tolerance) {
      throw new WebhookError('WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE', 'TC Pay webhook timestamp is outside the tolerance', {
        provider: 'tc_pay',
        toleranceSeconds: this.tolerance,
      });
    }
    return readWebhook('TC Pay', () => mapTcPayEvent(parseJsonObject(request.rawBody)));
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const body = await this.post(
      `/v1/payments/${encodeURIComponent(request.providerPaymentId)}/refunds`,
      `refund:${request.idempotencyKey}`,
      request.amount ? { amount: toMajorString(request.amount, request.currency), currency: request.currency.toUpperCase() } : {},
    );
    return readResponse('TC Pay', () => {
      const refund = asObject(body, 'refund');
      const status = stringAt(refund, 'status');
      return {
        providerRefundId: stringAt(refund, 'id'),
        status: status === 'succeeded' ? 'succeeded' : status === 'failed' ? 'failed' : 'pending',
        amount: decimalAt(refund, 'amount'),
      };
    });
  }

  private async post(path: string, idempotencyKey: string, payload: unknown): Promise<unknown> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const { body: answer } = await callProvider('TC Pay', {
      method: 'POST',
      url: `${this.baseUrl}${path}`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-tcpay-merchant': this.config.merchantId,
        'x-tcpay-timestamp': String(timestamp),
        'x-tcpay-signature': tcPayRequestSignature(this.config.apiSecret, timestamp, 'POST', path, body),
        'idempotency-key': idempotencyKey,
      },
      body,
    });
    return answer;
  }
}

function mapTcPayEvent(body: JsonObject): PaymentNotice {
  const eventId = stringAt(body, 'id');
  const type = stringAt(body, 'type');
  const kind = KINDS[type];
  if (!kind) return { outcome: 'ignored', provider: 'tc_pay', providerEventId: eventId, rawType: type };
  const data = objectAt(body, 'data');
  return {
    outcome: 'event',
    event: {
      provider: 'tc_pay',
      providerEventId: eventId,
      kind,
      orderId: optionalStringAt(data, 'merchant_reference'),
      providerPaymentId: stringAt(data, 'payment_id'),
      amount: decimalAt(data, kind === 'refunded' ? 'refunded_amount' : 'amount'),
      currency: stringAt(data, 'currency').toUpperCase(),
      paymentMethodFingerprint: optionalStringAt(data, 'payment_method_fingerprint'),
      customerRef: null,
      paymentMethodRef: null,
      failureReason: kind === 'payment_failed' || kind === 'disputed' ? (optionalStringAt(data, 'reason') ?? 'unspecified') : null,
      occurredAt: new Date(integerAt(body, 'created') * 1000),
      rawType: type,
    },
  };
}
