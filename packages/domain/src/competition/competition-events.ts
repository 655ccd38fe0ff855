import type { DomainEvent } from '../shared/domain-event.js';
import type { AwardState } from './competition-types.js';

export type CompetitionCreated = DomainEvent<
  'CompetitionCreated',
  { name: string; registrationOpens: string; registrationCloses: string; starts: string; ends: string; actor: string }
>;
export type CompetitionEntryRegistered = DomainEvent<
  'CompetitionEntryRegistered',
  { entryId: string; userId: string; initialBalance: string; currency: string; paymentReference: string | null }
>;
export type CompetitionEntryDisqualified = DomainEvent<
  'CompetitionEntryDisqualified',
  { entryId: string; userId: string; reason: string; actor: string }
>;
/** A breach of the entry's trading account was overridden: the entry is back in, ranked again. */
export type CompetitionEntryReinstated = DomainEvent<
  'CompetitionEntryReinstated',
  { entryId: string; userId: string; previousReason: string; actor: string; reason: string }
>;
export type CompetitionPrizesAwarded = DomainEvent<
  'CompetitionPrizesAwarded',
  { actor: string; currency: string; awards: AwardState[] }
>;

export type CompetitionEvent =
  | CompetitionCreated
  | CompetitionEntryRegistered
  | CompetitionEntryDisqualified
  | CompetitionEntryReinstated
  | CompetitionPrizesAwarded;
