import { err, ok, type DomainError, type Result, type User } from '@tradesense/domain';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { sharedErrors } from './shared-errors.js';

/**
 * Admin actions check the actor's role themselves as well as the HTTP layer,
 * so an embedding team calling the use case directly gets the same guarantee.
 */
export async function requireAdmin(tx: TransactionScope, actorId: string, action: string): Promise<Result<User, DomainError>> {
  const actor = await tx.users.findById(actorId);
  if (!actor || actor.role !== 'admin') return err(sharedErrors.forbidden(action));
  return ok(actor);
}
