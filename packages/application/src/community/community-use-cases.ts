import type { UseCaseDependencies } from '../use-case-dependencies.js';

/** The use cases of the community context, built from plain dependencies. */
export function createCommunityUseCases(deps: UseCaseDependencies) {
  void deps;
  return {};
}
