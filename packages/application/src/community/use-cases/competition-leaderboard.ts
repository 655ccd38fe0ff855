import { err, ok, toCents, Decimal, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { communityErrors } from '../community-errors.js';
import { competitionSummary, roiPercent, type CompetitionSummary } from '../shared/competition-view.js';

export interface CompetitionLeaderboardInput {
  readonly competitionId: string;
  /** Default: every ranked entry. */
  readonly limit?: number;
}

/** One public line: no user id, no e-mail; a name only for traders who opted in. */
export interface CompetitionStandingView {
  readonly rank: number;
  readonly displayName: string | null;
  readonly equity: string;
  /** (equity − initial) / initial as a fraction, 6 decimals. */
  readonly roi: string;
  /** The same in percent, 2 decimals. */
  readonly roiPercent: string;
}

export interface CompetitionLeaderboardView {
  readonly competition: CompetitionSummary;
  /** Latest equity reading applied (null before the first). */
  readonly updatedAt: Date | null;
  readonly standings: readonly CompetitionStandingView[];
  readonly disqualified: number;
}

/** Public query: the ranked standings of a competition. */
export class CompetitionLeaderboardQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(input: CompetitionLeaderboardInput): Promise<Result<CompetitionLeaderboardView, DomainError>> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const competition = await tx.competitions.findById(input.competitionId);
      if (!competition) return err(communityErrors.competitionNotFound(input.competitionId));
      const standings = competition.standings().slice(0, input.limit ?? Number.MAX_SAFE_INTEGER);
      const names = await tx.leaderboardProfiles.publicNames(standings.map((s) => s.userId));
      const entries = competition.entries();
      const started = competition.schedule(this.calendar).startsAt;
      const readings = entries.map((e) => e.equityAt).filter((at) => at >= started);
      return ok({
        competition: competitionSummary(competition.toState(), competition.participantCount, now, this.calendar),
        updatedAt: readings.length === 0 ? null : new Date(Math.max(...readings.map((d) => d.getTime()))),
        standings: standings.map((s) => ({
          rank: s.rank,
          displayName: names.get(s.userId) ?? null,
          equity: toCents(new Decimal(s.equity)),
          roi: s.roi,
          roiPercent: roiPercent(s.roi),
        })),
        disqualified: entries.filter((e) => e.status === 'disqualified').length,
      });
    });
  }
}
