import { err, ok, toCents, Decimal, type DomainError, type EntryStatus, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { communityErrors } from '../community-errors.js';
import { roiPercent } from '../shared/competition-view.js';

export interface MyCompetitionEntryInput {
  readonly competitionId: string;
  readonly userId: string;
}

export interface MyCompetitionEntryView {
  readonly entryId: string;
  readonly status: EntryStatus;
  readonly registeredAt: Date;
  /** Null while disqualified. */
  readonly rank: number | null;
  readonly equity: string;
  readonly roiPercent: string;
  readonly disqualification: { readonly reason: string; readonly at: Date } | null;
  /** Null while the account is being provisioned. */
  readonly tradingLogin: string | null;
}

/** Query: the caller's own entry in a competition, with its trading login. */
export class MyCompetitionEntryQuery {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: MyCompetitionEntryInput): Promise<Result<MyCompetitionEntryView, DomainError>> {
    return this.uow.run(async (tx) => {
      const competition = await tx.competitions.findById(input.competitionId);
      if (!competition) return err(communityErrors.competitionNotFound(input.competitionId));
      const entry = competition.entryOf(input.userId);
      if (!entry) return err(communityErrors.entryNotFound(input.competitionId));
      const standing = competition.standings().find((s) => s.entryId === entry.id);
      const initial = competition.initialBalance.amount;
      const roi = new Decimal(entry.equity).minus(initial).dividedBy(initial).toFixed(6, Decimal.ROUND_HALF_UP);
      const account = await tx.competitionAccounts.findByEntry(entry.id);
      return ok({
        entryId: entry.id,
        status: entry.status,
        registeredAt: entry.registeredAt,
        rank: standing?.rank ?? null,
        equity: toCents(new Decimal(entry.equity)),
        roiPercent: roiPercent(roi),
        disqualification: entry.disqualification ? { reason: entry.disqualification.reason, at: entry.disqualification.at } : null,
        tradingLogin: account?.login ?? null,
      });
    });
  }
}
