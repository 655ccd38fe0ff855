import type { UseCaseDependencies } from '../use-case-dependencies.js';

/** The use cases of the funding context, built from plain dependencies. */
export function createFundingUseCases(deps: UseCaseDependencies) {
  void deps;
  return {};
}
