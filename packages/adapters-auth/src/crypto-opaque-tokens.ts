import type { OpaqueTokens } from '@tradesense/application';
import { createHash, randomBytes } from 'node:crypto';

/** 256-bit random tokens; the database keeps only their SHA-256. */
export const cryptoOpaqueTokens: OpaqueTokens = {
  generate() {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: sha256(token) };
  },
  hash: sha256,
};

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
