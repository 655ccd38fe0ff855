import type { AccessTokens, Clock, VerifiedAccess } from '@tradesense/application';
import type { IncomingMessage } from 'node:http';
import { bearerToken } from '../auth/bearer.js';

/**
 * The access token of an upgrade request: the Authorization header when
 * sent (a malformed one is not overridden by the query), else the
 * `access_token` query parameter, since browsers cannot set headers on a
 * WebSocket.
 */
export function upgradeToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (header !== undefined) return bearerToken(header);
  const query = new URL(req.url ?? '/', 'http://stream.invalid').searchParams.get('access_token');
  return query ? query : null;
}

/** The caller's verified access, or null for a missing, invalid or expired token. */
export async function authenticateUpgrade(req: IncomingMessage, tokens: AccessTokens, clock: Clock): Promise<VerifiedAccess | null> {
  const token = upgradeToken(req);
  return token ? tokens.verify(token, clock.now()) : null;
}
