import { err, ok, type ChallengeModel, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { commerceErrors } from '../commerce-errors.js';
import { catalogModelView, type CatalogModelView } from './catalog-view.js';

export interface ModelChangeRequest {
  readonly action: string;
  readonly actorId: string;
  readonly modelId: string;
  readonly at: Date;
  /** What the admin asked for, kept in the audit entry beside before/after. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly apply: (model: ChallengeModel) => Result<void, DomainError>;
}

/**
 * One admin edit of a model: a new model version, its event in the outbox
 * and an audit entry with the model before and after, in one transaction.
 * Running challenges keep the rule snapshot they froze.
 */
export function changeModel(uow: UnitOfWork, request: ModelChangeRequest): Promise<Result<CatalogModelView, DomainError>> {
  return uow.run(async (tx) => {
    const admin = await requireAdmin(tx, request.actorId, request.action);
    if (!admin.ok) return admin;
    const model = await tx.challengeModels.findById(request.modelId);
    if (!model) return err(commerceErrors.modelNotFound(request.modelId));
    const before = model.toState();
    const changed = request.apply(model);
    if (!changed.ok) return changed;
    await tx.challengeModels.save(model, request.at);
    await tx.outbox.add(eventsToOutbox('challenge_model', model.pullEvents()));
    await tx.audit.append({
      at: request.at,
      actorId: request.actorId,
      actorRole: 'admin',
      action: request.action,
      subjectType: 'challenge_model',
      subjectId: request.modelId,
      details: { ...request.details, before, after: model.toState() },
    });
    return ok(catalogModelView(model, { includeDisabled: true }));
  });
}
