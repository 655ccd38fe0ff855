import type { AccessTokens, Clock, VerifiedAccess } from '@tradesense/application';
import type { Request } from 'express';

/** The token of an `Authorization: Bearer …` header value, or null when it is not one. */
export function bearerToken(header: string): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  return match?.[1] ?? null;
}

/** The claims of the request's bearer token, or null. */
export async function bearerClaims(req: Request, tokens: AccessTokens, clock: Clock): Promise<VerifiedAccess | null> {
  const header = req.headers.authorization;
  if (!header) return null;
  const token = bearerToken(header);
  return token ? tokens.verify(token, clock.now()) : null;
}
