import {
  ChallengeErrorCode,
  ok,
  type ChallengeEvent,
  type DomainError,
  type LocalDate,
  type Result,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { DayStartSnapshot } from '../ports/challenges-repositories.js';
import type { ChallengeFollowUps } from '../shared/challenge-follow-ups.js';
import type { ChallengeWriter } from '../shared/challenge-writer.js';

export interface RollTradingDayInput {
  /** The reset instant; defaults to now. Any instant of the new trading day rolls into it. */
  readonly at?: Date;
}

export interface TradingDayRolled {
  readonly tradingDay: LocalDate;
  /** UTC ISO-8601 instant of the next reset (the day may be 23, 24 or 25 hours long). */
  readonly nextResetAt: string;
  /** Day-start snapshots written now (0 when the day was already snapshotted). */
  readonly snapshots: number;
  /** Challenges that entered the new day now. */
  readonly rolled: number;
  readonly passed: readonly string[];
  readonly expired: readonly string[];
  readonly breached: readonly string[];
}

const PAGE = 200;

/**
 * The firm's day rollover (rule book sections 1 and 4): one set-based
 * statement records the day-start balance and equity of every active
 * challenge account from the latest known figures; then each challenge rolls
 * from its snapshot: the trailing end-of-day high, the new floors checked,
 * the phase target and minimum days, and inactivity expiry. Repeating a
 * rollover for a day already rolled changes nothing.
 */
export class RollTradingDay {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendar: TradingCalendar,
    private readonly writer: ChallengeWriter,
    private readonly followUps: ChallengeFollowUps,
    private readonly clock: Clock,
  ) {}

  async execute(input: RollTradingDayInput = {}): Promise<Result<TradingDayRolled, DomainError>> {
    const at = input.at ?? this.clock.now();
    const tradingDay = this.calendar.tradingDayOf(at);
    const snapshots = await this.uow.run((tx) => tx.accountEquity.snapshotDayStart(tradingDay, at));

    const outcome = { rolled: 0, passed: [] as string[], expired: [] as string[], breached: [] as string[] };
    let after: string | null = null;
    for (;;) {
      const page: DayStartSnapshot[] = await this.uow.run((tx) =>
        tx.accountEquity.listDayStart(tradingDay, { after, limit: PAGE }),
      );
      for (const snapshot of page) await this.rollOne(snapshot, at, outcome);
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = last.challengeId;
    }
    // A phase passed earlier whose next account could not be made then is retried here.
    const waiting = await this.uow.run((tx) => tx.challenges.listAwaitingNextPhase(PAGE));
    for (const challenge of waiting) await this.followUps.startNextPhase(challenge.id);
    return ok({ tradingDay, nextResetAt: this.calendar.nextReset(at).toISOString(), snapshots, ...outcome });
  }

  private async rollOne(
    snapshot: DayStartSnapshot,
    at: Date,
    outcome: { rolled: number; passed: string[]; expired: string[]; breached: string[] },
  ): Promise<void> {
    const result = await this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findById(snapshot.challengeId, { lock: true });
      // The snapshot belongs to the account it was taken from; a challenge that moved on is not rolled from it.
      if (!challenge || challenge.account !== snapshot.login) return null;
      const rolled = challenge.rollTradingDay(at, snapshot.balance, snapshot.equity);
      if (!rolled.ok) {
        const pending = rolled.error.code === ChallengeErrorCode.ALREADY_BREACHED && challenge.status === 'active';
        return pending ? { events: [] as ChallengeEvent[], rolled: false, pendingBreach: true } : null;
      }
      if (!rolled.value.rolled) return null;
      const events = await this.writer.save(tx, challenge, at);
      return { events, rolled: true, pendingBreach: false };
    });
    if (!result) return;
    const id = snapshot.challengeId;
    if (result.rolled) outcome.rolled += 1;
    if (result.events.some((event) => event.type === 'ChallengePhasePassed')) outcome.passed.push(id);
    if (result.events.some((event) => event.type === 'ChallengeExpired')) outcome.expired.push(id);
    if (result.pendingBreach || result.events.some((event) => event.type === 'ChallengeBreachDetected')) {
      outcome.breached.push(id);
    }
    if (result.pendingBreach) await this.followUps.handlePendingBreach(id);
    else await this.followUps.after(id, result.events);
  }
}
