import { createHmac, sign } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Webhook deliveries built and signed the way each provider documents it,
 * independently of the adapters' verification code, so a test can post the
 * exact bytes and headers a provider would send to `/v1/webhooks/<id>`.
 */
export interface WebhookDelivery {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const JSON_TYPE = { 'content-type': 'application/json' } as const;
const hmacHex = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');

/** Stripe: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(endpoint secret, t + "." + body)>`. */
export function stripeDelivery(secret: string, event: Readonly<Record<string, unknown>>, timestampSeconds: number): WebhookDelivery {
  const body = JSON.stringify(event);
  return { body, headers: { ...JSON_TYPE, 'stripe-signature': `t=${timestampSeconds},v1=${hmacHex(secret, `${timestampSeconds}.${body}`)}` } };
}

/** A Stripe event envelope around one API object. */
export function stripeEvent(id: string, type: string, object: Readonly<Record<string, unknown>>, createdSeconds: number): Record<string, unknown> {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: createdSeconds,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export interface PayPalSigning {
  readonly webhookId: string;
  /** PEM private key of the certificate named by `certUrl`. */
  readonly privateKey: string;
  readonly certUrl: string;
  readonly transmissionId: string;
  readonly transmissionTime: string;
}

/**
 * PayPal: RSA-SHA256 over `transmission id|transmission time|webhook id|crc32
 * of the body (unsigned decimal)`, base64 in PAYPAL-TRANSMISSION-SIG, with the
 * certificate's URL in PAYPAL-CERT-URL.
 */
export function paypalDelivery(signing: PayPalSigning, event: Readonly<Record<string, unknown>>): WebhookDelivery {
  const body = JSON.stringify(event);
  const message = `${signing.transmissionId}|${signing.transmissionTime}|${signing.webhookId}|${crc32(Buffer.from(body))}`;
  return {
    body,
    headers: {
      ...JSON_TYPE,
      'paypal-transmission-id': signing.transmissionId,
      'paypal-transmission-time': signing.transmissionTime,
      'paypal-transmission-sig': sign('sha256', Buffer.from(message), signing.privateKey).toString('base64'),
      'paypal-cert-url': signing.certUrl,
      'paypal-auth-algo': 'SHA256withRSA',
    },
  };
}

/** A PayPal webhook event envelope (Orders v2 / Payments v2 resources). */
export function paypalEvent(id: string, type: string, resourceType: string, resource: Readonly<Record<string, unknown>>, createTime: string): Record<string, unknown> {
  return { id, event_version: '1.0', create_time: createTime, resource_type: resourceType, resource_version: '2.0', event_type: type, summary: type, resource };
}

/** Coinbase Commerce: `X-CC-Webhook-Signature` = hex HMAC-SHA256(shared secret, body); the event sits under `event`. */
export function coinbaseDelivery(
  secret: string,
  event: { readonly id: string; readonly type: string; readonly createdAt: string; readonly charge: Readonly<Record<string, unknown>> },
): WebhookDelivery {
  const body = JSON.stringify({
    attempt_number: 1,
    event: { api_version: '2018-03-22', created_at: event.createdAt, data: event.charge, id: event.id, resource: 'event', type: event.type },
    id: `delivery-${event.id}`,
    scheduled_for: event.createdAt,
  });
  return { body, headers: { ...JSON_TYPE, 'x-cc-webhook-signature': hmacHex(secret, body) } };
}

/** Razorpay: `X-Razorpay-Signature` = hex HMAC-SHA256(webhook secret, body), the event named by `X-Razorpay-Event-Id`. */
export function razorpayDelivery(
  secret: string,
  eventId: string,
  event: string,
  payload: Readonly<Record<string, unknown>>,
  createdSeconds: number,
): WebhookDelivery {
  const body = JSON.stringify({ entity: 'event', account_id: 'acc_BFQ7uQEaa7j2z7', event, contains: Object.keys(payload), payload, created_at: createdSeconds });
  return { body, headers: { ...JSON_TYPE, 'x-razorpay-signature': hmacHex(secret, body), 'x-razorpay-event-id': eventId } };
}

/** Razorpay Checkout's handler signature: hex HMAC-SHA256(key secret, `order_id|payment_id`). */
export const razorpayCheckoutSignature = (keySecret: string, razorpayOrderId: string, paymentId: string): string =>
  hmacHex(keySecret, `${razorpayOrderId}|${paymentId}`);

/** TC Pay (docs/payments.md): `X-TCPay-Signature: t=<unix>,v1=<hex HMAC-SHA256(webhook secret, t + "." + body)>`. */
export function tcPayDelivery(secret: string, event: Readonly<Record<string, unknown>>, timestampSeconds: number): WebhookDelivery {
  const body = JSON.stringify(event);
  return { body, headers: { ...JSON_TYPE, 'x-tcpay-signature': `t=${timestampSeconds},v1=${hmacHex(secret, `${timestampSeconds}.${body}`)}` } };
}

/** What a simulated checkout token carries (docs/payments.md, "Simulated"). */
export interface SimulatedCheckoutClaims {
  readonly ref: string;
  readonly orderId: string;
  readonly amount: string;
  readonly currency: string;
  readonly customerId: string;
  readonly save: boolean;
  readonly expiresAt: number;
}

/** `base64url(JSON claims) . base64url(HMAC-SHA256(secret, "tradesense.simulated-checkout.v1." + payload))`. */
export function simulatedCheckoutToken(secret: string, claims: SimulatedCheckoutClaims): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  const signature = createHmac('sha256', secret).update(`tradesense.simulated-checkout.v1.${payload}`).digest('base64url');
  return `${payload}.${signature}`;
}

/** The claims inside a simulated checkout token (not verified: the test reads what it was given). */
export function simulatedTokenClaims(token: string): SimulatedCheckoutClaims {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as SimulatedCheckoutClaims;
}

/** The simulated provider's notification: the signed token, and what happened to that checkout. */
export function simulatedDelivery(token: string, outcome?: 'fail' | 'refund' | 'dispute'): WebhookDelivery {
  return { body: JSON.stringify({ token, ...(outcome ? { outcome } : {}) }), headers: JSON_TYPE };
}
