import { randomBytes } from 'node:crypto';
import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Platform } from './platform.js';

export interface NewAdmin {
  readonly email: string;
  /** Chosen by the operator; a strong random one is generated when absent. */
  readonly password?: string;
  readonly displayName?: string;
  /** ISO 3166-1 alpha-2; admins do not buy, so it only fills the profile. */
  readonly country?: string;
}

/**
 * Creates an admin account: how a server install gets its first admin (and
 * how further admins are added by whoever runs the platform), through the
 * same registration use case and password policy as everyone else.
 */
export async function createAdmin(platform: Platform, input: NewAdmin): Promise<Result<{ userId: string; email: string; password: string; generated: boolean }, DomainError>> {
  const generated = input.password === undefined;
  const password = input.password ?? randomBytes(18).toString('base64url');
  const registered = await platform.useCases.registerUser.execute({
    email: input.email,
    password,
    country: input.country ?? 'GB',
    displayName: input.displayName ?? 'Admin',
    role: 'admin',
  });
  if (!registered.ok) return err(registered.error);
  return ok({ userId: registered.value.userId, email: input.email.trim().toLowerCase(), password, generated });
}
