import { randomBytes } from 'node:crypto';
import type { CoinbaseCommerceConfig } from '../crypto/coinbase-commerce-gateway.js';
import type { PayPalGatewayConfig } from '../paypal/paypal-gateway.js';
import type { StripeGatewayConfig } from '../stripe/stripe-client.js';
import type { TcPayGatewayConfig } from '../tc-pay/tc-pay-gateway.js';
import type { RazorpayGatewayConfig } from '../upi/razorpay-gateway.js';

export interface SimulatedSettings {
  /** Signs confirm links; without it (embedded mode) a random secret is drawn per process, so links die with it. */
  readonly secret?: string;
  /** Default `<publicBaseUrl>/v1/payments/simulated/confirm`. */
  readonly confirmUrl?: string;
  readonly linkTtlSeconds?: number;
}

/**
 * Which gateways this deployment offers. A provider is configured when its
 * settings are present; in embedded mode the simulated gateway is always
 * there, in server mode only when `simulated` is given.
 */
export interface PaymentsConfig {
  readonly mode: 'embedded' | 'server';
  /** The platform's public origin, e.g. https://app.example.com (confirm links, the UPI checkout page). */
  readonly publicBaseUrl: string;
  readonly stripe?: StripeGatewayConfig;
  readonly paypal?: PayPalGatewayConfig;
  readonly crypto?: CoinbaseCommerceConfig;
  readonly upi?: RazorpayGatewayConfig;
  readonly tcPay?: TcPayGatewayConfig;
  readonly simulated?: SimulatedSettings;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads one provider's variables: all required ones set → its settings; none
 * set → not configured; some set → a start-up error naming the missing ones
 * (a half-configured gateway would fail on the first payment instead).
 */
function group<T>(env: Env, provider: string, required: readonly string[], build: (value: (name: string) => string) => T): T | undefined {
  const present = required.filter((name) => (env[name] ?? '') !== '');
  if (present.length === 0) return undefined;
  const missing = required.filter((name) => !present.includes(name));
  if (missing.length > 0) throw new Error(`${provider} is partly configured; missing ${missing.join(', ')}`);
  return build((name) => env[name] as string);
}

const optional = (env: Env, name: string): string | undefined => (env[name] ?? '') || undefined;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** The environment variables of docs/payments.md to a `PaymentsConfig`. */
export function paymentsConfigFromEnv(env: Env, context: { mode: 'embedded' | 'server'; publicBaseUrl: string }): PaymentsConfig {
  const base = context.publicBaseUrl.replace(/\/+$/, '');
  const stripe = group(env, 'Stripe', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'], (value) => ({
    secretKey: value('STRIPE_SECRET_KEY'),
    webhookSecret: value('STRIPE_WEBHOOK_SECRET'),
    apiBaseUrl: optional(env, 'STRIPE_API_BASE_URL'),
  }));
  const paypal = group(env, 'PayPal', ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', 'PAYPAL_WEBHOOK_ID'], (value) => ({
    clientId: value('PAYPAL_CLIENT_ID'),
    clientSecret: value('PAYPAL_CLIENT_SECRET'),
    webhookId: value('PAYPAL_WEBHOOK_ID'),
    environment: oneOf(env, 'PAYPAL_ENVIRONMENT', ['sandbox', 'production'], 'sandbox'),
    webhookVerification: oneOf(env, 'PAYPAL_WEBHOOK_VERIFICATION', ['offline', 'api'], 'offline'),
    apiBaseUrl: optional(env, 'PAYPAL_API_BASE_URL'),
  }));
  const crypto = group(env, 'Coinbase Commerce', ['COINBASE_COMMERCE_API_KEY', 'COINBASE_COMMERCE_WEBHOOK_SECRET'], (value) => ({
    apiKey: value('COINBASE_COMMERCE_API_KEY'),
    webhookSharedSecret: value('COINBASE_COMMERCE_WEBHOOK_SECRET'),
    apiBaseUrl: optional(env, 'COINBASE_COMMERCE_API_BASE_URL'),
  }));
  const upi = group(env, 'Razorpay', ['RAZORPAY_KEY_ID', 'RAZORPAY_KEY_SECRET', 'RAZORPAY_WEBHOOK_SECRET'], (value) => ({
    keyId: value('RAZORPAY_KEY_ID'),
    keySecret: value('RAZORPAY_KEY_SECRET'),
    webhookSecret: value('RAZORPAY_WEBHOOK_SECRET'),
    checkoutPageUrl: optional(env, 'RAZORPAY_CHECKOUT_PAGE_URL') ?? `${base}/checkout/upi`,
    apiBaseUrl: optional(env, 'RAZORPAY_API_BASE_URL'),
  }));
  const tcPay = group(env, 'TC Pay', ['TC_PAY_MERCHANT_ID', 'TC_PAY_API_SECRET', 'TC_PAY_WEBHOOK_SECRET', 'TC_PAY_API_BASE_URL'], (value) => ({
    merchantId: value('TC_PAY_MERCHANT_ID'),
    apiSecret: value('TC_PAY_API_SECRET'),
    webhookSecret: value('TC_PAY_WEBHOOK_SECRET'),
    apiBaseUrl: value('TC_PAY_API_BASE_URL'),
  }));
  const simulatedSecret = optional(env, 'SIMULATED_PAYMENTS_SECRET');
  const simulatedWanted = context.mode === 'embedded' || simulatedSecret !== undefined;
  return {
    mode: context.mode,
    publicBaseUrl: base,
    ...(stripe && { stripe }),
    ...(paypal && { paypal }),
    ...(crypto && { crypto }),
    ...(upi && { upi }),
    ...(tcPay && { tcPay }),
    ...(simulatedWanted && { simulated: simulatedSecret ? { secret: simulatedSecret } : {} }),
  };
}

export const randomSimulatedSecret = (): string => randomBytes(32).toString('hex');
