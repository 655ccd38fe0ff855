import { err, normalizeEmail, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { identityErrors } from '../identity-errors.js';
import type { OpaqueTokens } from '../ports/access-tokens.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { PasswordStrengthEstimator } from '../ports/password-strength.js';
import { checkNewPassword } from '../shared/password-policy.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';

export const RESET_TOKEN_TTL_MS = 30 * 60_000;

/**
 * Reset by e-mailed link. Asking never reveals whether an account exists;
 * using a link changes the password once and signs every session out.
 */
export class PasswordReset {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrengthEstimator,
    private readonly opaque: OpaqueTokens,
    private readonly clock: Clock,
    private readonly resetUrl: (token: string) => string,
  ) {}

  async request(email: string): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async (tx) => {
      const user = await tx.users.findByEmail(normalizeEmail(email));
      if (!user) return;
      const { token, hash } = this.opaque.generate();
      const expiresAt = new Date(now.getTime() + RESET_TOKEN_TTL_MS);
      await tx.passwordResets.add({ tokenHash: hash, userId: user.id, expiresAt, usedAt: null });
      await tx.outbox.add([
        {
          topic: 'email.password_reset',
          aggregateType: 'user',
          aggregateId: user.id,
          payload: { to: user.email, resetUrl: this.resetUrl(token), expiresAt: expiresAt.toISOString() },
          occurredAt: now,
        },
      ]);
    });
  }

  async complete(token: string, newPassword: string): Promise<Result<void, DomainError>> {
    const hash = this.opaque.hash(token);
    // The owner is looked up first (read only) so the new password can be judged against their e-mail;
    // the link is checked again, and used, in the transaction that changes the password.
    const owner = await this.uow.run(async (tx) => {
      const record = await tx.passwordResets.findByHash(hash);
      return record ? tx.users.findById(record.userId) : null;
    });
    if (owner) {
      const acceptable = checkNewPassword(this.strength, newPassword, { email: owner.email, displayName: owner.toState().displayName });
      if (!acceptable.ok) return acceptable;
    }
    const passwordHash = await this.hasher.hash(newPassword);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const record = await tx.passwordResets.findByHash(hash);
      if (!record || record.usedAt || record.expiresAt <= now) return err(identityErrors.resetInvalid());
      const user = await tx.users.findById(record.userId);
      if (!user || user.id !== owner?.id) return err(identityErrors.resetInvalid());
      if (!(await tx.passwordResets.markUsed(hash, now))) return err(identityErrors.resetInvalid());
      user.changePassword(passwordHash, now);
      await tx.users.save(user);
      await tx.refreshTokens.revokeAllForUser(user.id, now);
      await tx.outbox.add(eventsToOutbox('user', user.pullEvents()));
      return ok(undefined);
    });
  }
}
