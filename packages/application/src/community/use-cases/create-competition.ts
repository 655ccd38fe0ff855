import { Competition, err, ok, type DomainError, type Money, type Prize, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { communityErrors } from '../community-errors.js';
import { parseMoney } from '../shared/decimal-input.js';

export type PrizeInput =
  | { readonly rank: number; readonly kind: 'cash'; readonly amount: string }
  | { readonly rank: number; readonly kind: 'funded_account'; readonly modelId: string; readonly accountSize: string };

/** Dates are trading days of the firm calendar (YYYY-MM-DD), all inclusive; amounts are decimal strings. */
export interface CreateCompetitionInput {
  readonly actorId: string;
  readonly name: string;
  readonly registrationOpens: string;
  readonly registrationCloses: string;
  readonly starts: string;
  readonly ends: string;
  /** Default USD. */
  readonly currency?: string;
  /** Default 100,000. */
  readonly initialBalance?: string;
  readonly maxParticipants?: number | null;
  /** Default 0 (free). */
  readonly entryFee?: string;
  /** Default 50. */
  readonly maxDailyTrades?: number;
  /** Defaults 5.00 and 3.00 lots. */
  readonly maxLotsForex?: string;
  readonly maxLotsIndices?: string;
  /**
   * Daily and max loss in % of the initial balance (each above 0, below 100)
   * the entries' accounts are held to; absent or null: none.
   */
  readonly lossLimits?: { readonly dailyLossPercent: string; readonly maxLossPercent: string } | null;
  readonly prizePool?: string;
  readonly prizes: readonly PrizeInput[];
}

/** Admin: opens a competition (audit-logged). */
export class CreateCompetitionUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(input: CreateCompetitionInput): Promise<Result<{ competitionId: string }, DomainError>> {
    if (input.name.trim() === '') return err(communityErrors.invalidCompetitionSettings('name', input.name));
    const currency = input.currency ?? 'USD';
    const money = (field: string, value: string | undefined): Result<Money | undefined> => {
      if (value === undefined) return ok(undefined);
      const parsed = parseMoney(value, currency);
      return parsed ? ok(parsed) : err(communityErrors.invalidCompetitionSettings(field, value));
    };
    const initialBalance = money('initialBalance', input.initialBalance ?? '100000');
    if (!initialBalance.ok) return initialBalance;
    const entryFee = money('entryFee', input.entryFee);
    if (!entryFee.ok) return entryFee;
    const prizePool = money('prizePool', input.prizePool);
    if (!prizePool.ok) return prizePool;
    const prizes: { rank: number; prize: Prize }[] = [];
    for (const p of input.prizes) {
      const amount = money(`prizes[${p.rank}]`, p.kind === 'cash' ? p.amount : p.accountSize);
      if (!amount.ok) return amount;
      const value = amount.value!;
      prizes.push({
        rank: p.rank,
        prize: p.kind === 'cash' ? { kind: 'cash', amount: value } : { kind: 'funded_account', modelId: p.modelId, accountSize: value },
      });
    }

    const at = this.clock.now();
    const created = Competition.create({
      id: this.ids.newId(),
      name: input.name.trim(),
      schedule: {
        registrationOpens: input.registrationOpens,
        registrationCloses: input.registrationCloses,
        starts: input.starts,
        ends: input.ends,
      },
      ...(initialBalance.value ? { initialBalance: initialBalance.value } : {}),
      ...(input.maxParticipants !== undefined ? { maxParticipants: input.maxParticipants } : {}),
      ...(entryFee.value ? { entryFee: entryFee.value } : {}),
      ...(input.maxDailyTrades !== undefined ? { maxDailyTrades: input.maxDailyTrades } : {}),
      ...(input.maxLotsForex !== undefined ? { maxLotsForex: input.maxLotsForex } : {}),
      ...(input.maxLotsIndices !== undefined ? { maxLotsIndices: input.maxLotsIndices } : {}),
      lossLimits: input.lossLimits ?? null,
      ...(prizePool.value ? { prizePool: prizePool.value } : {}),
      prizes,
      actor: input.actorId,
      at,
    });
    if (!created.ok) return created;
    const competition = created.value;

    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'competition.create');
      if (!admin.ok) return admin;
      await tx.competitions.save(competition);
      await tx.outbox.add(eventsToOutbox('competition', competition.pullEvents()));
      const state = competition.toState();
      await tx.audit.append({
        at,
        actorId: input.actorId,
        actorRole: 'admin',
        action: 'competition.create',
        subjectType: 'competition',
        subjectId: competition.id,
        details: {
          name: state.name,
          registrationOpens: state.registrationOpens,
          registrationCloses: state.registrationCloses,
          starts: state.starts,
          ends: state.ends,
          currency: state.currency,
          initialBalance: state.initialBalance,
          maxParticipants: state.maxParticipants,
          entryFee: state.entryFee,
          maxDailyTrades: state.maxDailyTrades,
          maxLotsForex: state.maxLotsForex,
          maxLotsIndices: state.maxLotsIndices,
          lossLimits: state.lossLimits,
          prizePool: state.prizePool,
          prizes: state.prizes.map((p) => ({ rank: p.rank, ...p.prize })),
        },
      });
      return ok({ competitionId: competition.id });
    });
  }
}
