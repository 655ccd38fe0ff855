import { PaymentGatewayError } from '@tradesense/application';

export interface ProviderResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface ProviderRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as is: signatures are computed over these exact bytes. */
  readonly body?: string;
  readonly timeoutMs?: number;
}

/**
 * One JSON call to a provider without an SDK. 2xx answers are returned; a 4xx
 * is the provider refusing (`PAYMENT.PROVIDER_REJECTED`, details carry its
 * answer); network failures, time-outs and 5xx are `PAYMENT.PROVIDER_UNAVAILABLE`
 * (safe to retry with the same idempotency key).
 */
export async function callProvider(provider: string, request: ProviderRequest): Promise<ProviderResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'error',
      signal: AbortSignal.timeout(request.timeoutMs ?? 20_000),
    });
  } catch (cause) {
    throw new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', `${provider} could not be reached`, { provider }, { cause });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // Kept as text: error pages from proxies are not JSON.
  }
  if (response.status >= 500 || response.status === 429) {
    throw new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', `${provider} failed with HTTP ${response.status}`, {
      provider,
      status: response.status,
      body,
    });
  }
  if (response.status >= 400) {
    throw new PaymentGatewayError('PAYMENT.PROVIDER_REJECTED', `${provider} refused the request (HTTP ${response.status})`, {
      provider,
      status: response.status,
      body,
    });
  }
  return { status: response.status, body };
}
