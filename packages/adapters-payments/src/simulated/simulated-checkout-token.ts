import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../shared/constant-time.js';

/** What a simulated checkout link carries, signed so nobody can mint or alter one. */
export interface SimulatedCheckout {
  readonly ref: string;
  readonly orderId: string;
  /** Major units as a decimal string, exact. */
  readonly amount: string;
  readonly currency: string;
  readonly customerId: string;
  readonly save: boolean;
  /** Unix seconds after which the link no longer completes anything. */
  readonly expiresAt: number;
}

const DOMAIN = 'tradesense.simulated-checkout.v1.';

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(DOMAIN).update(payload).digest('base64url');

export function issueCheckoutToken(secret: string, checkout: SimulatedCheckout): string {
  const payload = Buffer.from(JSON.stringify(checkout), 'utf8').toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export type TokenCheck =
  | { readonly valid: true; readonly checkout: SimulatedCheckout }
  | { readonly valid: false; readonly reason: 'malformed' | 'signature' | 'expired' };

/** Verifies the signature first (constant time), then the shape, then the expiry against `nowSeconds`. */
export function checkCheckoutToken(secret: string, token: string, nowSeconds: number): TokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { valid: false, reason: 'malformed' };
  if (!constantTimeEqual(sign(secret, payload), signature)) return { valid: false, reason: 'signature' };
  let checkout: SimulatedCheckout;
  try {
    checkout = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SimulatedCheckout;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (typeof checkout.ref !== 'string' || typeof checkout.expiresAt !== 'number') return { valid: false, reason: 'malformed' };
  if (nowSeconds > checkout.expiresAt) return { valid: false, reason: 'expired' };
  return { valid: true, checkout };
}
