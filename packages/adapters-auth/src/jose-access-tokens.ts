import type { AccessClaims, AccessTokens, IssuedAccessToken, VerifiedAccess } from '@tradesense/application';
import { SignJWT, jwtVerify } from 'jose';

export interface AccessTokenSettings {
  /** HMAC secret, at least 32 bytes. */
  readonly secret: string;
  readonly ttlSeconds: number;
  readonly issuer: string;
  readonly audience: string;
}

/** HS256 JWTs with issuer, audience, expiry and the user's role. */
export class JoseAccessTokens implements AccessTokens {
  private readonly key: Uint8Array;

  constructor(private readonly settings: AccessTokenSettings) {
    if (Buffer.byteLength(settings.secret) < 32) throw new RangeError('The JWT secret must have at least 32 bytes');
    this.key = new TextEncoder().encode(settings.secret);
  }

  async issue(claims: AccessClaims, now: Date): Promise<IssuedAccessToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const token = await new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verify(token: string, now: Date): Promise<VerifiedAccess | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        currentDate: now,
      });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || (role !== 'trader' && role !== 'admin') || typeof payload.exp !== 'number') return null;
      return { userId: payload.sub, role, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  }
}
