import type {
  PasswordResetRecord,
  PasswordResetRepository,
  RefreshTokenRecord,
  RefreshTokenRepository,
} from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface RefreshRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  issued_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export class PostgresRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly db: Queryable) {}

  async add(r: RefreshTokenRecord): Promise<void> {
    await this.db('refresh_tokens').insert({
      id: r.id, user_id: r.userId, family_id: r.familyId, token_hash: r.tokenHash,
      issued_at: r.issuedAt, expires_at: r.expiresAt, used_at: r.usedAt, revoked_at: r.revokedAt,
    });
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const row = (await this.db('refresh_tokens').where({ token_hash: tokenHash }).first()) as RefreshRow | undefined;
    return row
      ? {
          id: row.id, userId: row.user_id, familyId: row.family_id, tokenHash: row.token_hash,
          issuedAt: row.issued_at, expiresAt: row.expires_at, usedAt: row.used_at, revokedAt: row.revoked_at,
        }
      : null;
  }

  async markUsed(id: string, at: Date): Promise<boolean> {
    return (await this.db('refresh_tokens').where({ id }).whereNull('used_at').update({ used_at: at })) > 0;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.db('refresh_tokens').where({ family_id: familyId }).whereNull('revoked_at').update({ revoked_at: at });
  }

  async revokeAllForUser(userId: string, at: Date): Promise<void> {
    await this.db('refresh_tokens').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: at });
  }
}

export class PostgresPasswordResetRepository implements PasswordResetRepository {
  constructor(private readonly db: Queryable) {}

  async add(r: PasswordResetRecord): Promise<void> {
    await this.db('password_resets').insert({ token_hash: r.tokenHash, user_id: r.userId, expires_at: r.expiresAt, used_at: r.usedAt });
  }

  async findByHash(tokenHash: string): Promise<PasswordResetRecord | null> {
    const row = (await this.db('password_resets').where({ token_hash: tokenHash }).first()) as
      | { token_hash: string; user_id: string; expires_at: Date; used_at: Date | null }
      | undefined;
    return row ? { tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at } : null;
  }

  async markUsed(tokenHash: string, at: Date): Promise<boolean> {
    return (await this.db('password_resets').where({ token_hash: tokenHash }).whereNull('used_at').update({ used_at: at })) > 0;
  }
}
