import type { User } from '@tradesense/domain';
import type { ClientActivityLog } from './client-activity.js';

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /** Inserts or updates; a stale version fails with ConcurrencyConflict, a taken e-mail with USER.EMAIL_TAKEN. */
  save(user: User): Promise<void>;
}

export interface RefreshTokenRecord {
  readonly id: string;
  readonly userId: string;
  /** Every rotation of one sign-in shares a family; reuse revokes the family. */
  readonly familyId: string;
  readonly tokenHash: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface RefreshTokenRepository {
  add(record: RefreshTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Marks the token used; false when it was already used (a concurrent rotation). */
  markUsed(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  revokeAllForUser(userId: string, at: Date): Promise<void>;
}

export interface PasswordResetRecord {
  readonly tokenHash: string;
  readonly userId: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export interface PasswordResetRepository {
  add(record: PasswordResetRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<PasswordResetRecord | null>;
  markUsed(tokenHash: string, at: Date): Promise<boolean>;
}

export interface IdentityRepositories {
  readonly users: UserRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly passwordResets: PasswordResetRepository;
  readonly clientActivity: ClientActivityLog;
}

// This context's repositories join every transaction (see `ContextRepositories`).
declare module '../../ports/unit-of-work.js' {
  interface ContextRepositories extends IdentityRepositories {}
}
