import { KycProviderError, type Clock } from '@tradesense/application';
import { sumsubRequestSignature } from './sumsub-signature.js';

export interface SumsubApiConfig {
  /** App token (X-App-Token). */
  readonly appToken: string;
  /** The app token's secret key, which signs requests. */
  readonly secretKey: string;
  /** Origin of the API; default https://api.sumsub.com. */
  readonly apiBaseUrl?: string;
}

export interface SumsubResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Signed JSON calls to the Sumsub API; failures become `KycProviderError`. */
export class SumsubClient {
  private readonly baseUrl: string;

  constructor(
    private readonly config: SumsubApiConfig,
    private readonly clock: Clock,
  ) {
    this.baseUrl = (config.apiBaseUrl ?? 'https://api.sumsub.com').replace(/\/+$/, '');
  }

  /** `expected` lists non-2xx statuses the caller handles itself (e.g. 409 for an existing applicant). */
  async request(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown, expected: readonly number[] = []): Promise<SumsubResponse> {
    const url = new URL(`${this.baseUrl}${pathWithQuery}`);
    const body = payload === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(payload), 'utf8');
    const ts = Math.floor(this.clock.now().getTime() / 1000);
    // The signature covers the path exactly as it goes on the wire (after URL normalisation).
    const signature = sumsubRequestSignature(this.config.secretKey, ts, method, `${url.pathname}${url.search}`, body);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(payload !== undefined && { 'content-type': 'application/json' }),
          'x-app-token': this.config.appToken,
          'x-app-access-ts': String(ts),
          'x-app-access-sig': signature,
        },
        ...(payload !== undefined && { body }),
        redirect: 'error',
        signal: AbortSignal.timeout(20_000),
      });
    } catch (cause) {
      throw new KycProviderError('KYC.PROVIDER_UNAVAILABLE', 'Sumsub could not be reached', { provider: 'sumsub' }, { cause });
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Proxies answer HTML; kept as text for the error details.
    }
    if (response.ok || expected.includes(response.status)) return { status: response.status, body: parsed };
    const details = { provider: 'sumsub', status: response.status, answer: parsed };
    if (response.status >= 500 || response.status === 429) {
      throw new KycProviderError('KYC.PROVIDER_UNAVAILABLE', `Sumsub failed with HTTP ${response.status}`, details);
    }
    throw new KycProviderError('KYC.PROVIDER_REJECTED', `Sumsub refused ${method} ${url.pathname} (HTTP ${response.status})`, details);
  }
}
