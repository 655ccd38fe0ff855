import { verify, X509Certificate } from 'node:crypto';
import { WebhookError, type Clock, type WebhookRequest } from '@tradesense/application';
import { headerValue } from '../shared/headers.js';
import { callProvider } from '../shared/provider-http.js';
import { crc32 } from './crc32.js';
import type { PayPalApi } from './paypal-api.js';
import { allowedCertificateUrl, type CertificateFetcher } from './paypal-certificates.js';

/** Resolves when the delivery is genuine; throws `WebhookError` otherwise. */
export interface PayPalWebhookVerifier {
  verify(request: WebhookRequest): Promise<void>;
}

interface TransmissionHeaders {
  readonly transmissionId: string;
  readonly transmissionTime: string;
  readonly transmissionSig: string;
  readonly certUrl: string;
  readonly authAlgo: string;
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new WebhookError('WEBHOOK.SIGNATURE_INVALID', message, { provider: 'paypal', ...details });

function transmissionHeaders(request: WebhookRequest): TransmissionHeaders {
  const read = (name: string) => {
    const value = headerValue(request.headers, name);
    if (!value) throw invalid(`Missing ${name} header`);
    return value;
  };
  return {
    transmissionId: read('paypal-transmission-id'),
    transmissionTime: read('paypal-transmission-time'),
    transmissionSig: read('paypal-transmission-sig'),
    certUrl: read('paypal-cert-url'),
    authAlgo: read('paypal-auth-algo'),
  };
}

/**
 * PayPal's offline scheme: the signature is RSA-SHA256 over
 * `transmissionId|transmissionTime|webhookId|crc32(rawBody)`, made with the
 * key of the certificate at PAYPAL-CERT-URL. The URL must be on PayPal's
 * hosts and the certificate valid now.
 */
export class OfflinePayPalWebhookVerifier implements PayPalWebhookVerifier {
  constructor(
    private readonly webhookId: string,
    private readonly fetchCertificate: CertificateFetcher,
    private readonly clock: Clock,
  ) {}

  async verify(request: WebhookRequest): Promise<void> {
    const headers = transmissionHeaders(request);
    if (headers.authAlgo !== 'SHA256withRSA') throw invalid('Unsupported PayPal signing algorithm', { authAlgo: headers.authAlgo });
    const url = allowedCertificateUrl(headers.certUrl);
    if (!url) throw invalid('PayPal certificate URL is not on an allowed PayPal host', { certUrl: headers.certUrl });
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(await this.fetchCertificate(url));
    } catch (cause) {
      throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'PayPal signing certificate could not be loaded', {
        provider: 'paypal',
        certUrl: url.href,
        cause: String(cause),
      });
    }
    const now = this.clock.now().getTime();
    // validFrom/validTo are OpenSSL dates ("Nov 23 23:00:00 2026 GMT"), which Date parses.
    if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) {
      throw invalid('PayPal signing certificate is not valid now', { certUrl: url.href });
    }
    const message = `${headers.transmissionId}|${headers.transmissionTime}|${this.webhookId}|${crc32(request.rawBody)}`;
    const signature = Buffer.from(headers.transmissionSig, 'base64');
    if (!verify('sha256', Buffer.from(message, 'utf8'), certificate.publicKey, signature)) {
      throw invalid('PayPal webhook signature does not verify');
    }
  }
}

/**
 * PayPal's online scheme: POST /v1/notifications/verify-webhook-signature
 * with the transmission headers and the event, answered SUCCESS or FAILURE.
 * Costs a round trip per delivery but needs no certificate handling.
 */
export class ApiPayPalWebhookVerifier implements PayPalWebhookVerifier {
  constructor(
    private readonly webhookId: string,
    private readonly api: PayPalApi,
  ) {}

  async verify(request: WebhookRequest): Promise<void> {
    const headers = transmissionHeaders(request);
    let event: unknown;
    try {
      event = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      throw invalid('PayPal webhook body is not JSON');
    }
    const { body } = await callProvider('paypal', {
      method: 'POST',
      url: `${this.api.baseUrl}/v1/notifications/verify-webhook-signature`,
      headers: { authorization: `Bearer ${await this.api.accessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        auth_algo: headers.authAlgo,
        cert_url: headers.certUrl,
        transmission_id: headers.transmissionId,
        transmission_sig: headers.transmissionSig,
        transmission_time: headers.transmissionTime,
        webhook_id: this.webhookId,
        webhook_event: event,
      }),
    });
    const status = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['verification_status'] : undefined;
    if (status !== 'SUCCESS') throw invalid('PayPal did not confirm the webhook signature', { verificationStatus: status ?? null });
  }
}
