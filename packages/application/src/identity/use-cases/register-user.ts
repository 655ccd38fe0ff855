import { User, err, normalizeEmail, ok, type DomainError, type Result, type Role } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { identityErrors } from '../identity-errors.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { PasswordStrengthEstimator } from '../ports/password-strength.js';
import { checkNewPassword } from '../shared/password-policy.js';

export interface RegisterUserInput {
  readonly email: string;
  readonly password: string;
  readonly country: string;
  readonly displayName?: string | null;
  /** Only the platform itself (first-boot seeding, admin tooling) creates admins. */
  readonly role?: Role;
}

export class RegisterUser {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrengthEstimator,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: RegisterUserInput): Promise<Result<{ userId: string }, DomainError>> {
    const acceptable = checkNewPassword(this.strength, input.password, input);
    if (!acceptable.ok) return acceptable;
    const passwordHash = await this.hasher.hash(input.password);
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      if (await tx.users.findByEmail(normalizeEmail(input.email))) return err(identityErrors.emailTaken());
      const registered = User.register({
        id: this.ids.newId(),
        email: input.email,
        passwordHash,
        role: input.role ?? 'trader',
        country: input.country,
        displayName: input.displayName ?? null,
        at,
      });
      if (!registered.ok) return registered;
      const user = registered.value;
      await tx.users.save(user);
      await tx.outbox.add(eventsToOutbox('user', user.pullEvents()));
      return ok({ userId: user.id });
    });
  }
}
