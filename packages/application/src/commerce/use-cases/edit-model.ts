import type { DomainError, ModelRevision, Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CatalogModelView } from '../shared/catalog-view.js';
import { changeModel } from '../shared/model-change.js';

export interface EditModelInput {
  readonly actorId: string;
  readonly modelId: string;
  /** Omitted parts stay; `rules` and `restrictions` merge field by field; `sizes` replaces the list. */
  readonly revision: ModelRevision;
  readonly reason?: string;
}

/** Admin: revises a model's name, parameters or sizes as a new model version. */
export class EditModel {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(input: EditModelInput): Promise<Result<CatalogModelView, DomainError>> {
    const at = this.clock.now();
    const reason = input.reason ?? '';
    return changeModel(this.uow, {
      action: 'catalog.model_revised',
      actorId: input.actorId,
      modelId: input.modelId,
      at,
      details: { reason },
      apply: (model) => model.revise(input.revision, input.actorId, at, reason),
    });
  }
}
