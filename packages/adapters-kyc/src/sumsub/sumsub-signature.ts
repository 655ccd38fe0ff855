import { createHmac } from 'node:crypto';

/**
 * Sumsub's App Token request signature: hex HMAC-SHA256 with the secret key
 * over `ts + METHOD + path-with-query + body`, where ts is the unix-seconds
 * value sent in X-App-Access-Ts and body is the exact bytes sent (empty for
 * GET). Signing the bytes that go on the wire, not a re-serialised object,
 * is what makes the signature match.
 */
export function sumsubRequestSignature(secretKey: string, ts: number, method: string, pathWithQuery: string, body: Buffer): string {
  return createHmac('sha256', secretKey).update(`${ts}${method.toUpperCase()}${pathWithQuery}`, 'utf8').update(body).digest('hex');
}
