import { ProhibitedCountries, err, ok, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import { isTradingPlatformError } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { communityErrors } from '../community-errors.js';
import type { CompetitionAccountProvisioner, ProvisionRequest } from '../shared/competition-account-provisioner.js';

export interface RegisterForCompetitionInput {
  readonly competitionId: string;
  readonly userId: string;
  /**
   * Reference of the paid entry fee (e.g. the paid order's id); required
   * when the competition has a fee. Taken as given: the caller vouches that
   * it was paid.
   */
  readonly paymentReference?: string | null;
}

export interface CompetitionTradingAccount {
  readonly login: string;
  /** Shown once: the firm does not store trading passwords. */
  readonly password: string;
  readonly investorPassword: string;
  readonly group: string;
}

export interface RegisterForCompetitionOutput {
  readonly competitionId: string;
  readonly entryId: string;
  /** Null when the platform could not create the account now; provisioning is retried later. */
  readonly tradingAccount: CompetitionTradingAccount | null;
}

/**
 * Registers a trader (window, once, capacity, prohibited countries, entry
 * fee, all decided by the domain), then provisions the competition account
 * with the initial balance. The entry and the claim on its account commit
 * together; the platform call follows the commit.
 */
export class RegisterForCompetition {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly provisioner: CompetitionAccountProvisioner,
  ) {}

  async execute(input: RegisterForCompetitionInput): Promise<Result<RegisterForCompetitionOutput, DomainError>> {
    const registered = await retryOnConflict(() => this.register(input));
    if (!registered.ok) return registered;
    const { entryId, provision } = registered.value;
    let tradingAccount: CompetitionTradingAccount | null = null;
    try {
      const credentials = await this.provisioner.provision(provision);
      if (credentials) tradingAccount = { ...credentials };
    } catch (error) {
      // The entry stands; the unfinished claim is picked up by provisionCompetitionAccounts.
      if (!isTradingPlatformError(error)) throw error;
    }
    return ok({ competitionId: input.competitionId, entryId, tradingAccount });
  }

  private register(input: RegisterForCompetitionInput): Promise<Result<{ entryId: string; provision: ProvisionRequest }, DomainError>> {
    return this.uow.run(async (tx) => {
      const at = this.clock.now();
      const user = await tx.users.findById(input.userId);
      if (!user) return err(sharedErrors.userNotFound(input.userId));
      const competition = await tx.competitions.findById(input.competitionId);
      if (!competition) return err(communityErrors.competitionNotFound(input.competitionId));
      // The admin-edited list commerce keeps (seeded with the rule book's countries).
      const prohibited = ProhibitedCountries.of(await tx.prohibitedCountries.list());
      const entry = competition.register(
        {
          entryId: this.ids.newId(),
          userId: user.id,
          country: user.country,
          paymentReference: input.paymentReference ?? null,
          at,
        },
        this.calendar,
        prohibited,
      );
      if (!entry.ok) return entry;
      await tx.competitions.save(competition);
      await tx.competitionAccounts.claim({ entryId: entry.value.id, competitionId: competition.id, userId: user.id, at });
      await tx.outbox.add(eventsToOutbox('competition', competition.pullEvents()));
      const profile = user.toState();
      return ok({
        entryId: entry.value.id,
        provision: {
          competitionId: competition.id,
          entryId: entry.value.id,
          userId: user.id,
          initialBalance: competition.initialBalance.amount,
          name: profile.displayName ?? profile.email,
          email: profile.email,
          country: profile.country,
          tradingFrom: competition.schedule(this.calendar).startsAt,
        },
      });
    });
  }
}
