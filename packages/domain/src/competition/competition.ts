import { compareLocal, parseLocalDate } from '../calendar/local-date.js';
import type { TradingCalendar, TradingCalendarSettings } from '../calendar/trading-calendar.js';
import type { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Decimal, dec, tryDecimal, type DecimalInput } from '../money/decimal.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { Money } from '../money/money.js';
import { AggregateRoot, type EventPayload } from '../shared/aggregate-root.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, unwrap, type Result } from '../shared/result.js';
import { CompetitionErrorCode } from './competition-errors.js';
import type { CompetitionEvent } from './competition-events.js';
import type {
  AwardState,
  CompetitionLossLimits,
  CompetitionSchedule,
  CompetitionStatus,
  EntryState,
  PrizeState,
  PrizeTierState,
} from './competition-types.js';
import { competitionRuleSnapshotData } from './competition-rule-snapshot.js';
import { compareRanking, type Standing } from './standings.js';

/** The disqualification reason of an entry whose trading account breached: `breach:<rule>`. */
export const BREACH_REASON_PREFIX = 'breach:';

/** Plain-data persistence shape. */
export interface CompetitionState extends CompetitionSchedule {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly currency: string;
  readonly initialBalance: string;
  readonly maxParticipants: number | null;
  readonly entryFee: string;
  readonly maxDailyTrades: number;
  readonly maxLotsForex: string;
  readonly maxLotsIndices: string;
  /** Null: the entries' accounts have no loss limits. */
  readonly lossLimits: CompetitionLossLimits | null;
  readonly prizePool: string;
  readonly prizes: readonly PrizeTierState[];
  readonly entries: readonly EntryState[];
  readonly awards: readonly AwardState[] | null;
  readonly awardedAt: Date | null;
  readonly awardedBy: string | null;
  readonly createdAt: Date;
}

/** A prize for a rank: cash, or a free funded account of a model and size. */
export type Prize =
  | { readonly kind: 'cash'; readonly amount: Money }
  | { readonly kind: 'funded_account'; readonly modelId: string; readonly accountSize: Money };

export interface CreateCompetition {
  readonly id: string;
  readonly name: string;
  readonly schedule: CompetitionSchedule;
  /** Seed default 100,000. */
  readonly initialBalance?: Money;
  readonly maxParticipants?: number | null;
  readonly entryFee?: Money;
  /** Seed default 50. */
  readonly maxDailyTrades?: number;
  /** Seed defaults 5.00 (forex) and 3.00 (indices) lots. */
  readonly maxLotsForex?: DecimalInput;
  readonly maxLotsIndices?: DecimalInput;
  /**
   * Daily and max loss, in % of the initial balance, each in (0, 100), both
   * measured like a model's defaults (balance basis, static max loss). Absent
   * or null: no loss limits (rule book section 7).
   */
  readonly lossLimits?: { readonly dailyLossPercent: DecimalInput; readonly maxLossPercent: DecimalInput } | null;
  readonly prizePool?: Money;
  readonly prizes: ReadonlyArray<{ readonly rank: number; readonly prize: Prize }>;
  readonly actor: string;
  readonly at: Date;
}

export interface RegisterEntry {
  readonly entryId: string;
  readonly userId: string;
  readonly country: string;
  /** Reference of the paid entry fee; required when the fee is positive. */
  readonly paymentReference?: string | null;
  readonly at: Date;
}

export interface TradeOutcome {
  readonly disqualified: boolean;
  readonly reason: string | null;
}

/**
 * A trading competition (rule book section 7). Its status follows from its
 * dates in the firm calendar; registration is open from the start of the
 * registration-open day to the end of the registration-close day, once per
 * user, up to capacity, never from a prohibited country. Entries are ranked
 * by ROI with the tie-breaks of `compareRanking`; a broken rule disqualifies
 * an entry (kept, marked, with its reason); prizes go once, after the end, to
 * the final ranks of the entries still in.
 */
export class Competition extends AggregateRoot<CompetitionEvent> {
  private constructor(private state: CompetitionState) {
    super();
  }

