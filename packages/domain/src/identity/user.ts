import { AggregateRoot } from '../shared/aggregate-root.js';
import type { DomainEvent } from '../shared/domain-event.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';

export type Role = 'trader' | 'admin';

export interface UserState {
  readonly id: string;
  /** Normalised: trimmed, lower case. */
  readonly email: string;
  readonly passwordHash: string;
  readonly role: Role;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** Shown on public leaderboards only when the trader opted in. */
  readonly displayName: string | null;
  readonly leaderboardOptIn: boolean;
  readonly createdAt: Date;
  readonly passwordChangedAt: Date;
}

export type UserEvent =
  | DomainEvent<'user.registered', { email: string; role: Role; country: string }>
  | DomainEvent<'user.password_changed', Record<string, never>>
  | DomainEvent<'user.profile_updated', { displayName: string | null; leaderboardOptIn: boolean }>;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const COUNTRY = /^[A-Z]{2}$/;

/** A person who signs in: a trader or an admin. */
export class User extends AggregateRoot<UserEvent> {
  private constructor(private state: UserState) {
    super();
  }

  static register(input: {
    id: string;
    email: string;
    passwordHash: string;
    role: Role;
    country: string;
    displayName?: string | null;
    at: Date;
  }): Result<User, DomainError> {
    const country = input.country.trim().toUpperCase();
    if (!COUNTRY.test(country)) {
      return err(domainError('USER.INVALID_COUNTRY', 'Country must be an ISO 3166-1 alpha-2 code', { country: input.country }));
    }
    const user = new User({
      id: input.id,
      email: normalizeEmail(input.email),
      passwordHash: input.passwordHash,
      role: input.role,
      country,
      displayName: input.displayName?.trim() || null,
      leaderboardOptIn: false,
      createdAt: input.at,
      passwordChangedAt: input.at,
    });
    user.record({
      type: 'user.registered',
      aggregateId: input.id,
      occurredAt: input.at,
      payload: { email: user.state.email, role: input.role, country },
    });
    return ok(user);
  }

  static restore(state: UserState): User {
    return new User(state);
  }

  get id(): string {
    return this.state.id;
  }

  get email(): string {
    return this.state.email;
  }

  get role(): Role {
    return this.state.role;
  }

  get country(): string {
    return this.state.country;
  }

  get passwordHash(): string {
    return this.state.passwordHash;
  }

  changePassword(passwordHash: string, at: Date): void {
    this.state = { ...this.state, passwordHash, passwordChangedAt: at };
    this.recordEvent('user.password_changed', this.id, at, {});
  }

  updateProfile(input: { displayName: string | null; leaderboardOptIn: boolean }, at: Date): Result<void, DomainError> {
    const displayName = input.displayName?.trim() || null;
    if (input.leaderboardOptIn && !displayName) {
      return err(domainError('USER.DISPLAY_NAME_REQUIRED', 'A display name is needed to appear on the leaderboard'));
    }
    this.state = { ...this.state, displayName, leaderboardOptIn: input.leaderboardOptIn };
    this.recordEvent('user.profile_updated', this.id, at, { displayName, leaderboardOptIn: input.leaderboardOptIn });
    return ok(undefined);
  }

  toState(): UserState {
    return { ...this.state };
  }
}
