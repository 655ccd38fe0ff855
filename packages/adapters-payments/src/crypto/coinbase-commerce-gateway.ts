import {
  PaymentGatewayError,
  WebhookError,
  type CheckoutRequest,
  type CheckoutSession,
  type PaymentEventKind,
  type PaymentGateway,
  type PaymentNotice,
  type RefundResult,
  type WebhookRequest,
} from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { constantTimeEqual, hmacHex } from '../shared/constant-time.js';
import { headerValue } from '../shared/headers.js';
import {
  arrayAt,
  asObject,
  dateAt,
  decimalAt,
  objectAt,
  optionalObjectAt,
  optionalStringAt,
  parseJsonObject,
  readResponse,
  readWebhook,
  stringAt,
  type JsonObject,
} from '../shared/json-reader.js';
import { toMajorString } from '../shared/minor-units.js';
import { callProvider } from '../shared/provider-http.js';

export interface CoinbaseCommerceConfig {
  readonly apiKey: string;
  /** The webhook subscription's shared secret. */
  readonly webhookSharedSecret: string;
  /** Default https://api.commerce.coinbase.com */
  readonly apiBaseUrl?: string;
}

const API_VERSION = '2018-03-22';

/** Charge events the platform acts on; the rest (created, pending, delayed) are progress only. */
const KINDS: Readonly<Record<string, PaymentEventKind>> = {
  'charge:confirmed': 'payment_succeeded',
  // A merchant resolved an underpaid or delayed charge as paid.
  'charge:resolved': 'payment_succeeded',
  'charge:failed': 'payment_failed',
};

/**
 * Crypto payments through Coinbase Commerce's charges API: a fixed-price
 * charge in the order currency with the order id in metadata, the buyer pays
 * on Coinbase's hosted page, and `X-CC-Webhook-Signature` (hex HMAC-SHA256 of
 * the raw body with the shared secret) authenticates notifications. Coinbase
 * Commerce has no refund API: refunds are made by hand in its dashboard.
 */
export class CoinbaseCommerceGateway implements PaymentGateway {
  readonly id = 'crypto' as const;
  private readonly baseUrl: string;

  constructor(private readonly config: CoinbaseCommerceConfig) {
    this.baseUrl = (config.apiBaseUrl ?? 'https://api.commerce.coinbase.com').replace(/\/+$/, '');
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    if (request.amount.isZero()) {
      throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', 'Crypto checkouts must charge something', { orderId: request.orderId });
    }
    const { body } = await callProvider('Coinbase Commerce', {
      method: 'POST',
      url: `${this.baseUrl}/charges`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-cc-api-key': this.config.apiKey,
        'x-cc-version': API_VERSION,
      },
      body: JSON.stringify({
        name: request.description.slice(0, 100),
        description: request.description.slice(0, 200),
        pricing_type: 'fixed_price',
        local_price: { amount: toMajorString(request.amount, request.currency), currency: request.currency.toUpperCase() },
        metadata: { order_id: request.orderId, customer_id: request.customer.id, customer_email: request.customer.email },
        redirect_url: request.successUrl,
        cancel_url: request.cancelUrl,
      }),
    });
    return readResponse('Coinbase Commerce', () => {
      const charge = objectAt(asObject(body, 'response'), 'data');
      return { providerReference: stringAt(charge, 'id'), redirectUrl: stringAt(charge, 'hosted_url'), clientParameters: {} };
    });
  }

  async parseWebhook(request: WebhookRequest): Promise<PaymentNotice> {
    const received = headerValue(request.headers, 'x-cc-webhook-signature');
    const expected = hmacHex('sha256', this.config.webhookSharedSecret, request.rawBody);
    if (!received || !constantTimeEqual(expected, received.toLowerCase())) {
      throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'Coinbase Commerce webhook signature does not verify', { provider: 'crypto' });
    }
    return readWebhook('Coinbase Commerce', () => mapCoinbaseEvent(objectAt(parseJsonObject(request.rawBody), 'event')));
  }

  async refund(): Promise<RefundResult> {
    throw new PaymentGatewayError('PAYMENT.UNSUPPORTED', 'Coinbase Commerce offers no refund API; refund from its dashboard', {
      provider: 'crypto',
    });
  }
}

function mapCoinbaseEvent(event: JsonObject): PaymentNotice {
  const eventId = stringAt(event, 'id');
  const type = stringAt(event, 'type');
  const kind = KINDS[type];
  if (!kind) return { outcome: 'ignored', provider: 'crypto', providerEventId: eventId, rawType: type };
  const charge = objectAt(event, 'data');
  const price = objectAt(objectAt(charge, 'pricing'), 'local');
  const currency = stringAt(price, 'currency').toUpperCase();
  const metadata = optionalObjectAt(charge, 'metadata');
  return {
    outcome: 'event',
    event: {
      provider: 'crypto',
      providerEventId: eventId,
      kind,
      orderId: metadata ? optionalStringAt(metadata, 'order_id') : null,
      providerPaymentId: stringAt(charge, 'id'),
      amount: kind === 'payment_succeeded' ? paidAmount(charge, currency) ?? decimalAt(price, 'amount') : decimalAt(price, 'amount'),
      currency,
      paymentMethodFingerprint: null,
      customerRef: null,
      paymentMethodRef: null,
      failureReason: kind === 'payment_failed' ? failureReason(charge) : null,
      occurredAt: dateAt(event, 'created_at'),
      rawType: type,
    },
  };
}

/**
 * What was actually received, in the order currency: the confirmed payments'
 * local value. Null when the charge lists none (then the priced amount
 * stands), so an underpaid charge resolved by hand shows its real figure.
 */
function paidAmount(charge: JsonObject, currency: string): Decimal | null {
  let total: Decimal | null = null;
  for (const entry of arrayAt(charge, 'payments')) {
    const payment = asObject(entry, 'payment');
    if (optionalStringAt(payment, 'status')?.toUpperCase() !== 'CONFIRMED') continue;
    const local = objectAt(objectAt(payment, 'value'), 'local');
    if (stringAt(local, 'currency').toUpperCase() !== currency) continue;
    total = (total ?? new Decimal(0)).plus(decimalAt(local, 'amount'));
  }
  return total;
}

/** The last timeline entry says why (EXPIRED, UNDERPAID…). */
function failureReason(charge: JsonObject): string {
  const timeline = arrayAt(charge, 'timeline');
  const last = timeline.length > 0 ? asObject(timeline[timeline.length - 1], 'timeline entry') : null;
  return (last && (optionalStringAt(last, 'context') ?? optionalStringAt(last, 'status')))?.toLowerCase() ?? 'failed';
}