  static create(input: CreateCompetition): Result<Competition> {
    const schedule = validSchedule(input.schedule);
    if (!schedule.ok) return schedule;
    const initial = input.initialBalance ?? Money.of(100_000);
    const currency = initial.currency;
    const entryFee = input.entryFee ?? Money.zero(currency);
    const prizePool = input.prizePool ?? Money.zero(currency);
    const maxDailyTrades = input.maxDailyTrades ?? 50;
    const maxLotsForex = dec(input.maxLotsForex ?? '5.00');
    const maxLotsIndices = dec(input.maxLotsIndices ?? '3.00');
    const maxParticipants = input.maxParticipants ?? null;
    const settingsValid =
      initial.isPositive() &&
      !entryFee.isNegative() &&
      !prizePool.isNegative() &&
      entryFee.currency === currency &&
      prizePool.currency === currency &&
      Number.isInteger(maxDailyTrades) &&
      maxDailyTrades > 0 &&
      maxLotsForex.greaterThan(0) &&
      maxLotsIndices.greaterThan(0) &&
      (maxParticipants === null || (Number.isInteger(maxParticipants) && maxParticipants > 0));
    if (!settingsValid) return err(domainError(CompetitionErrorCode.INVALID_SETTINGS, 'Competition settings are invalid', {}));
    const lossLimits = validLossLimits(input.lossLimits ?? null);
    if (!lossLimits.ok) return lossLimits;

    const prizes = validPrizes(input.prizes, currency, prizePool);
    if (!prizes.ok) return prizes;

    const competition = new Competition({
      id: input.id,
      version: 0,
      name: input.name,
      ...schedule.value,
      currency,
      initialBalance: initial.amount.toFixed(),
      maxParticipants,
      entryFee: entryFee.amount.toFixed(),
      maxDailyTrades,
      maxLotsForex: maxLotsForex.toFixed(),
      maxLotsIndices: maxLotsIndices.toFixed(),
      lossLimits: lossLimits.value,
      prizePool: prizePool.amount.toFixed(),
      prizes: prizes.value,
      entries: [],
      awards: null,
      awardedAt: null,
      awardedBy: null,
      createdAt: input.at,
    });
    competition.emit('CompetitionCreated', input.at, {
      name: input.name,
      ...schedule.value,
      actor: input.actor,
    });
    return ok(competition);
  }

  static restore(state: CompetitionState): Competition {
    return new Competition(cloneState(state));
  }

  get id(): string {
    return this.state.id;
  }
  get version(): number {
    return this.state.version;
  }
  get initialBalance(): Money {
    return Money.of(this.state.initialBalance, this.state.currency);
  }
  get entryFee(): Money {
    return Money.of(this.state.entryFee, this.state.currency);
  }
  get name(): string {
    return this.state.name;
  }
  get currency(): string {
    return this.state.currency;
  }
  get lossLimits(): CompetitionLossLimits | null {
    return this.state.lossLimits && { ...this.state.lossLimits };
  }
  get prizesAwarded(): boolean {
    return this.state.awards !== null;
  }
  get participantCount(): number {
    return this.state.entries.length;
  }

  entries(): readonly EntryState[] {
    return this.state.entries.map((e) => ({ ...e }));
  }

  entryOf(userId: string): EntryState | undefined {
    const entry = this.state.entries.find((e) => e.userId === userId);
    return entry && { ...entry };
  }

  schedule(calendar: TradingCalendar): {
    registrationOpensAt: Date;
    registrationClosesAt: Date;
    startsAt: Date;
    endsAt: Date;
  } {
    return {
      registrationOpensAt: calendar.startOf(this.state.registrationOpens),
      registrationClosesAt: calendar.endOf(this.state.registrationCloses),
      startsAt: calendar.startOf(this.state.starts),
      endsAt: calendar.endOf(this.state.ends),
    };
  }

  /**
   * upcoming → registration → active → ended. Between the close of
   * registration and the start the competition shows as upcoming; a
   * registration window reaching into the competition shows as active while
   * still accepting entries (see `isRegistrationOpen`).
   */
  statusAt(at: Date, calendar: TradingCalendar): CompetitionStatus {
    const s = this.schedule(calendar);
    if (at >= s.endsAt) return 'ended';
    if (at >= s.startsAt) return 'active';
    if (at >= s.registrationOpensAt && at < s.registrationClosesAt) return 'registration';
    return 'upcoming';
  }

