import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import { isTradingPlatformError, type TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { communityErrors } from '../community-errors.js';

export interface DisqualifyCompetitionEntryInput {
  readonly actorId: string;
  readonly competitionId: string;
  readonly entryId: string;
  readonly reason: string;
}

/** Admin: disqualifies an entry (kept, marked, with the reason; audit-logged) and stops its trading. */
export class DisqualifyCompetitionEntry {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly platform: TradingPlatform,
  ) {}

  async execute(input: DisqualifyCompetitionEntryInput): Promise<Result<{ entryId: string }, DomainError>> {
    const reason = input.reason.trim();
    if (reason === '') return err(communityErrors.reasonRequired());
    const at = this.clock.now();
    const done = await this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'competition.disqualify_entry');
      if (!admin.ok) return admin;
      const competition = await tx.competitions.findById(input.competitionId);
      if (!competition) return err(communityErrors.competitionNotFound(input.competitionId));
      const disqualified = competition.disqualify({ entryId: input.entryId, reason, actor: input.actorId, at });
      if (!disqualified.ok) return disqualified;
      await tx.competitions.save(competition);
      await tx.outbox.add(eventsToOutbox('competition', competition.pullEvents()));
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: 'admin',
        action: 'competition.disqualify_entry',
        subjectType: 'competition',
        subjectId: competition.id,
        details: { entryId: input.entryId, reason },
      });
      return ok(await tx.competitionAccounts.findByEntry(input.entryId));
    });
    if (!done.ok) return done;
    const account = done.value;
    if (account?.login) {
      try {
        await this.platform.disableTrading(account.login);
        await this.uow.run((tx) => tx.competitionAccounts.markTradingDisabled([account.entryId], this.clock.now()));
      } catch (error) {
        // The end-of-competition work switches it off if the platform is unavailable now.
        if (!isTradingPlatformError(error)) throw error;
      }
    }
    return ok({ entryId: input.entryId });
  }
}
