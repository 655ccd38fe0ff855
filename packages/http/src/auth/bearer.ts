import type { AccessClaims, AccessTokens, Clock } from '@tradesense/application';
import type { Request } from 'express';

/** The claims of the request's bearer token, or null. */
export async function bearerClaims(req: Request, tokens: AccessTokens, clock: Clock): Promise<AccessClaims | null> {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match?.[1]) return null;
  return tokens.verify(match[1], clock.now());
}