  isRegistrationOpen(at: Date, calendar: TradingCalendar): boolean {
    const s = this.schedule(calendar);
    return at >= s.registrationOpensAt && at < s.registrationClosesAt && at < s.endsAt;
  }

  register(input: RegisterEntry, calendar: TradingCalendar, prohibitedCountries: ProhibitedCountries): Result<EntryState> {
    const country = prohibitedCountries.check(input.country, 'competition_registration');
    if (!country.ok) return country;
    if (!this.isRegistrationOpen(input.at, calendar)) {
      return err(
        domainError(CompetitionErrorCode.REGISTRATION_CLOSED, 'Registration is not open', {
          competitionId: this.state.id,
          status: this.statusAt(input.at, calendar),
        }),
      );
    }
    if (this.state.entries.some((e) => e.userId === input.userId)) {
      return err(domainError(CompetitionErrorCode.ALREADY_REGISTERED, 'Already registered', { userId: input.userId }));
    }
    if (this.state.maxParticipants !== null && this.state.entries.length >= this.state.maxParticipants) {
      return err(
        domainError(CompetitionErrorCode.FULL, 'The competition is full', { maxParticipants: this.state.maxParticipants }),
      );
    }
    if (this.state.entries.some((e) => e.id === input.entryId)) {
      return err(domainError(CompetitionErrorCode.DUPLICATE_ENTRY_ID, 'An entry with this id exists', { entryId: input.entryId }));
    }
    const paymentReference = input.paymentReference ?? null;
    if (this.entryFee.isPositive() && !paymentReference) {
      return err(
        domainError(CompetitionErrorCode.ENTRY_FEE_REQUIRED, 'The entry fee must be paid first', {
          entryFee: this.entryFee.toFixed(),
        }),
      );
    }
    const entry: EntryState = {
      id: input.entryId,
      userId: input.userId,
      registeredAt: input.at,
      paymentReference,
      equity: this.state.initialBalance,
      equityAt: input.at,
      roiReachedAt: input.at,
      status: 'active',
      disqualification: null,
      tradingDay: null,
      tradesOnDay: 0,
    };
    this.state = { ...this.state, entries: [...this.state.entries, entry] };
    this.emit('CompetitionEntryRegistered', input.at, {
      entryId: entry.id,
      userId: entry.userId,
      initialBalance: this.initialBalance.toFixed(),
      currency: this.state.currency,
      paymentReference,
    });
    return ok({ ...entry });
  }

  /**
   * Applies an equity reading taken during the competition. A reading older
   * than the one applied is ignored (feeds may deliver out of order); the
   * ROI-reached instant moves only when the equity, hence the ROI, changes.
   */
  recordEquity(input: { entryId: string; equity: Money; at: Date }, calendar: TradingCalendar): Result<void> {
    const entry = this.activeEntryDuringCompetition(input.entryId, input.at, calendar);
    if (!entry.ok) return entry;
    if (input.equity.currency !== this.state.currency) {
      return err(domainError(CompetitionErrorCode.CURRENCY_MISMATCH, 'Equity is in another currency', {}));
    }
    const current = entry.value;
    if (input.at < current.equityAt) return ok(undefined);
    const equity = input.equity.amount;
    const changed = !equity.equals(dec(current.equity));
    this.replaceEntry({
      ...current,
      equity: equity.toFixed(),
      equityAt: input.at,
      roiReachedAt: changed ? input.at : current.roiReachedAt,
    });
    return ok(undefined);
  }

