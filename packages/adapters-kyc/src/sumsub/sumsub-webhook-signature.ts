import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookError, type WebhookHeaders, type WebhookRequest } from '@tradesense/application';

/** The digest algorithms Sumsub names in X-Payload-Digest-Alg. */
const ALGORITHMS: Readonly<Record<string, 'sha1' | 'sha256' | 'sha512'>> = {
  HMAC_SHA1_HEX: 'sha1',
  HMAC_SHA256_HEX: 'sha256',
  HMAC_SHA512_HEX: 'sha512',
};

function header(headers: WebhookHeaders, name: string): string | null {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    return value?.length === 1 ? (value[0] ?? null) : null;
  }
  return null;
}

/**
 * Sumsub signs each webhook with X-Payload-Digest: the hex HMAC of the raw
 * body with the webhook secret, the algorithm named in X-Payload-Digest-Alg.
 * An absent or unknown algorithm is refused rather than assumed. Throws
 * `WEBHOOK.SIGNATURE_INVALID` unless the digest matches (constant time).
 */
export function verifySumsubWebhook(webhookSecret: string, request: WebhookRequest): void {
  const refuse = (message: string) => new WebhookError('WEBHOOK.SIGNATURE_INVALID', message, { provider: 'sumsub' });
  const digest = header(request.headers, 'x-payload-digest');
  const algorithm = ALGORITHMS[header(request.headers, 'x-payload-digest-alg') ?? ''];
  if (!digest) throw refuse('Missing X-Payload-Digest header');
  if (!algorithm) throw refuse('Missing or unknown X-Payload-Digest-Alg');
  const expected = Buffer.from(createHmac(algorithm, webhookSecret).update(request.rawBody).digest('hex'), 'utf8');
  const received = Buffer.from(digest.trim().toLowerCase(), 'utf8');
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    throw refuse('Sumsub webhook digest does not verify');
  }
}
