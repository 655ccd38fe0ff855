import type { DomainError, Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CatalogModelView } from '../shared/catalog-view.js';
import { changeModel } from '../shared/model-change.js';

export interface SizeSwitchInput {
  readonly actorId: string;
  readonly modelId: string;
  /** The size's initial balance, e.g. "200000". */
  readonly balance: string;
}

/** Admin: switches one size on (`enableSize`) or off (`disableSize`) as a new model version. */
export class SetSizeEnabled {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly enabled: boolean,
  ) {}

  execute(input: SizeSwitchInput): Promise<Result<CatalogModelView, DomainError>> {
    const at = this.clock.now();
    return changeModel(this.uow, {
      action: this.enabled ? 'catalog.size_enabled' : 'catalog.size_disabled',
      actorId: input.actorId,
      modelId: input.modelId,
      at,
      details: { balance: input.balance },
      apply: (model) => model.setSizeEnabled(input.balance, this.enabled, input.actorId, at),
    });
  }
}