  /**
   * Checks a trade against the competition rules (max trades per trading
   * day, max lots per asset class); a breach disqualifies the entry at once.
   */
  recordTrade(
    input: { entryId: string; lots: DecimalInput; assetClass: string; at: Date },
    calendar: TradingCalendar,
  ): Result<TradeOutcome> {
    const entry = this.activeEntryDuringCompetition(input.entryId, input.at, calendar);
    if (!entry.ok) return entry;
    const current = entry.value;
    const day = calendar.tradingDayOf(input.at);
    const tradesOnDay = current.tradingDay === day ? current.tradesOnDay + 1 : 1;
    this.replaceEntry({ ...current, tradingDay: day, tradesOnDay });

    const lots = dec(input.lots);
    const limit =
      input.assetClass === 'forex'
        ? dec(this.state.maxLotsForex)
        : input.assetClass === 'indices'
          ? dec(this.state.maxLotsIndices)
          : null;
    let reason: string | null = null;
    if (tradesOnDay > this.state.maxDailyTrades) {
      reason = `MAX_DAILY_TRADES_EXCEEDED: ${tradesOnDay} trades on ${day} (limit ${this.state.maxDailyTrades})`;
    } else if (limit !== null && lots.greaterThan(limit)) {
      reason = `MAX_LOT_SIZE_EXCEEDED: ${lots.toFixed()} lots ${input.assetClass} (limit ${limit.toFixed()})`;
    }
    if (reason === null) return ok({ disqualified: false, reason: null });
    const disqualified = this.disqualify({ entryId: input.entryId, reason, actor: 'system', at: input.at });
    if (!disqualified.ok) return disqualified;
    return ok({ disqualified: true, reason });
  }

  disqualify(input: { entryId: string; reason: string; actor: string; at: Date }): Result<void> {
    if (this.state.awards !== null) {
      return err(domainError(CompetitionErrorCode.PRIZES_ALREADY_AWARDED, 'Prizes were already awarded', {}));
    }
    const entry = this.findEntry(input.entryId);
    if (!entry.ok) return entry;
    if (entry.value.status === 'disqualified') {
      return err(domainError(CompetitionErrorCode.ENTRY_DISQUALIFIED, 'The entry is already disqualified', { entryId: input.entryId }));
    }
    this.replaceEntry({
      ...entry.value,
      status: 'disqualified',
      disqualification: { reason: input.reason, actor: input.actor, at: input.at },
    });
    this.emit('CompetitionEntryDisqualified', input.at, {
      entryId: input.entryId,
      userId: entry.value.userId,
      reason: input.reason,
      actor: input.actor,
    });
    return ok(undefined);
  }

  /**
   * The entry's trading account breached a loss limit (rule book section 7):
   * the entry is disqualified by the system with reason `breach:<rule>`.
   */
  disqualifyForBreach(input: { entryId: string; rule: string; at: Date }): Result<void> {
    return this.disqualify({ entryId: input.entryId, reason: `${BREACH_REASON_PREFIX}${input.rule}`, actor: 'system', at: input.at });
  }

  /**
   * An admin overrode the breach that disqualified the entry: it is back in
   * and ranked again, with the equity it had. Only an entry disqualified by a
   * breach comes back this way (a broken trade rule or an admin's
   * disqualification stands), and only before the competition ends and its
   * prizes go out: afterwards the final ranks stand.
   */
  reinstateAfterBreachOverride(
    input: { entryId: string; actor: string; reason: string; at: Date },
    calendar: TradingCalendar,
  ): Result<void> {
    if (this.state.awards !== null) {
      return err(domainError(CompetitionErrorCode.PRIZES_ALREADY_AWARDED, 'Prizes were already awarded', {}));
    }
    if (this.statusAt(input.at, calendar) === 'ended') {
      return err(domainError(CompetitionErrorCode.ENDED, 'The competition has ended', { competitionId: this.state.id }));
    }
    const entry = this.findEntry(input.entryId);
    if (!entry.ok) return entry;
    const disqualification = entry.value.disqualification;
    if (entry.value.status !== 'disqualified' || !disqualification?.reason.startsWith(BREACH_REASON_PREFIX)) {
      return err(
        domainError(CompetitionErrorCode.NOT_DISQUALIFIED_BY_BREACH, 'The entry was not disqualified by a breach', {
          entryId: input.entryId,
          reason: disqualification?.reason ?? null,
        }),
      );
    }
    this.replaceEntry({ ...entry.value, status: 'active', disqualification: null });
    this.emit('CompetitionEntryReinstated', input.at, {
      entryId: input.entryId,
      userId: entry.value.userId,
      previousReason: disqualification.reason,
      actor: input.actor,
      reason: input.reason,
    });
    return ok(undefined);
  }

