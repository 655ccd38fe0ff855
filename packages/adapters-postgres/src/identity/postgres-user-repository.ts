import { DomainError, User, type UserState } from '@tradesense/domain';
import type { UserRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { isUniqueViolation } from '../shared/pg-errors.js';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: UserState['role'];
  country: string;
  display_name: string | null;
  leaderboard_opt_in: boolean;
  created_at: Date;
  password_changed_at: Date;
  version: number;
}

export const userMapper = {
  toRow: (s: UserState) => ({
    email: s.email,
    password_hash: s.passwordHash,
    role: s.role,
    country: s.country,
    display_name: s.displayName,
    leaderboard_opt_in: s.leaderboardOptIn,
    created_at: s.createdAt,
    password_changed_at: s.passwordChangedAt,
  }),
  toState: (r: UserRow): UserState => ({
    id: r.id,
    email: r.email,
    passwordHash: r.password_hash,
    role: r.role,
    country: r.country,
    displayName: r.display_name,
    leaderboardOptIn: r.leaderboard_opt_in,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
  }),
};

export class PostgresUserRepository implements UserRepository {
  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findById(id: string): Promise<User | null> {
    return this.one(await this.db('users').where({ id }).first());
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.one(await this.db('users').where({ email }).first());
  }

  async save(user: User): Promise<void> {
    const state = user.toState();
    try {
      await this.versions.save(this.db, 'users', 'user', user, state.id, userMapper.toRow(state));
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_unique')) {
        throw new DomainError('USER.EMAIL_TAKEN', 'An account with this e-mail already exists');
      }
      throw error;
    }
  }

  private one(row: UserRow | undefined): User | null {
    return row ? this.versions.loaded(User.restore(userMapper.toState(row)), row.version) : null;
  }
}
