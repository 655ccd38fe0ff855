import { User } from '../identity/user.js';
import { unwrap } from '../shared/result.js';
import { QA_INSTANT } from './qa-defaults.js';

export type RegisterUser = Parameters<typeof User.register>[0];

/**
 * What `User.register` needs: user-1, a trader from Germany. The password
 * hash is an opaque placeholder: the domain stores what the hashing adapter
 * gives it and never reads it.
 */
export function registerUserInput(overrides: Partial<RegisterUser> = {}): RegisterUser {
  return {
    id: 'user-1',
    email: 'trader@example.com',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$qa-kit$placeholder',
    role: 'trader',
    country: 'DE',
    displayName: 'QA Trader',
    at: QA_INSTANT,
    ...overrides,
  };
}

/** A user just registered, nothing pending. */
export function aUser(overrides: Partial<RegisterUser> = {}): User {
  const user = unwrap(User.register(registerUserInput(overrides)));
  user.pullEvents();
  return user;
}
