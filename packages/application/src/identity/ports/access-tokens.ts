import type { Role } from '@tradesense/domain';
import { token, type Token } from '../../ports/token.js';

export interface AccessClaims {
  readonly userId: string;
  readonly role: Role;
}

/** A verified token's claims and when it stops being valid (a stream closes then). */
export interface VerifiedAccess extends AccessClaims {
  readonly expiresAt: Date;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Short-lived signed access tokens (JWT). */
export interface AccessTokens {
  issue(claims: AccessClaims, now: Date): Promise<IssuedAccessToken>;
  /** The claims of a valid token, or null when it is invalid or expired at `now`. */
  verify(token: string, now: Date): Promise<VerifiedAccess | null>;
}

export const ACCESS_TOKENS: Token<AccessTokens> = token<AccessTokens>('AccessTokens');

/** Opaque secrets (refresh and reset tokens): only their hash is stored. */
export interface OpaqueTokens {
  generate(): { token: string; hash: string };
  hash(token: string): string;
}

export const OPAQUE_TOKENS: Token<OpaqueTokens> = token<OpaqueTokens>('OpaqueTokens');
