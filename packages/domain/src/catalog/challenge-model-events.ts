import type { DomainEvent } from '../shared/domain-event.js';

export type ChallengeModelDefined = DomainEvent<'ChallengeModelDefined', { version: number; by: string }>;
/** An admin edit: a new version; running challenges keep the version they froze. */
export type ChallengeModelRevised = DomainEvent<
  'ChallengeModelRevised',
  { fromVersion: number; toVersion: number; by: string; reason: string; changed: string[] }
>;

export type ChallengeModelEvent = ChallengeModelDefined | ChallengeModelRevised;
