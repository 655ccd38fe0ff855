import { err, ok, type AwardState, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { communityErrors } from '../community-errors.js';

export interface AwardCompetitionPrizesInput {
  readonly competitionId: string;
  /** The admin who awards; null when a scheduled job does. */
  readonly actorId: string | null;
}

export interface AwardCompetitionPrizesOutput {
  readonly competitionId: string;
  readonly awards: readonly AwardState[];
}

/**
 * Awards the prizes to the final ranks, once, after the end (the domain
 * refuses a second award and an early one). `CompetitionPrizesAwarded` in
 * the outbox carries the awards to payouts and funded-account provisioning.
 */
export class AwardCompetitionPrizes {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(input: AwardCompetitionPrizesInput): Promise<Result<AwardCompetitionPrizesOutput, DomainError>> {
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      if (input.actorId !== null) {
        const admin = await requireAdmin(tx, input.actorId, 'competition.award_prizes');
        if (!admin.ok) return admin;
      }
      const competition = await tx.competitions.findById(input.competitionId);
      if (!competition) return err(communityErrors.competitionNotFound(input.competitionId));
      const awarded = competition.awardPrizes({ actor: input.actorId ?? 'system', at }, this.calendar);
      if (!awarded.ok) return awarded;
      await tx.competitions.save(competition);
      await tx.outbox.add(eventsToOutbox('competition', competition.pullEvents()));
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: input.actorId === null ? 'system' : 'admin',
        action: 'competition.award_prizes',
        subjectType: 'competition',
        subjectId: competition.id,
        details: { awards: awarded.value.map((a) => ({ rank: a.rank, entryId: a.entryId, userId: a.userId, ...a.prize })) },
      });
      return ok({ competitionId: competition.id, awards: awarded.value });
    });
  }
}
