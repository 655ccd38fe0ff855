import { err, normalizeEmail, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { identityErrors } from '../identity-errors.js';
import { clientActivityEntry, NO_CLIENT, type ClientContext } from '../ports/client-activity.js';
import type { AccessTokens, OpaqueTokens } from '../ports/access-tokens.js';
import type { PasswordHasher } from '../ports/password-hasher.js';

export interface Session {
  readonly userId: string;
  readonly role: 'trader' | 'admin';
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
}

export interface SessionPolicy {
  readonly refreshTtlMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { refreshTtlMs: 30 * 24 * 3_600_000 };

/**
 * Sign-in, refresh and sign-out. Refresh tokens rotate on every use; a token
 * presented a second time means it leaked, so the whole family (every token
 * descended from that sign-in) is revoked. Each session issued is recorded
 * with where its client came from, in the same transaction as its refresh
 * token: a sign-in that failed leaves no entry, one that succeeded always has
 * one.
 */
export class Sessions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokens,
    private readonly opaque: OpaqueTokens,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  async signIn(email: string, password: string, client: ClientContext = NO_CLIENT): Promise<Result<Session, DomainError>> {
    const user = await this.uow.run((tx) => tx.users.findByEmail(normalizeEmail(email)));
    // Unknown e-mails cost one hash too, so the answer time does not tell
    // which e-mails have an account.
    const valid = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.hash(password).then(() => false);
    if (!user || !valid) return err(identityErrors.invalidCredentials());
    const now = this.clock.now();
    return ok(await this.uow.run((tx) => this.issue(tx, user.id, user.role, this.ids.newId(), now, 'sign_in', client)));
  }

  async refresh(refreshToken: string, client: ClientContext = NO_CLIENT): Promise<Result<Session, DomainError>> {
    const now = this.clock.now();
    const hash = this.opaque.hash(refreshToken);
    return this.uow.run(async (tx) => {
      const record = await tx.refreshTokens.findByHash(hash);
      if (!record || record.revokedAt) return err(identityErrors.refreshInvalid());
      if (record.usedAt || !(await tx.refreshTokens.markUsed(record.id, now))) {
        await tx.refreshTokens.revokeFamily(record.familyId, now);
        await tx.audit.append({
          at: now, actorId: record.userId, actorRole: 'trader', action: 'auth.refresh_reused',
          subjectType: 'user', subjectId: record.userId, details: { familyId: record.familyId },
        });
        return err(identityErrors.refreshReused());
      }
      if (record.expiresAt <= now) return err(identityErrors.refreshExpired());
      const user = await tx.users.findById(record.userId);
      if (!user) return err(identityErrors.refreshInvalid());
      return ok(await this.issue(tx, user.id, user.role, record.familyId, now, 'refresh', client));
    });
  }

  async signOut(refreshToken: string): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async (tx) => {
      const record = await tx.refreshTokens.findByHash(this.opaque.hash(refreshToken));
      if (record) await tx.refreshTokens.revokeFamily(record.familyId, now);
    });
  }

  private async issue(
    tx: TransactionScope,
    userId: string,
    role: 'trader' | 'admin',
    familyId: string,
    now: Date,
    kind: 'sign_in' | 'refresh',
    client: ClientContext,
  ): Promise<Session> {
    const access = await this.accessTokens.issue({ userId, role }, now);
    const { token, hash } = this.opaque.generate();
    const refreshTokenExpiresAt = new Date(now.getTime() + this.policy.refreshTtlMs);
    await tx.refreshTokens.add({
      id: this.ids.newId(), userId, familyId, tokenHash: hash, issuedAt: now,
      expiresAt: refreshTokenExpiresAt, usedAt: null, revokedAt: null,
    });
    await tx.clientActivity.record(clientActivityEntry(userId, kind, null, client, now));
    return {
      userId, role, accessToken: access.token, accessTokenExpiresAt: access.expiresAt,
      refreshToken: token, refreshTokenExpiresAt,
    };
  }
}
