import { PaymentGatewayError } from '@tradesense/application';
import Razorpay from 'razorpay';

export interface RazorpayApiConfig {
  readonly keyId: string;
  readonly keySecret: string;
  /** Another API endpoint than https://api.razorpay.com (a Razorpay-compatible server, e.g. in tests). */
  readonly apiBaseUrl?: string;
}

/**
 * The official SDK. Its constructor fixes the host, but every call goes
 * through one axios instance (`api.rq`) whose `baseURL` is that host; moving
 * it is the SDK's only seam for another endpoint. Checked, so an SDK upgrade
 * that changes the shape fails loudly at start-up instead of calling Razorpay.
 */
export function createRazorpayClient(config: RazorpayApiConfig): Razorpay {
  const client = new Razorpay({ key_id: config.keyId, key_secret: config.keySecret });
  if (config.apiBaseUrl) {
    const transport = (client.api as unknown as { rq?: { defaults?: { baseURL?: string } } }).rq;
    if (!transport?.defaults || typeof transport.defaults.baseURL !== 'string') {
      throw new Error('This razorpay SDK version does not expose api.rq.defaults.baseURL; cannot use RAZORPAY_API_BASE_URL');
    }
    transport.defaults.baseURL = config.apiBaseUrl.replace(/\/+$/, '');
  }
  return client;
}

/** The SDK rejects with `{ statusCode, error: { code, description } }` for answers, and with the raw error otherwise. */
export function razorpayFailure(error: unknown, operation: string): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  const answer = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown; error?: unknown }) : {};
  const status = typeof answer.statusCode === 'number' ? answer.statusCode : Number(answer.statusCode);
  if (Number.isInteger(status) && status >= 400 && status < 500 && status !== 429) {
    const detail = (answer.error ?? {}) as { code?: unknown; description?: unknown };
    return new PaymentGatewayError(
      'PAYMENT.PROVIDER_REJECTED',
      `Razorpay ${operation} failed: ${String(detail.description ?? 'refused')}`,
      { provider: 'upi', status, code: detail.code ?? null },
    );
  }
  return new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', `Razorpay ${operation} failed`, { provider: 'upi' }, { cause: error });
}
