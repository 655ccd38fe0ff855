import { Competition, Decimal, HUNDRED, toCents, type CompetitionState, type CompetitionStatus, type TradingCalendar } from '@tradesense/domain';

export type PrizeView =
  | { readonly rank: number; readonly kind: 'cash'; readonly amount: string }
  | { readonly rank: number; readonly kind: 'funded_account'; readonly modelId: string; readonly accountSize: string };

/** A competition as listed to traders and admins (amounts to the cent, instants in UTC). */
export interface CompetitionSummary {
  readonly id: string;
  readonly name: string;
  readonly status: CompetitionStatus;
  readonly registrationOpen: boolean;
  readonly registrationOpens: string;
  readonly registrationCloses: string;
  readonly starts: string;
  readonly ends: string;
  readonly registrationOpensAt: Date;
  readonly registrationClosesAt: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly currency: string;
  readonly initialBalance: string;
  readonly entryFee: string;
  readonly maxParticipants: number | null;
  readonly participants: number;
  readonly maxDailyTrades: number;
  readonly maxLotsForex: string;
  readonly maxLotsIndices: string;
  /** The entries' loss limits in % of the initial balance; null: none (rule book section 7). */
  readonly lossLimits: { readonly dailyLossPercent: string; readonly maxLossPercent: string } | null;
  readonly prizePool: string;
  readonly prizes: readonly PrizeView[];
  readonly prizesAwarded: boolean;
}

const lots = (value: string) => new Decimal(value).toFixed(2);

export function competitionSummary(
  state: CompetitionState,
  participants: number,
  now: Date,
  calendar: TradingCalendar,
): CompetitionSummary {
  const competition = Competition.restore(state);
  const schedule = competition.schedule(calendar);
  return {
    id: state.id,
    name: state.name,
    status: competition.statusAt(now, calendar),
    registrationOpen: competition.isRegistrationOpen(now, calendar),
    registrationOpens: state.registrationOpens,
    registrationCloses: state.registrationCloses,
    starts: state.starts,
    ends: state.ends,
    ...schedule,
    currency: state.currency,
    initialBalance: toCents(new Decimal(state.initialBalance)),
    entryFee: toCents(new Decimal(state.entryFee)),
    maxParticipants: state.maxParticipants,
    participants,
    maxDailyTrades: state.maxDailyTrades,
    maxLotsForex: lots(state.maxLotsForex),
    maxLotsIndices: lots(state.maxLotsIndices),
    lossLimits: state.lossLimits ? { ...state.lossLimits } : null,
    prizePool: toCents(new Decimal(state.prizePool)),
    prizes: state.prizes.map((p) =>
      p.prize.kind === 'cash'
        ? { rank: p.rank, kind: 'cash', amount: toCents(new Decimal(p.prize.amount)) }
        : { rank: p.rank, kind: 'funded_account', modelId: p.prize.modelId, accountSize: toCents(new Decimal(p.prize.accountSize)) },
    ),
    prizesAwarded: state.awards !== null,
  };
}

/** ROI fraction ("0.052300") as percent points to 2 decimals ("5.23"). */
export const roiPercent = (roi: string): string => new Decimal(roi).times(HUNDRED).toFixed(2, Decimal.ROUND_HALF_UP);
