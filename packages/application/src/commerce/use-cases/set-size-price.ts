import type { DomainError, Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CatalogModelView } from '../shared/catalog-view.js';
import { changeModel } from '../shared/model-change.js';

export interface SetSizePriceInput {
  readonly actorId: string;
  readonly modelId: string;
  /** The size's initial balance, e.g. "100000". */
  readonly balance: string;
  /** The new price in the model currency, to the cent, e.g. "45.50". */
  readonly price: string;
}

/** Admin: sets the price of one size (e.g. the admin-set Lite prices) as a new model version. */
export class SetSizePrice {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(input: SetSizePriceInput): Promise<Result<CatalogModelView, DomainError>> {
    const at = this.clock.now();
    return changeModel(this.uow, {
      action: 'catalog.size_price_set',
      actorId: input.actorId,
      modelId: input.modelId,
      at,
      details: { balance: input.balance, price: input.price },
      apply: (model) => model.setSizePrice(input.balance, input.price, input.actorId, at),
    });
  }
}