  /**
   * The frozen rules of an entry's trading account: the competition's initial
   * balance and loss limits (off when it has none) under the firm calendar.
   */
  ruleSnapshot(calendar: TradingCalendarSettings): RuleSnapshot {
    return unwrap(RuleSnapshot.fromJSON(competitionRuleSnapshotData(this.state, calendar)));
  }

  /** The leaderboard: entries still in, ranked 1..n. Disqualified entries are not ranked. */
  standings(): Standing[] {
    const initial = dec(this.state.initialBalance);
    return this.state.entries
      .filter((e) => e.status === 'active')
      .map((e) => ({ entry: e, equity: dec(e.equity) }))
      .sort((a, b) =>
        compareRanking(
          { entryId: a.entry.id, performance: a.equity, roiReachedAt: a.entry.roiReachedAt, registeredAt: a.entry.registeredAt },
          { entryId: b.entry.id, performance: b.equity, roiReachedAt: b.entry.roiReachedAt, registeredAt: b.entry.registeredAt },
        ),
      )
      .map(({ entry, equity }, index) => ({
        rank: index + 1,
        entryId: entry.id,
        userId: entry.userId,
        equity: equity.toFixed(),
        roi: equity.minus(initial).dividedBy(initial).toFixed(6, Decimal.ROUND_HALF_UP),
        roiReachedAt: entry.roiReachedAt,
        registeredAt: entry.registeredAt,
      }));
  }

  /** Awards the prizes to the final ranks, once, after the end. */
  awardPrizes(input: { actor: string; at: Date }, calendar: TradingCalendar): Result<AwardState[]> {
    if (this.state.awards !== null) {
      return err(domainError(CompetitionErrorCode.PRIZES_ALREADY_AWARDED, 'Prizes were already awarded', {}));
    }
    if (this.statusAt(input.at, calendar) !== 'ended') {
      return err(domainError(CompetitionErrorCode.NOT_ENDED, 'The competition has not ended', {}));
    }
    const standings = this.standings();
    const awards: AwardState[] = [];
    for (const tier of this.state.prizes) {
      const standing = standings[tier.rank - 1];
      if (standing) awards.push({ rank: tier.rank, entryId: standing.entryId, userId: standing.userId, prize: { ...tier.prize } });
    }
    this.state = { ...this.state, awards, awardedAt: input.at, awardedBy: input.actor };
    this.emit('CompetitionPrizesAwarded', input.at, {
      actor: input.actor,
      currency: this.state.currency,
      awards: awards.map((a) => ({ ...a, prize: { ...a.prize } })),
    });
    return ok(awards.map((a) => ({ ...a })));
  }

  toState(): CompetitionState {
    return cloneState(this.state);
  }

  private activeEntryDuringCompetition(entryId: string, at: Date, calendar: TradingCalendar): Result<EntryState> {
    if (this.statusAt(at, calendar) !== 'active') {
      return err(domainError(CompetitionErrorCode.NOT_ACTIVE, 'The competition is not running', { competitionId: this.state.id }));
    }
    const entry = this.findEntry(entryId);
    if (!entry.ok) return entry;
    if (entry.value.status !== 'active') {
      return err(domainError(CompetitionErrorCode.ENTRY_DISQUALIFIED, 'The entry is disqualified', { entryId }));
    }
    return entry;
  }

  private findEntry(entryId: string): Result<EntryState> {
    const entry = this.state.entries.find((e) => e.id === entryId);
    if (!entry) return err(domainError(CompetitionErrorCode.ENTRY_NOT_FOUND, 'No such entry', { entryId }));
    return ok(entry);
  }

  private replaceEntry(updated: EntryState): void {
    this.state = { ...this.state, entries: this.state.entries.map((e) => (e.id === updated.id ? updated : e)) };
  }

  private emit<T extends CompetitionEvent['type']>(type: T, at: Date, payload: EventPayload<CompetitionEvent, T>): void {
    this.recordEvent(type, this.state.id, at, payload);
  }
}

