import { PaymentGatewayError } from '@tradesense/application';
import Stripe from 'stripe';

export interface StripeGatewayConfig {
  /** `sk_live_…` / `sk_test_…` (or a restricted key with Checkout, PaymentIntents, Refunds, Customers). */
  readonly secretKey: string;
  /** The endpoint's signing secret, `whsec_…`. */
  readonly webhookSecret: string;
  /** Another API endpoint than api.stripe.com (a Stripe-compatible server, e.g. in tests). */
  readonly apiBaseUrl?: string;
  /** Maximum age of a signed webhook, in seconds (Stripe's recommendation: 300). */
  readonly webhookToleranceSeconds?: number;
}

export function createStripeClient(config: StripeGatewayConfig): Stripe {
  const endpoint = config.apiBaseUrl ? new URL(config.apiBaseUrl) : null;
  const protocol = endpoint?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(config.secretKey, {
    // Retries are safe: the SDK sends an idempotency key with every POST.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(endpoint && {
      host: endpoint.hostname,
      port: endpoint.port || (protocol === 'http' ? 80 : 443),
      protocol,
    }),
  });
}

/** Stripe's error classes to the port's codes: refusals are final, outages are retryable. */
export function stripeFailure(error: unknown, operation: string): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const retryable =
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      (error.statusCode ?? 0) >= 500;
    return new PaymentGatewayError(
      retryable ? 'PAYMENT.PROVIDER_UNAVAILABLE' : 'PAYMENT.PROVIDER_REJECTED',
      `Stripe ${operation} failed: ${error.message}`,
      { provider: 'stripe', type: error.type, code: error.code ?? null, status: error.statusCode ?? null },
      { cause: error },
    );
  }
  return new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', `Stripe ${operation} failed`, { provider: 'stripe' }, { cause: error });
}
