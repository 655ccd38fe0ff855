import { ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { catalogModelView, type CatalogModelView } from '../shared/catalog-view.js';

export interface ListCatalogInput {
  /** Admin screens also see the sizes that are switched off. */
  readonly includeDisabled?: boolean;
}

/** The models on sale with their enabled sizes, prices, reset prices and rule summary. */
export class ListCatalog {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ListCatalogInput = {}): Promise<Result<{ models: CatalogModelView[] }, DomainError>> {
    const includeDisabled = input.includeDisabled ?? false;
    const models = await this.uow.run((tx) => tx.challengeModels.list());
    return ok({
      models: models
        .map((model) => catalogModelView(model, { includeDisabled }))
        .filter((view) => includeDisabled || view.sizes.length > 0),
    });
  }
}
