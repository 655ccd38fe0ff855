import type { UseCaseDependencies } from '../use-case-dependencies.js';

/** The use cases of the challenges context, built from plain dependencies. */
export function createChallengesUseCases(deps: UseCaseDependencies) {
  void deps;
  return {};
}
