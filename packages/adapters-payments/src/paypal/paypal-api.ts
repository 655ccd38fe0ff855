import {
  ApiError,
  Client,
  ClientCredentialsAuthManager,
  Environment,
  OrdersController,
  PaymentsController,
  type OAuthToken,
} from '@paypal/paypal-server-sdk';
import { PaymentGatewayError } from '@tradesense/application';

export interface PayPalApiConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly environment: 'sandbox' | 'production';
  /** Another API endpoint than the environment's (a PayPal-compatible server, e.g. in tests). */
  readonly apiBaseUrl?: string;
}

const ENVIRONMENT_URLS = {
  sandbox: 'https://api-m.sandbox.paypal.com',
  production: 'https://api-m.paypal.com',
} as const;

type RequestBuilderFactory = ReturnType<Client['getRequestBuilderFactory']>;

/**
 * The official PayPal server SDK, optionally pointed at another base URL. The
 * SDK only knows its two environments, so every request it builds (the OAuth
 * token request included) is re-based through its own request interceptor.
 */
export class PayPalApi {
  readonly orders: OrdersController;
  readonly payments: PaymentsController;
  readonly baseUrl: string;
  private readonly client: Client;
  private token: OAuthToken | undefined;

  constructor(config: PayPalApiConfig) {
    this.baseUrl = (config.apiBaseUrl ?? ENVIRONMENT_URLS[config.environment]).replace(/\/+$/, '');
    const credentials = { oAuthClientId: config.clientId, oAuthClientSecret: config.clientSecret };
    this.client = new Client({
      environment: config.environment === 'production' ? Environment.Production : Environment.Sandbox,
      clientCredentialsAuthCredentials: credentials,
      timeout: 20_000,
    });
    const rebased = { getRequestBuilderFactory: rebase(this.client.getRequestBuilderFactory(), this.baseUrl) };
    // The token manager captured the un-rebased factory at construction; give it the rebased one.
    this.client.clientCredentialsAuthManager = new ClientCredentialsAuthManager(credentials, rebased);
    this.orders = new OrdersController(rebased);
    this.payments = new PaymentsController(rebased);
  }

  /** A bearer token for calls outside the SDK (webhook signature verification), renewed when expired. */
  async accessToken(): Promise<string> {
    try {
      this.token = await this.client.clientCredentialsAuthManager.updateToken(this.token);
    } catch (error) {
      throw paypalFailure(error, 'authentication');
    }
    return this.token.accessToken;
  }
}

function rebase(factory: RequestBuilderFactory, baseUrl: string): () => RequestBuilderFactory {
  const rebased: RequestBuilderFactory = (...args) => {
    const builder = factory(...args);
    builder.interceptRequest((request) => {
      const original = new URL(request.url);
      return { ...request, url: `${baseUrl}${original.pathname}${original.search}` };
    });
    return builder;
  };
  return () => rebased;
}

/** The first `issue` PayPal names in an error answer (e.g. ORDER_NOT_APPROVED). */
export function paypalIssue(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const result = error.result as { details?: { issue?: unknown }[]; name?: unknown } | undefined;
  const issue = result?.details?.[0]?.issue ?? result?.name;
  return typeof issue === 'string' ? issue : null;
}

export function paypalFailure(error: unknown, operation: string): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  if (error instanceof ApiError && error.statusCode < 500 && error.statusCode !== 429) {
    return new PaymentGatewayError(
      'PAYMENT.PROVIDER_REJECTED',
      `PayPal ${operation} failed (HTTP ${error.statusCode})`,
      { provider: 'paypal', status: error.statusCode, issue: paypalIssue(error) },
      { cause: error },
    );
  }
  return new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', `PayPal ${operation} failed`, { provider: 'paypal' }, { cause: error });
}
