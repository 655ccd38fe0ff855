import type { Competition, CompetitionState, LocalDate } from '@tradesense/domain';

/** A competition for listings: its settings without the entries, and how many entered. */
export interface CompetitionListing {
  /** `entries` is always empty here: listings never load them. */
  readonly state: CompetitionState;
  readonly participants: number;
}

export interface CompetitionRepository {
  findById(id: string): Promise<Competition | null>;
  /** Inserts or updates the competition and its new or changed entries; a stale version fails with ConcurrencyConflict. */
  save(competition: Competition): Promise<void>;
  /** Every competition, latest start first. */
  list(): Promise<CompetitionListing[]>;
  /** Competitions whose first and last trading days enclose `day`. */
  idsRunningOn(day: LocalDate): Promise<string[]>;
}
