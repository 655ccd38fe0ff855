import { ok, type CompetitionStatus, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { competitionSummary, type CompetitionSummary } from '../shared/competition-view.js';

export interface ListCompetitionsInput {
  /** Only competitions in this status now. */
  readonly status?: CompetitionStatus;
}

/** Query: competitions with their status now, latest start first. */
export class ListCompetitions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(input: ListCompetitionsInput = {}): Promise<Result<{ competitions: CompetitionSummary[] }, DomainError>> {
    const now = this.clock.now();
    const listings = await this.uow.run((tx) => tx.competitions.list());
    const competitions = listings
      .map((l) => competitionSummary(l.state, l.participants, now, this.calendar))
      .filter((c) => input.status === undefined || c.status === input.status);
    return ok({ competitions });
  }
}
