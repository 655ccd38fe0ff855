import { constantTimeEqual, hmacHex } from '../shared/constant-time.js';

/**
 * TC Pay request signature (docs/payments.md): hex HMAC-SHA256 with the API
 * secret over `timestamp \n METHOD \n path-with-query \n body`, the body
 * being the exact bytes sent (empty for GET).
 */
export function tcPayRequestSignature(apiSecret: string, timestamp: number, method: string, pathWithQuery: string, body: string): string {
  return hmacHex('sha256', apiSecret, `${timestamp}\n${method.toUpperCase()}\n${pathWithQuery}\n`, body);
}

export type TcPayWebhookCheck = { readonly valid: true; readonly timestamp: number } | { readonly valid: false; readonly timestamp: number | null };

/**
 * TC Pay webhook signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256
 * (webhook secret, t + "." + raw body)>`. Several v1 values may be present
 * while a secret is being rotated; any match counts.
 */
export function checkTcPayWebhookSignature(webhookSecret: string, header: string, rawBody: Buffer): TcPayWebhookCheck {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.split('=', 2).map((piece) => piece.trim());
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return { valid: false, timestamp };
  const expected = hmacHex('sha256', webhookSecret, `${timestamp}.`, rawBody);
  // Every candidate is compared, so the time taken does not depend on which one matched.
  const matches = signatures.map((signature) => constantTimeEqual(expected, signature));
  return { valid: matches.includes(true), timestamp };
}
