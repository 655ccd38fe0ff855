import type { CompetitionStatus } from '@tradesense/domain';

/**
 * Which status changes of a competition were already announced. The status
 * itself is derived from the dates; this only makes each announcement (and
 * the end-of-competition work) happen once.
 */
export interface CompetitionMilestoneRepository {
  /** True when the milestone is new and now recorded, false when it was already there. */
  record(competitionId: string, status: CompetitionStatus, at: Date): Promise<boolean>;
  reached(competitionId: string): Promise<CompetitionStatus[]>;
  /** Competitions whose end was not yet recorded. */
  idsNotEnded(): Promise<string[]>;
}
