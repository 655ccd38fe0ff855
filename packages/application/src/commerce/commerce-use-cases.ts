import type { UseCaseDependencies } from '../use-case-dependencies.js';

/** The use cases of the commerce context, built from plain dependencies. */
export function createCommerceUseCases(deps: UseCaseDependencies) {
  void deps;
  return {};
}
