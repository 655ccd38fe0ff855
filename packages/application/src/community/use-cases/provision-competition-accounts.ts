import { ok, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import { isTradingPlatformError } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CompetitionAccountProvisioner, ProvisionRequest } from '../shared/competition-account-provisioner.js';

export interface ProvisionCompetitionAccountsInput {
  /** A claim younger than this may still be in the hands of its registration. Default 5 minutes. */
  readonly staleAfterMs?: number;
  readonly limit?: number;
}

export interface ProvisionCompetitionAccountsOutput {
  readonly provisioned: number;
  readonly failed: number;
}

/**
 * Job: finishes competition accounts whose provisioning was interrupted
 * (platform down, process stopped). Each stale claim is taken over with a
 * conditional update first, so two workers never create the same account.
 */
export class ProvisionCompetitionAccounts {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly provisioner: CompetitionAccountProvisioner,
  ) {}

  async execute(input: ProvisionCompetitionAccountsInput = {}): Promise<Result<ProvisionCompetitionAccountsOutput, DomainError>> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - (input.staleAfterMs ?? 5 * 60_000));
    const pending = await this.uow.run((tx) => tx.competitionAccounts.listUnprovisioned(staleBefore, input.limit ?? 50));
    let provisioned = 0;
    let failed = 0;
    for (const claim of pending) {
      const request = await this.uow.run(async (tx): Promise<ProvisionRequest | null> => {
        const competition = await tx.competitions.findById(claim.competitionId);
        const user = await tx.users.findById(claim.userId);
        if (!competition || !user || competition.statusAt(now, this.calendar) === 'ended') return null;
        if (!(await tx.competitionAccounts.reclaim(claim.entryId, claim.claimedAt, now))) return null;
        const profile = user.toState();
        return {
          competitionId: claim.competitionId,
          entryId: claim.entryId,
          userId: claim.userId,
          initialBalance: competition.initialBalance.amount,
          name: profile.displayName ?? profile.email,
          email: profile.email,
          country: profile.country,
          tradingFrom: competition.schedule(this.calendar).startsAt,
        };
      });
      if (!request) continue;
      try {
        if (await this.provisioner.provision(request)) provisioned++;
      } catch (error) {
        if (!isTradingPlatformError(error)) throw error;
        failed++;
      }
    }
    return ok({ provisioned, failed });
  }
}
