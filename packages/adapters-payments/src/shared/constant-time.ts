import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compares a received signature with the expected one without leaking, through
 * timing, how many leading characters matched. `timingSafeEqual` needs equal
 * lengths; a length mismatch is a mismatch (the length of a hex digest is
 * public anyway).
 */
export function constantTimeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/** Lower-case hex HMAC of the concatenated parts, each taken as exact bytes. */
export function hmacHex(algorithm: 'sha256' | 'sha512' | 'sha1', key: string | Buffer, ...parts: (string | Buffer)[]): string {
  const hmac = createHmac(algorithm, key);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}
