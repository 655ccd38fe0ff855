import { err, ok, type DomainError, type Result, type User } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import { commerceErrors } from '../commerce-errors.js';

/**
 * Admin actions check the actor's role themselves as well as the HTTP layer:
 * an embedding team calling the use case directly gets the same guarantee.
 */
export async function requireAdmin(tx: TransactionScope, actorId: string, action: string): Promise<Result<User, DomainError>> {
  const actor = await tx.users.findById(actorId);
  if (!actor || actor.role !== 'admin') return err(commerceErrors.forbidden(action));
  return ok(actor);
}