function validLossLimits(input: CreateCompetition['lossLimits'] | null): Result<CompetitionLossLimits | null> {
  if (input === null || input === undefined) return ok(null);
  const invalid = () =>
    err(domainError(CompetitionErrorCode.INVALID_SETTINGS, 'Loss limits must be percentages above 0 and below 100', {}));
  const percent = (value: DecimalInput): Decimal | null => {
    const parsed = tryDecimal(value);
    return parsed && parsed.greaterThan(0) && parsed.lessThan(100) ? parsed : null;
  };
  const daily = percent(input.dailyLossPercent);
  const max = percent(input.maxLossPercent);
  if (daily === null || max === null) return invalid();
  return ok({ dailyLossPercent: daily.toFixed(), maxLossPercent: max.toFixed() });
}

function validSchedule(schedule: CompetitionSchedule): Result<CompetitionSchedule> {
  const invalid = (message: string) => err(domainError(CompetitionErrorCode.INVALID_SCHEDULE, message, { ...schedule }));
  let parsed: CompetitionSchedule;
  try {
    parsed = {
      registrationOpens: parseLocalDate(schedule.registrationOpens),
      registrationCloses: parseLocalDate(schedule.registrationCloses),
      starts: parseLocalDate(schedule.starts),
      ends: parseLocalDate(schedule.ends),
    };
  } catch {
    return invalid('Competition dates must be YYYY-MM-DD');
  }
  if (compareLocal(parsed.registrationOpens, parsed.registrationCloses) > 0) return invalid('Registration closes before it opens');
  if (compareLocal(parsed.starts, parsed.ends) > 0) return invalid('The competition ends before it starts');
  if (compareLocal(parsed.registrationOpens, parsed.starts) > 0) return invalid('Registration opens after the start');
  if (compareLocal(parsed.registrationCloses, parsed.ends) > 0) return invalid('Registration closes after the end');
  return ok(parsed);
}

function validPrizes(
  prizes: ReadonlyArray<{ readonly rank: number; readonly prize: Prize }>,
  currency: string,
  pool: Money,
): Result<PrizeTierState[]> {
  const invalid = (message: string) => err(domainError(CompetitionErrorCode.INVALID_PRIZES, message, {}));
  const ranks = new Set<number>();
  let cash = Money.zero(currency);
  const out: PrizeTierState[] = [];
  for (const { rank, prize } of prizes) {
    if (!Number.isInteger(rank) || rank < 1 || ranks.has(rank)) return invalid(`Invalid or repeated prize rank ${rank}`);
    ranks.add(rank);
    if (prize.kind === 'cash') {
      if (prize.amount.currency !== currency || !prize.amount.isPositive()) return invalid(`Invalid cash prize for rank ${rank}`);
      cash = cash.plus(prize.amount);
      out.push({ rank, prize: { kind: 'cash', amount: prize.amount.amount.toFixed() } });
    } else {
      if (!prize.accountSize.isPositive() || prize.modelId.trim() === '') return invalid(`Invalid funded prize for rank ${rank}`);
      out.push({
        rank,
        prize: { kind: 'funded_account', modelId: prize.modelId, accountSize: prize.accountSize.amount.toFixed() },
      });
    }
  }
  if (cash.greaterThan(pool)) return invalid('Cash prizes exceed the prize pool');
  return ok(out.sort((a, b) => a.rank - b.rank));
}

function cloneState(state: CompetitionState): CompetitionState {
  return {
    ...state,
    lossLimits: state.lossLimits ? { ...state.lossLimits } : null,
    prizes: state.prizes.map((p) => ({ rank: p.rank, prize: { ...p.prize } })),
    entries: state.entries.map((e) => ({ ...e, disqualification: e.disqualification ? { ...e.disqualification } : null })),
    awards: state.awards ? state.awards.map((a) => ({ ...a, prize: { ...a.prize } })) : null,
  };
}

/** Turns a stored prize back into Money values. */
export function prizeOf(state: PrizeState, currency: string): Prize {
  return state.kind === 'cash'
    ? { kind: 'cash', amount: Money.of(state.amount, currency) }
    : { kind: 'funded_account', modelId: state.modelId, accountSize: Money.of(state.accountSize, currency) };
}
