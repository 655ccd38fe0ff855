import { Decimal, type AwardState, type CompetitionState, type EntryState, type PrizeTierState } from '@tradesense/domain';

export interface CompetitionRow {
  id: string;
  name: string;
  registration_opens: string;
  registration_closes: string;
  starts: string;
  ends: string;
  currency: string;
  initial_balance: string;
  max_participants: number | null;
  entry_fee: string;
  max_daily_trades: number;
  max_lots_forex: string;
  max_lots_indices: string;
  /** Both set or both null (no loss limits). */
  daily_loss_percent: string | null;
  max_loss_percent: string | null;
  prize_pool: string;
  prizes: PrizeTierState[];
  awards: AwardState[] | null;
  awarded_at: Date | null;
  awarded_by: string | null;
  created_at: Date;
  version: number;
}

export interface CompetitionEntryRow {
  id: string;
  competition_id: string;
  user_id: string;
  registered_at: Date;
  payment_reference: string | null;
  equity: string;
  equity_at: Date;
  roi_reached_at: Date;
  status: EntryState['status'];
  disqualification_reason: string | null;
  disqualified_by: string | null;
  disqualified_at: Date | null;
  trading_day: string | null;
  trades_on_day: number;
  position: number;
}

/** NUMERIC comes back with the column's scale ("100000.00"); the aggregate keeps plain decimals ("100000"). */
const plain = (value: string): string => new Decimal(value).toFixed();

export const competitionMapper = {
  toRow: (s: CompetitionState) => ({
    name: s.name,
    registration_opens: s.registrationOpens,
    registration_closes: s.registrationCloses,
    starts: s.starts,
    ends: s.ends,
    currency: s.currency,
    initial_balance: s.initialBalance,
    max_participants: s.maxParticipants,
    entry_fee: s.entryFee,
    max_daily_trades: s.maxDailyTrades,
    max_lots_forex: s.maxLotsForex,
    max_lots_indices: s.maxLotsIndices,
    daily_loss_percent: s.lossLimits?.dailyLossPercent ?? null,
    max_loss_percent: s.lossLimits?.maxLossPercent ?? null,
    prize_pool: s.prizePool,
    prizes: JSON.stringify(s.prizes),
    awards: s.awards === null ? null : JSON.stringify(s.awards),
    awarded_at: s.awardedAt,
    awarded_by: s.awardedBy,
    created_at: s.createdAt,
  }),

  entryToRow: (competitionId: string, e: EntryState, position: number): CompetitionEntryRow => ({
    id: e.id,
    competition_id: competitionId,
    user_id: e.userId,
    registered_at: e.registeredAt,
    payment_reference: e.paymentReference,
    equity: e.equity,
    equity_at: e.equityAt,
    roi_reached_at: e.roiReachedAt,
    status: e.status,
    disqualification_reason: e.disqualification?.reason ?? null,
    disqualified_by: e.disqualification?.actor ?? null,
    disqualified_at: e.disqualification?.at ?? null,
    trading_day: e.tradingDay,
    trades_on_day: e.tradesOnDay,
    position,
  }),

  toState: (r: CompetitionRow, entries: readonly CompetitionEntryRow[]): CompetitionState => ({
    id: r.id,
    version: r.version,
    name: r.name,
    registrationOpens: r.registration_opens,
    registrationCloses: r.registration_closes,
    starts: r.starts,
    ends: r.ends,
    currency: r.currency,
    initialBalance: plain(r.initial_balance),
    maxParticipants: r.max_participants,
    entryFee: plain(r.entry_fee),
    maxDailyTrades: r.max_daily_trades,
    maxLotsForex: plain(r.max_lots_forex),
    maxLotsIndices: plain(r.max_lots_indices),
    lossLimits:
      r.daily_loss_percent !== null && r.max_loss_percent !== null
        ? { dailyLossPercent: plain(r.daily_loss_percent), maxLossPercent: plain(r.max_loss_percent) }
        : null,
    prizePool: plain(r.prize_pool),
    prizes: r.prizes,
    entries: entries.map(entryToState),
    awards: r.awards,
    awardedAt: r.awarded_at,
    awardedBy: r.awarded_by,
    createdAt: r.created_at,
  }),
};

function entryToState(r: CompetitionEntryRow): EntryState {
  return {
    id: r.id,
    userId: r.user_id,
    registeredAt: r.registered_at,
    paymentReference: r.payment_reference,
    equity: plain(r.equity),
    equityAt: r.equity_at,
    roiReachedAt: r.roi_reached_at,
    status: r.status,
    disqualification:
      r.disqualification_reason !== null && r.disqualified_at !== null
        ? { reason: r.disqualification_reason, actor: r.disqualified_by ?? 'system', at: r.disqualified_at }
        : null,
    tradingDay: r.trading_day,
    tradesOnDay: r.trades_on_day,
  };
}
