import type { Clock } from './ports/clock.js';
import type { IdGenerator } from './ports/id-generator.js';
import { token, type Token } from './ports/token.js';
import type { UnitOfWork } from './ports/unit-of-work.js';
import type { AccessTokens, OpaqueTokens } from './identity/ports/access-tokens.js';
import type { PasswordHasher } from './identity/ports/password-hasher.js';
import { PasswordReset } from './identity/use-cases/password-reset.js';
import { RegisterUser } from './identity/use-cases/register-user.js';
import { Sessions, type SessionPolicy } from './identity/use-cases/sessions.js';

/** Ports and settings every use case may need; the composition root fills it. */
export interface UseCaseDependencies {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly passwordHasher: PasswordHasher;
  readonly accessTokens: AccessTokens;
  readonly opaqueTokens: OpaqueTokens;
  readonly sessionPolicy: SessionPolicy;
  /** Absolute links put into e-mails and documents. */
  readonly links: { readonly passwordReset: (token: string) => string };
}

/**
 * Builds every use case from plain dependencies: no container needed, so an
 * embedding team can call this directly.
 */
export function createUseCases(deps: UseCaseDependencies) {
  return {
    registerUser: new RegisterUser(deps.uow, deps.passwordHasher, deps.ids, deps.clock),
    sessions: new Sessions(deps.uow, deps.passwordHasher, deps.accessTokens, deps.opaqueTokens, deps.ids, deps.clock, deps.sessionPolicy),
    passwordReset: new PasswordReset(deps.uow, deps.passwordHasher, deps.opaqueTokens, deps.clock, deps.links.passwordReset),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;

export const USE_CASES: Token<UseCases> = token<UseCases>('UseCases');
